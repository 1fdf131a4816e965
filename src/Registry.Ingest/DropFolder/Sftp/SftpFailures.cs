using Registry.Ingest.Sftp;

namespace Registry.Ingest.DropFolder.Sftp;

/// <summary>
/// Classifies client failures once: which mean the folder is unreachable (the poll ends and the
/// outage is logged once), and the operator's fix for the configuration problems among them.
/// </summary>
internal static class SftpFailures
{
    /// <summary>The connection is gone or never came up: reconnect later. After these the client is unusable.</summary>
    public static bool IsConnectionLoss(SftpErrorKind kind) =>
        kind is SftpErrorKind.ConnectionFailed or SftpErrorKind.Timeout or SftpErrorKind.ConnectionLost;

    /// <summary>Failures of <see cref="SftpClient.Connect"/> that only a change of configuration (or of the server) ends.</summary>
    public static bool IsConfigurationProblem(SftpErrorKind kind) =>
        kind is SftpErrorKind.HostKeyUnknown or SftpErrorKind.HostKeyChanged or SftpErrorKind.AuthenticationFailed or SftpErrorKind.PrivateKeyUnreadable;

    /// <summary>The library's message (it names the fingerprint seen for host key errors) and what to do about it.</summary>
    public static string Describe(SftpException e, string endpoint) => e.Kind switch
    {
        SftpErrorKind.HostKeyUnknown =>
            $"{e.Message} The connection was refused. Fix: if {endpoint} is the right server, confirm this fingerprint with its administrator and add the key to the file named by DropFolder:Sftp:KnownHostsFile (ssh-keyscan), or pin it in DropFolder:Sftp:HostKeySha256.",
        SftpErrorKind.HostKeyChanged =>
            $"{e.Message} The connection was refused: the server's host key is not the one configured (a reinstalled server, or someone in between). Fix: confirm the new fingerprint with the server's administrator, then update DropFolder:Sftp:KnownHostsFile or DropFolder:Sftp:HostKeySha256.",
        SftpErrorKind.AuthenticationFailed =>
            $"{e.Message} Fix: check DropFolder:Sftp:UserName and the password (DropFolder__Sftp__Password or DropFolder:Sftp:PasswordFile) or key (DropFolder:Sftp:PrivateKeyPath) with the server's administrator.",
        SftpErrorKind.PrivateKeyUnreadable =>
            $"{e.Message} Fix: check that DropFolder:Sftp:PrivateKeyPath is an OpenSSH private key the service's account may read, and its passphrase (DropFolder:Sftp:PrivateKeyPassphraseFile or DropFolder__Sftp__PrivateKeyPassphrase).",
        _ => $"SFTP server {endpoint}: {e.Message}",
    };
}
