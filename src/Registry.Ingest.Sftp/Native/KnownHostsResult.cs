namespace Registry.Ingest.Sftp.Native;

/// <summary>libssh's <c>enum ssh_known_hosts_e</c>.</summary>
internal enum KnownHostsResult
{
    Error = -2,
    FileNotFound = -1,
    Unknown = 0,
    Ok = 1,
    Changed = 2,
    OtherType = 3,
}
