namespace Registry.Ingest.Sftp.Native;

/// <summary>An ssh_key, freed with ssh_key_free.</summary>
internal sealed class SshKeyHandle : LibSshHandle
{
    protected override void Free(nint value)
    {
        LibSsh.KeyFree(value);
    }
}
