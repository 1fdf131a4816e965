using System.Text;
using Registry.Ingest.Hl7;
using Registry.Ingest.Tests.Support;

namespace Registry.Ingest.Tests.Cli;

/// <summary>
/// <c>registry-ingest validate</c> run as a real process: exit codes 0 (all AA), 1 (some AE/AR),
/// 2 (some file not processed), 64 (bad command line), 78 (bad configuration); one line per file
/// on standard output, naming the file and counts, never the patient.
/// </summary>
[TestFixture]
internal sealed class ValidateCommandTests
{
    private const string CleanSample = "HL7_DCS0067_20240131.txt";

    private static readonly string SampleDirectory = RepositoryFiles.Path("sample-files");

    private TempFolder work = null!;

    [SetUp]
    public void CreateWorkFolder() => work = TempFolder.ForCaller();

    [TearDown]
    public void DeleteWorkFolder() => work.Dispose();

    private string Out => work.Combine("out");

    [TestCase(new string[0], "Required command", TestName = "{m}(no arguments)")]
    [TestCase(new[] { "validate" }, "--out", TestName = "{m}(validate alone)")]
    [TestCase(new[] { "validate", "a.txt", "--out", "x", "--bogus" }, "--bogus", TestName = "{m}(unknown option after the others)")]
    [TestCase(new[] { "validate", "--bogus", "a.txt", "--out", "x" }, "--bogus", TestName = "{m}(unknown option first)")]
    [TestCase(new[] { "validate", "a.txt", "--out", "x", "-v" }, "-v", TestName = "{m}(unknown short option)")]
    [TestCase(new[] { "validate", "a.txt" }, "--out", TestName = "{m}(no --out)")]
    [TestCase(new[] { "validate", "a.txt", "--out", "x", "--profile", "nope" }, "nope", TestName = "{m}(unknown profile)")]
    [TestCase(new[] { "frobnicate" }, "frobnicate", TestName = "{m}(unknown command)")]
    public void Run_BadCommandLine_ExitsWithUsageNamingTheProblemAndShowsHelp(string[] arguments, string problem)
    {
        var result = RegistryIngestCli.Run(work.Path, arguments);

        Assert.That(result.ExitCode, Is.EqualTo(64), result.ToString());
        Assert.That(result.StandardError, Does.Contain(problem), result.ToString());
        Assert.That(result.StandardOutput + result.StandardError, Does.Contain("Usage:").And.Contain("validate"), "help text");
        Assert.That(Directory.Exists(work.Combine("x")), Is.False, "nothing was run");
    }

    [Test]
    public void Validate_SampleFolder_ExitsTwoWithOneLinePerFileAndNoPatientData()
    {
        var samples = Directory.EnumerateFiles(SampleDirectory).Select(f => Path.GetFileName(f)!).Order(StringComparer.Ordinal).ToList();

        var result = RegistryIngestCli.Run(work.Path, ["validate", SampleDirectory, "--out", Out]);

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.OutputLines.Select(l => l[..(l.IndexOf("': ", StringComparison.Ordinal) + 1)]), Is.EqualTo(samples.Select(s => $"'{s}'")), result.ToString());
        Assert.That(result.ErrorLines, Is.Empty);
        Assert.That(result.OutputLines.Count(l => l.Contains(": NOT PROCESSED (", StringComparison.Ordinal)), Is.EqualTo(4), "empty, binary, CSV and the badly named sample");
        var patientData = PatientDataIn(samples);
        Assert.That(patientData, Has.Count.GreaterThan(40), "the samples' names, identifiers, birth dates and addresses");
        Assert.That(patientData.Where(value => (result.StandardOutput + result.StandardError).Contains(value, StringComparison.Ordinal)), Is.Empty);
    }

    [Test]
    public void Validate_CleanSample_ExitsZero()
    {
        var result = RegistryIngestCli.Run(work.Path, ["validate", Path.Combine(SampleDirectory, CleanSample), "--out", Out]);

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.OutputLines, Has.Length.EqualTo(1));
        Assert.That(result.OutputLines[0], Does.StartWith($"'{CleanSample}': 4 messages: AA 4, AE 0, AR 0;"));
        Assert.That(File.Exists(Path.Combine(Out, "HL7_DCS0067_20240131.ack.txt")), Is.True);
        Assert.That(File.Exists(Path.Combine(Out, "HL7_DCS0067_20240131.report.txt")), Is.True);
    }

    [Test]
    public void Validate_FileWithAnAeMessage_ExitsOne()
    {
        var file = Write("HL7_CLINIC01_20240515.txt", BatchFiles.Messages(2, (m, i) => i == 1 ? m.With("PID-7", string.Empty) : m));

        var result = RegistryIngestCli.Run(work.Path, ["validate", file, "--out", Out]);

        Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
        Assert.That(result.OutputLines, Is.EqualTo(new[] { $"'HL7_CLINIC01_20240515.txt': 2 messages: AA 1, AE 1, AR 0; vaccinations accepted 1, dropped 1; ack {Path.Combine(Out, "HL7_CLINIC01_20240515.ack.txt")}; report {Path.Combine(Out, "HL7_CLINIC01_20240515.report.txt")}" }));
    }

    [Test]
    public void Validate_MissingPath_ExitsTwoSayingSoAndStillRunsTheOtherFiles()
    {
        var missing = work.Combine("HL7_NOWHERE_20240101.txt");

        var result = RegistryIngestCli.Run(work.Path, ["validate", missing, Path.Combine(SampleDirectory, CleanSample), "--out", Out]);

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.ErrorLines, Is.EqualTo(new[] { $"{missing}: no such file or folder" }));
        Assert.That(result.OutputLines, Has.Length.EqualTo(1).And.Some.StartsWith($"'{CleanSample}': 4 messages"));
    }

    [Test]
    public void Validate_OutIsAFile_ExitsWithUsageSayingWhy()
    {
        var notAFolder = work.Combine("not-a-folder");
        File.WriteAllText(notAFolder, "x");

        var result = RegistryIngestCli.Run(work.Path, ["validate", Path.Combine(SampleDirectory, CleanSample), "--out", notAFolder]);

        Assert.That(result.ExitCode, Is.EqualTo(64), result.ToString());
        Assert.That(result.ErrorLines, Has.Length.EqualTo(1).And.Some.StartsWith($"--out {notAFolder}: cannot be used as the folder"));
        Assert.That(File.ReadAllText(notAFolder), Is.EqualTo("x"));
    }

    [Test]
    public void Validate_TwoInputsOfTheSameName_ValidatesTheFirstAndSkipsTheSecondSayingWhy()
    {
        var first = Path.Combine(SampleDirectory, CleanSample);
        var second = Path.Combine(work.Path, "elsewhere", CleanSample);
        Directory.CreateDirectory(Path.GetDirectoryName(second)!);
        File.WriteAllText(second, "not even HL7");

        var result = RegistryIngestCli.Run(work.Path, ["validate", first, second, "--out", Out]);

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.ErrorLines, Is.EqualTo(new[] { $"{second}: skipped, an earlier input has the same name and its ACK file and report would be overwritten" }));
        Assert.That(File.ReadAllText(Path.Combine(Out, Path.ChangeExtension(CleanSample, ".report.txt"))), Does.Not.Contain("NOT PROCESSED"), "the first file's report stays");
        Assert.That(File.Exists(Path.Combine(Out, Path.ChangeExtension(CleanSample, ".ack.txt"))), Is.True);
    }

    /// <summary>
    /// NDIIS makes VFC eligibility and funding source required for administered doses. The clean
    /// sample sends both for every administered dose (its other doses are historical or refused),
    /// so the profile changes nothing there but the report's "Rules:" line.
    /// </summary>
    [Test]
    public void Validate_CleanSampleWithNdiisProfile_StillExitsZeroUnderTheNdiisRules()
    {
        var result = RegistryIngestCli.Run(work.Path, ["validate", Path.Combine(SampleDirectory, CleanSample), "--out", Out, "--profile", "ndiis"]);

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.OutputLines[0], Does.StartWith($"'{CleanSample}': 4 messages: AA 4, AE 0, AR 0;"));
        Assert.That(File.ReadAllText(Path.Combine(Out, "HL7_DCS0067_20240131.report.txt")), Does.Contain("Rules:    profile ndiis"));
    }

    [TestCase(null, 0, "AA 1, AE 0", TestName = "{m}(default icare: a warning)")]
    [TestCase("icare", 0, "AA 1, AE 0", TestName = "{m}(icare: a warning)")]
    [TestCase("ndiis", 1, "AA 0, AE 1", TestName = "{m}(ndiis: an error)")]
    public void Validate_AdministeredDoseWithoutFundingSource_DependsOnTheProfile(string? profile, int exitCode, string codes)
    {
        var file = Write("HL7_CLINIC01_20240515.txt", BatchFiles.Messages(1, (m, _) => m.Without("OBX[2]")));
        string[] arguments = ["validate", file, "--out", Out, .. profile is null ? Array.Empty<string>() : ["--profile", profile]];

        var result = RegistryIngestCli.Run(work.Path, arguments);

        Assert.That(result.ExitCode, Is.EqualTo(exitCode), result.ToString());
        Assert.That(result.OutputLines[0], Does.Contain($"1 messages: {codes}, AR 0;"));
    }

    [Test]
    public void Validate_Folder_SkipsOurOutputsHiddenAndTemporaryFiles()
    {
        var input = work.Combine("in");
        Directory.CreateDirectory(input);
        var valid = BatchFiles.Messages(1);
        Write(Path.Combine("in", "HL7_CLINIC01_20240515.txt"), valid);
        foreach (var skipped in new[]
        {
            "HL7_CLINIC01_20240515.ack.txt", "HL7_CLINIC01_20240515.report.txt", "HL7_CLINIC01_20240516.ACK.TXT",
            "HL7_CLINIC01_20240516.Report.Txt", ".HL7_CLINIC01_20240517.txt", ".hidden", "HL7_CLINIC01_20240518.txt.tmp",
        })
        {
            Write(Path.Combine("in", skipped), "not HL7 at all");
        }

        var result = RegistryIngestCli.Run(work.Path, ["validate", input, "--out", Out]);

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.OutputLines, Has.Length.EqualTo(1).And.Some.StartsWith("'HL7_CLINIC01_20240515.txt': 1 messages: AA 1"));
        Assert.That(Directory.EnumerateFiles(Out).Select(Path.GetFileName).Order(StringComparer.Ordinal),
            Is.EqualTo(new[] { "HL7_CLINIC01_20240515.ack.txt", "HL7_CLINIC01_20240515.report.txt" }));
    }

    [TestCase("Validation__Profile", "nope", "Validation:Profile", TestName = "{m}(unknown profile)")]
    [TestCase("Acknowledgements__LineEnding", "XX", "Acknowledgements:LineEnding", TestName = "{m}(unknown line ending)")]
    [TestCase("CodeTables__Directory", "/no/such/folder", "cvx.tsv", TestName = "{m}(missing code tables)")]
    public void Validate_BadSettingInTheEnvironment_ExitsWithConfigurationErrorNamingIt(string variable, string value, string named)
    {
        var result = RegistryIngestCli.Run(work.Path, ["validate", Path.Combine(SampleDirectory, CleanSample), "--out", Out], new Dictionary<string, string> { [variable] = value });

        Assert.That(result.ExitCode, Is.EqualTo(78), result.ToString());
        Assert.That(result.StandardError, Does.StartWith("Configuration error: ").And.Contain(named));
        Assert.That(result.StandardOutput, Is.Empty);
    }

    [Test]
    public void Validate_MissingConfigFile_ExitsWithConfigurationError()
    {
        var result = RegistryIngestCli.Run(work.Path, ["validate", Path.Combine(SampleDirectory, CleanSample), "--out", Out, "--config", "missing.json"]);

        Assert.That(result.ExitCode, Is.EqualTo(78), result.ToString());
        Assert.That(result.StandardError, Does.Contain("missing.json"));
    }

    [Test]
    public void Validate_MalformedConfigFile_ExitsWithConfigurationError()
    {
        Write("bad.json", "{ \"Validation\": ");

        var result = RegistryIngestCli.Run(work.Path, ["validate", Path.Combine(SampleDirectory, CleanSample), "--out", Out, "--config", "bad.json"]);

        Assert.That(result.ExitCode, Is.EqualTo(78), result.ToString());
        Assert.That(result.StandardError, Does.StartWith("Configuration error: ").And.Contain("bad.json"));
    }

    private string Write(string relativePath, string text)
    {
        var path = work.Combine(relativePath);
        File.WriteAllText(path, text, new UTF8Encoding(false));
        return path;
    }

    /// <summary>PID-3.1, PID-5.1/5.2, PID-7, PID-11.1 and NK1-2.1/2.2 of every sample message (values of 3+ characters).</summary>
    private static List<string> PatientDataIn(IEnumerable<string> samples)
    {
        var values = new HashSet<string>(StringComparer.Ordinal);
        foreach (var sample in samples)
        {
            var bytes = File.ReadAllBytes(Path.Combine(SampleDirectory, sample));
            if (bytes.Contains((byte)0))
            {
                continue;
            }

            foreach (var line in Hl7TextDecoder.Decode(bytes).Split(['\r', '\n']).Select(l => l.TrimStart(' ', '\t', '\f')))
            {
                var fields = line.Split('|');
                string Field(int n, int component) => fields.Length > n ? fields[n].Split('^').ElementAtOrDefault(component - 1) ?? string.Empty : string.Empty;
                if (fields[0] == "PID")
                {
                    values.UnionWith([Field(3, 1), Field(5, 1), Field(5, 2), Field(7, 1), Field(11, 1)]);
                }
                else if (fields[0] == "NK1")
                {
                    values.UnionWith([Field(2, 1), Field(2, 2)]);
                }
            }
        }

        return [.. values.Where(v => v.Length >= 3)];
    }
}
