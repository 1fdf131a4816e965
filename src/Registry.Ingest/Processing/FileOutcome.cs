namespace Registry.Ingest.Processing;

/// <summary>What happened to one file, for the command's summary and exit code.</summary>
internal sealed record FileOutcome(string FileName, string ReportPath, string? AckPath, FileCounts Counts, string? NotProcessedReason)
{
    /// <summary>The name of the processed file whose bytes this one repeats; nothing was stored again.</summary>
    public string? DuplicateOf { get; init; }

    /// <summary>Where the time went, for a file that was read.</summary>
    public PipelineTimings? Timings { get; init; }

    public bool Processed => NotProcessedReason is null;

    /// <summary>0 when every message got AA, 1 when any got AE or AR, 2 when the file was not processed.</summary>
    public int ExitCode => !Processed ? 2 : Counts.AckAe + Counts.AckAr > 0 ? 1 : 0;
}
