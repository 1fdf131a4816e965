namespace Registry.Ingest.Processing;

/// <summary>Where a file's outputs go: <c>&lt;base&gt;.ack.txt</c>, <c>&lt;base&gt;.report.txt</c>, and hidden temporary files.</summary>
internal sealed record OutputPaths(string Directory, string BaseName)
{
    public string Ack => Path.Combine(Directory, BaseName + BatchFileProcessor.AckSuffix);

    public string Report => Path.Combine(Directory, BaseName + BatchFileProcessor.ReportSuffix);

    public string Temporary(string purpose) => Path.Combine(Directory, $".{BaseName}.{Guid.NewGuid():N}.{purpose}.tmp");
}
