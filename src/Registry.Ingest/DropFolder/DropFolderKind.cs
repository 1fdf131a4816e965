namespace Registry.Ingest.DropFolder;

/// <summary>Where the drop folder is: on this machine, or on an SFTP server.</summary>
internal enum DropFolderKind
{
    Local,
    Sftp,
}
