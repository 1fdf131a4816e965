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

    /// <summary>
    /// What has been written so far, as a read-only stream that can seek (its length known), to
    /// store a big file's copy without holding it in memory. Writing resumes after disposing it.
    /// </summary>
    public Stream ReadBack()
    {
        Stream.Flush();
        long end = Stream.Position;
        Stream.Position = 0;
        return new Window(Stream, end);
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

    /// <summary>The first <c>length</c> bytes of the file; puts the position back at the end when disposed.</summary>
    private sealed class Window(FileStream file, long length) : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => true;

        public override bool CanWrite => false;

        public override long Length => length;

        public override long Position { get => file.Position; set => file.Position = Math.Clamp(value, 0, length); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer) => file.Read(buffer[..(int)Math.Min(buffer.Length, length - file.Position)]);

        public override long Seek(long offset, SeekOrigin origin)
        {
            Position = origin switch
            {
                SeekOrigin.Begin => offset,
                SeekOrigin.Current => Position + offset,
                _ => length + offset,
            };
            return Position;
        }

        public override void Flush()
        {
        }

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                file.Position = length;
            }

            base.Dispose(disposing);
        }
    }
}
