namespace Registry.Ingest.Sftp.Native;

/// <summary>
/// An sftp_file. sftp_close asks the server to close it and reports whether that worked: for an
/// upload, a failed close can mean the data did not reach the disk, so callers that care read
/// <see cref="CloseResult"/> after disposing.
/// </summary>
internal sealed class SftpFileHandle : LibSshHandle
{
    public int CloseResult { get; private set; } = LibSsh.Ok;

    protected override void Free(nint value) => CloseResult = LibSsh.SftpClose(value);
}
