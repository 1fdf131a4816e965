namespace Registry.Ingest.Sftp;

/// <summary>A file or folder as the server describes it. Size is 0 when the server does not say.</summary>
public sealed record SftpEntry(string Name, long Size, DateTimeOffset LastModified, SftpEntryKind Kind);
