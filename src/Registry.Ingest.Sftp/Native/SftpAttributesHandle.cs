namespace Registry.Ingest.Sftp.Native;

/// <summary>An sftp_attributes, freed with sftp_attributes_free.</summary>
internal sealed class SftpAttributesHandle : LibSshHandle
{
    protected override void Free(nint value)
    {
        LibSsh.SftpAttributesFree(value);
    }
}
