namespace Registry.Ingest.Acks;

/// <summary>
/// A file written under a temporary name in the same folder and renamed into place only when
/// complete, so nobody ever reads half an ACK or report. Disposed without <see cref="Commit"/>, the
/// temporary file is deleted.
/// </summary>
internal sealed class AtomicFile : IDisposable
{
    private readonly string temporaryPath;
    private readonly bool durable;
    private bool committed;

    /// <param name="durable">
    /// Flush to disk before the rename, so the file survives a power cut once in place. Not
    /// needed for a staging copy that is rebuilt from the database after a crash.
    /// </param>
    public AtomicFile(string path, bool durable = true)
    {
        Path = path;
        this.durable = durable;
        temporaryPath = System.IO.Path.Combine(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!, $".{System.IO.Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        Stream = new FileStream(temporaryPath, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 64 * 1024);
    }

    public string Path { get; }

    public FileStream Stream { get; }

    /// <summary>What has been written so far, for keeping a copy (the database stores ACKs and reports).</summary>
    public string ReadText()
    {
        Stream.Flush();
        long end = Stream.Position;
        Stream.Position = 0;
        using var reader = new StreamReader(Stream, System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: false, 64 * 1024, leaveOpen: true);
        var text = reader.ReadToEnd();
        Stream.Position = end;
        return text;
    }

    public void Commit()
    {
        Stream.Flush(flushToDisk: durable);
        Stream.Dispose();
        File.Move(temporaryPath, Path, overwrite: true);
        committed = true;
    }

    public void Dispose()
    {
        Stream.Dispose();
        if (!committed)
        {
            try
            {
                File.Delete(temporaryPath);
            }
            catch (IOException)
            {
                // Best effort: a stray temporary file is ignored by name, never read as output.
            }
        }
    }
}
