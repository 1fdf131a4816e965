namespace Registry.Ingest.Sftp.Native;

/// <summary>An sftp_session; sftp_free also closes its channel.</summary>
internal sealed class SftpSessionHandle : LibSshHandle
{
    protected override void Free(nint value)
    {
        LibSsh.SftpFree(value);
    }
}
