using Registry.Ingest.Processing;
using Registry.Ingest.Sftp;

namespace Registry.Ingest.DropFolder.Sftp;

/// <summary>
/// The client's read stream, passed through untouched (it keeps many reads in flight), except that a
/// lost connection mid-file is an outage of the folder, not a failure of the file: it must not count
/// against the file's attempts.
/// </summary>
internal sealed class SftpDropFolderStream(Stream inner, SftpDropFolder folder) : ReadThroughStream(inner, disposeInner: true)
{
    public override bool CanRead => Inner.CanRead;

    public override long Position
    {
        get => Inner.Position;
        set => throw new NotSupportedException();
    }

    public override int Read(Span<byte> buffer)
    {
        try
        {
            return Inner.Read(buffer);
        }
        catch (SftpException e) when (SftpFailures.IsConnectionLoss(e.Kind))
        {
            throw folder.Lost(e);
        }
    }
}
