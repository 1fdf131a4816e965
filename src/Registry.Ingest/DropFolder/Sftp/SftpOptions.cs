using System.ComponentModel.DataAnnotations;

namespace Registry.Ingest.DropFolder.Sftp;

/// <summary>
/// The <c>DropFolder:Sftp</c> section, read when <c>DropFolder:Kind</c> is <c>Sftp</c>. Secrets are
/// named by file, or set through the environment (<c>DropFolder__Sftp__Password</c>,
/// <c>DropFolder__Sftp__PrivateKeyPassphrase</c>); a secret written in a configuration file is
/// refused at start (<see cref="SftpSettings"/>).
/// </summary>
internal sealed class SftpOptions
{
    public string Host { get; set; } = string.Empty;

    [Range(1, 65535)]
    public int Port { get; set; } = 22;

    public string UserName { get; set; } = string.Empty;

    /// <summary>The password, from the environment only (<c>DropFolder__Sftp__Password</c>).</summary>
    public string? Password { get; set; }

    /// <summary>File holding the password, when password login is used.</summary>
    public string? PasswordFile { get; set; }

    /// <summary>OpenSSH private key file, when key login is used.</summary>
    public string? PrivateKeyPath { get; set; }

    /// <summary>The key's passphrase, from the environment only (<c>DropFolder__Sftp__PrivateKeyPassphrase</c>).</summary>
    public string? PrivateKeyPassphrase { get; set; }

    /// <summary>File holding the private key's passphrase, when it has one.</summary>
    public string? PrivateKeyPassphraseFile { get; set; }

    /// <summary>OpenSSH known_hosts file holding the server's host key.</summary>
    public string? KnownHostsFile { get; set; }

    /// <summary>Alternatively the pinned host key fingerprint, <c>SHA256:…</c> as <c>ssh-keygen -lf</c> prints it.</summary>
    public string? HostKeySha256 { get; set; }

    /// <summary>TCP connect, SSH handshake and login together.</summary>
    [Range(1, 600)]
    public int ConnectTimeoutSeconds { get; set; } = 15;

    /// <summary>The longest wait for any one answer of the server once connected.</summary>
    [Range(1, 3600)]
    public int OperationTimeoutSeconds { get; set; } = 60;

    /// <summary>The longest wait between reconnection attempts (the wait doubles from 1 s up to this).</summary>
    [Range(1, 3600)]
    public int MaxBackoffSeconds { get; set; } = 300;
}
