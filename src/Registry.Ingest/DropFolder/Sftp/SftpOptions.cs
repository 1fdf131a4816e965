using System.ComponentModel.DataAnnotations;

namespace Registry.Ingest.DropFolder.Sftp;

/// <summary>
/// The <c>DropFolder:Sftp</c> section, read when <c>DropFolder:Kind</c> is <c>Sftp</c>. Secrets are
/// named by file (or set through the environment), never written in appsettings.json.
/// </summary>
internal sealed class SftpOptions
{
    public string Host { get; set; } = string.Empty;

    [Range(1, 65535)]
    public int Port { get; set; } = 22;

    public string UserName { get; set; } = string.Empty;

    /// <summary>File holding the password, when password login is used.</summary>
    public string? PasswordFile { get; set; }

    /// <summary>OpenSSH private key file, when key login is used.</summary>
    public string? PrivateKeyPath { get; set; }

    /// <summary>File holding the private key's passphrase, when it has one.</summary>
    public string? PrivateKeyPassphraseFile { get; set; }

    /// <summary>OpenSSH known_hosts file holding the server's host key.</summary>
    public string? KnownHostsFile { get; set; }

    /// <summary>Alternatively the pinned host key fingerprint, <c>SHA256:…</c> as <c>ssh-keygen -lf</c> prints it.</summary>
    public string? HostKeySha256 { get; set; }

    [Range(1, 600)]
    public int ConnectTimeoutSeconds { get; set; } = 15;

    [Range(1, 3600)]
    public int ReadTimeoutSeconds { get; set; } = 60;

    /// <summary>The longest wait between reconnection attempts (the wait doubles up to this).</summary>
    [Range(1, 3600)]
    public int ReconnectMaxDelaySeconds { get; set; } = 300;
}
