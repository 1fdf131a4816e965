namespace Registry.Ingest.Sftp.Native;

/// <summary>An ssh_session; disconnects first (a no-op when never connected).</summary>
internal sealed class SshSessionHandle : LibSshHandle
{
    protected override void Free(nint value)
    {
        LibSsh.SshDisconnect(value);
        LibSsh.SshFree(value);
    }
}
