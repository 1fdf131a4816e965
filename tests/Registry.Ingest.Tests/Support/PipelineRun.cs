using Microsoft.Extensions.Configuration;
using Registry.Ingest.Processing;

namespace Registry.Ingest.Tests.Support;

/// <summary>
/// One file taken through <see cref="BatchFileProcessor.Process(Stream, string, string, CancellationToken)"/>
/// into a fresh output folder, with everything the folder holds afterwards.
/// </summary>
internal sealed class PipelineRun
{
    /// <summary>A valid batch file name, so the content decides the outcome.</summary>
    public const string FileName = "HL7_FUZZCLINIC_20240101.txt";
    public const string AckFileName = "HL7_FUZZCLINIC_20240101" + BatchFileProcessor.AckSuffix;
    public const string ReportFileName = "HL7_FUZZCLINIC_20240101" + BatchFileProcessor.ReportSuffix;

    private static readonly Lazy<BatchFileProcessor> DefaultProcessor = new(() => Processor());

    private PipelineRun(FileOutcome outcome, string? ack, string? report, IReadOnlyList<string> files)
    {
        Outcome = outcome;
        Ack = ack;
        Report = report;
        Files = files;
    }

    public FileOutcome Outcome { get; }

    /// <summary>The ACK file's text, null when none was written.</summary>
    public string? Ack { get; }

    /// <summary>The report's text, null when none was written.</summary>
    public string? Report { get; }

    /// <summary>Names of all files left in the output folder.</summary>
    public IReadOnlyList<string> Files { get; }

    /// <summary>The processor as the CLI builds it, from configuration (empty: the defaults).</summary>
    public static BatchFileProcessor Processor(params (string Key, string Value)[] settings) =>
        PipelineFactory.Create(
            new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value))).Build(),
            FixedTimeProvider.Default);

    /// <summary>Processes <paramref name="file"/> in a new folder under <paramref name="root"/> and removes the folder again.</summary>
    public static PipelineRun Of(byte[] file, TempFolder root, BatchFileProcessor? processor = null)
    {
        var output = root.Combine(Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(output);
        try
        {
            using var input = new MemoryStream(file, writable: false);
            var outcome = (processor ?? DefaultProcessor.Value).Process(input, FileName, output);
            return Collect(outcome, output);
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }

    public static PipelineRun Collect(FileOutcome outcome, string output)
    {
        string? Read(string name) => File.Exists(Path.Combine(output, name)) ? File.ReadAllText(Path.Combine(output, name)) : null;
        var files = Directory.EnumerateFileSystemEntries(output).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        return new PipelineRun(outcome, Read(AckFileName), Read(ReportFileName), files!);
    }
}
