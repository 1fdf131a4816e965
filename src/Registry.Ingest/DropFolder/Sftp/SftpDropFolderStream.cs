using Registry.Ingest.Sftp;

namespace Registry.Ingest.DropFolder.Sftp;

/// <summary>
/// The client's read stream, passed through untouched (it keeps many reads in flight), except that a
/// lost connection mid-file is an outage of the folder, not a failure of the file: it must not count
/// against the file's attempts.
/// </summary>
internal sealed class SftpDropFolderStream(Stream inner, SftpDropFolder folder) : Stream
{
    public override bool CanRead => inner.CanRead;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => inner.Position;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        try
        {
            return inner.Read(buffer);
        }
        catch (SftpException e) when (SftpFailures.IsConnectionLoss(e.Kind))
        {
            throw folder.Lost(e);
        }
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
