namespace Registry.Ingest.Sftp;

public enum SftpEntryKind
{
    File,
    Directory,

    /// <summary>A symbolic link (not followed by a listing), device, socket or unknown type.</summary>
    Other,
}
