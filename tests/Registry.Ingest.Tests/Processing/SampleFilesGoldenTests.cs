using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using Registry.Ingest.Cli;
using Registry.Ingest.Processing;
using Registry.Ingest.Tests.Support;

namespace Registry.Ingest.Tests.Processing;

/// <summary>
/// Every file in sample-files/ goes through the validate pipeline and must give exactly the ACK
/// file and report kept in sample-files/expected/ (generated ACK control ids normalised; the clock
/// is fixed). Set REGISTRY_INGEST_UPDATE_GOLDEN=1 to rewrite the expected files after a deliberate
/// change, then review the diff.
/// </summary>
public sealed partial class SampleFilesGoldenTests
{
    private static readonly string SampleDirectory = RepositoryFiles.Path("sample-files");
    private static readonly string ExpectedDirectory = RepositoryFiles.Path("sample-files", "expected");

    private static IEnumerable<TestCaseData> Samples() =>
        Directory.EnumerateFiles(SampleDirectory)
            .Where(f => !InputFiles.IsIgnored(System.IO.Path.GetFileName(f)) && !f.EndsWith(".md", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(f => new TestCaseData(System.IO.Path.GetFileName(f)).SetArgDisplayNames(System.IO.Path.GetFileName(f)));

    [TestCaseSource(nameof(Samples))]
    public void Validate_SampleFile_GivesTheExpectedAckAndReport(string fileName)
    {
        using var output = TempFolder.ForCaller();
        var processor = PipelineFactory.Create(new ConfigurationBuilder().Build(), FixedTimeProvider.Default);

        var outcome = processor.Process(System.IO.Path.Combine(SampleDirectory, fileName), output.Path);

        var baseName = System.IO.Path.GetFileNameWithoutExtension(fileName);
        foreach (var suffix in new[] { BatchFileProcessor.AckSuffix, BatchFileProcessor.ReportSuffix })
        {
            var actualPath = output.Combine(baseName + suffix);
            var expectedPath = System.IO.Path.Combine(ExpectedDirectory, baseName + suffix);
            bool written = File.Exists(actualPath);
            if (Environment.GetEnvironmentVariable("REGISTRY_INGEST_UPDATE_GOLDEN") == "1")
            {
                Update(actualPath, expectedPath, written);
                continue;
            }

            Assert.That(written, Is.EqualTo(File.Exists(expectedPath)), $"{baseName}{suffix} written");
            if (written)
            {
                Assert.That(Normalise(File.ReadAllText(actualPath)), Is.EqualTo(Normalise(File.ReadAllText(expectedPath))), $"{baseName}{suffix}");
            }
        }

        Assert.That(outcome.Processed, Is.EqualTo(outcome.AckPath is not null));
    }

    [TestCase("HL7_DCS0067_20240131.txt", 0)]
    [TestCase("HL7_DCS0067_20240201_093000.txt", 1)]
    [TestCase("HL7_NDIIS-EXAMPLES_20141027.txt", 1)]
    [TestCase("HL7_EMPTYCLINIC_20240101.txt", 2)]
    [TestCase("HL7_BINARYCLINIC_20240101.txt", 2)]
    [TestCase("HL7_CSVCLINIC_20240101.txt", 2)]
    [TestCase("hl7_dcs0067_2024-01-31.txt", 2)]
    public void Validate_SampleFile_GivesTheDocumentedExitCode(string fileName, int exitCode)
    {
        using var output = TempFolder.ForCaller();
        var processor = PipelineFactory.Create(new ConfigurationBuilder().Build(), FixedTimeProvider.Default);

        var outcome = processor.Process(System.IO.Path.Combine(SampleDirectory, fileName), output.Path);

        Assert.That(outcome.ExitCode, Is.EqualTo(exitCode));
    }

    [Test]
    public void Validate_EveryProcessedSample_HasOneAckPerMessageInInputOrder()
    {
        using var output = TempFolder.ForCaller();
        var processor = PipelineFactory.Create(new ConfigurationBuilder().Build(), FixedTimeProvider.Default);
        foreach (var data in Samples())
        {
            var fileName = (string)data.Arguments[0]!;
            var input = System.IO.Path.Combine(SampleDirectory, fileName);
            var outcome = processor.Process(input, output.Path);
            if (!outcome.Processed)
            {
                continue;
            }

            var sent = ControlIds(File.ReadAllText(input), "MSH", 10);
            var acked = ControlIds(File.ReadAllText(outcome.AckPath!), "MSA", 2);
            Assert.That(acked, Is.EqualTo(sent), fileName);
        }
    }

    private static List<string> ControlIds(string text, string segment, int field) =>
        text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.TrimStart('\uFEFF', ' '))
            .Where(l => l.StartsWith(segment + "|", StringComparison.Ordinal))
            .Select(l => l.Split('|') is var f && f.Length > (segment == "MSH" ? field - 1 : field) ? f[segment == "MSH" ? field - 1 : field] : string.Empty)
            .ToList();

    private static string Normalise(string text) => AckControlId().Replace(text, "R000000000000");

    private static void Update(string actualPath, string expectedPath, bool written)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(expectedPath)!);
        if (written)
        {
            File.WriteAllText(expectedPath, Normalise(File.ReadAllText(actualPath)));
        }
        else if (File.Exists(expectedPath))
        {
            File.Delete(expectedPath);
        }
    }

    [GeneratedRegex("R[0-9A-F]{12}")]
    private static partial Regex AckControlId();
}
