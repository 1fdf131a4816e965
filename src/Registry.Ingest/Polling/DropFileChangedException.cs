namespace Registry.Ingest.Polling;

/// <summary>
/// A drop-folder file whose download did not match its listing: it was rewritten while it was
/// read. Thrown from the end of the download, before it is recorded, so the pipeline reading the
/// copy stops and rolls back; the poller then waits for the file to be stable again.
/// </summary>
internal sealed class DropFileChangedException(string fileName, long listedSize, long bytesRead)
    : Exception($"{fileName} changed while it was downloaded: {bytesRead} bytes read of the {listedSize} listed.")
{
    public long ListedSize { get; } = listedSize;

    public long BytesRead { get; } = bytesRead;
}
