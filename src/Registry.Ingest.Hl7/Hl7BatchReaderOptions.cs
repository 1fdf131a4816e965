namespace Registry.Ingest.Hl7;

public sealed record Hl7BatchReaderOptions
{
    /// <summary>
    /// A message larger than this is not parsed (it is reported as a failure and the reader skips
    /// to the next MSH), so one runaway message cannot take the process's memory. A VXU with a
    /// child's whole history is a few tens of KB.
    /// </summary>
    public int MaxMessageBytes { get; init; } = 4 * 1024 * 1024;
}
