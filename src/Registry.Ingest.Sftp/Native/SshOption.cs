namespace Registry.Ingest.Sftp.Native;

/// <summary>The values of libssh 0.10's <c>enum ssh_options_e</c> that we set (a C enum is an int).</summary>
internal enum SshOption
{
    Host = 0,
    Port = 1,
    User = 4,
    KnownHosts = 8,
    Timeout = 9,
    TimeoutMicroseconds = 10,
    LogVerbosity = 13,
    GlobalKnownHosts = 35,
    NoDelay = 36,
    ProcessConfig = 38,
}
