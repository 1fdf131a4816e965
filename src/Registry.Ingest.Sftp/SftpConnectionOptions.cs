namespace Registry.Ingest.Sftp;

/// <summary>
/// Where and how to connect. The server's identity must be checked one way or the other:
/// exactly one of <see cref="KnownHostsPath"/> and <see cref="HostKeySha256"/> is required,
/// and there is deliberately no "accept any host key" mode. Exactly one of <see cref="Password"/>
/// and <see cref="PrivateKeyPath"/> is required.
/// </summary>
public sealed class SftpConnectionOptions
{
    public required string Host { get; init; }

    public int Port { get; init; } = 22;

    public required string UserName { get; init; }

    public string? Password { get; init; }

    /// <summary>An OpenSSH or PEM private key file (ed25519, ecdsa or RSA; RSA signs with SHA-2).</summary>
    public string? PrivateKeyPath { get; init; }

    public string? PrivateKeyPassphrase { get; init; }

    /// <summary>An OpenSSH known_hosts file listing the server (as <c>[host]:port</c> when the port is not 22).</summary>
    public string? KnownHostsPath { get; init; }

    /// <summary>
    /// The server's pinned host key fingerprint as <c>ssh-keygen -lf</c> prints it:
    /// <c>SHA256:</c> and unpadded base64. libssh prefers the server's ed25519 key, so pin that one.
    /// </summary>
    public string? HostKeySha256 { get; init; }

    /// <summary>The TCP connect and SSH handshake, together.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>The longest wait for any one answer of the server after connecting.</summary>
    public TimeSpan OperationTimeout { get; init; } = TimeSpan.FromSeconds(60);

    internal const string FingerprintPrefix = "SHA256:";

    /// <summary>Throws <see cref="ArgumentException"/> naming the first property that is wrong.</summary>
    internal void Validate()
    {
        Require(!string.IsNullOrWhiteSpace(Host), nameof(Host), "is required");
        Require(Port is > 0 and <= 65535, nameof(Port), "must be between 1 and 65535");
        Require(!string.IsNullOrWhiteSpace(UserName), nameof(UserName), "is required");
        Require((Password is null) != (PrivateKeyPath is null), nameof(Password),
            "exactly one of Password and PrivateKeyPath must be set");
        Require(PrivateKeyPassphrase is null || PrivateKeyPath is not null, nameof(PrivateKeyPassphrase),
            "is only used with PrivateKeyPath");
        Require((KnownHostsPath is null) != (HostKeySha256 is null), nameof(KnownHostsPath),
            "exactly one of KnownHostsPath and HostKeySha256 must be set: the server's host key is always checked");
        Require(HostKeySha256 is null || (HostKeySha256.StartsWith(FingerprintPrefix, StringComparison.Ordinal)
                                          && HostKeySha256.Length > FingerprintPrefix.Length),
            nameof(HostKeySha256), "must look like 'SHA256:' followed by base64, as 'ssh-keygen -lf KEY.pub' prints it");
        Require(ConnectTimeout > TimeSpan.Zero, nameof(ConnectTimeout), "must be positive");
        Require(OperationTimeout > TimeSpan.Zero, nameof(OperationTimeout), "must be positive");
    }

    private static void Require(bool condition, string property, string rule)
    {
        if (!condition)
        {
            throw new ArgumentException($"SftpConnectionOptions.{property} {rule}.", property);
        }
    }
}
