namespace Registry.Ingest.Sftp.Native;

/// <summary>An sftp_dir, closed with sftp_closedir.</summary>
internal sealed class SftpDirHandle : LibSshHandle
{
    // A failed close of a listing handle loses nothing; the server frees it with the session.
    protected override void Free(nint value) => _ = LibSsh.SftpCloseDir(value);
}
