using System.Globalization;
using Registry.Ingest.Tests.Support;

namespace Registry.Ingest.Sftp.Tests.Support;

/// <summary>
/// The test run's own OpenSSH sshd, started by deploy/sshd/sshd-private.sh (which installs
/// openssh-server and libssh-4 when missing) in a folder under /tmp, and stopped when the run ends.
/// Set REGISTRY_INGEST_TEST_SSHD_DIR to use a server folder of your own; it is started if needed
/// and left running.
/// </summary>
internal sealed class SshServer
{
    public const string DirectoryVariable = "REGISTRY_INGEST_TEST_SSHD_DIR";

    // A folder name carries the test process id, so a later run can tell the folders of dead runs.
    private const string FolderPrefix = "registry-ingest-sshd-";

    private static readonly PrivateServerRun Run = new(["deploy", "sshd", "sshd-private.sh"], DirectoryVariable, FolderPrefix, "sshd");
    private static readonly Lazy<Task<SshServer>> Shared = new(StartAsync);

    private SshServer(string directory, Dictionary<string, string> env)
    {
        Directory = directory;
        Host = env["REGISTRY_SFTP_HOST"];
        Port = int.Parse(env["REGISTRY_SFTP_PORT"], CultureInfo.InvariantCulture);
        UserName = env["REGISTRY_SFTP_USER"];
        Ed25519KeyPath = env["REGISTRY_SFTP_KEY"];
        RsaKeyPath = env["REGISTRY_SFTP_RSA_KEY"];
        RsaKeyPassphrase = File.ReadAllText(env["REGISTRY_SFTP_KEY_PASSPHRASE_FILE"]).Trim();
        KnownHostsPath = env["REGISTRY_SFTP_KNOWN_HOSTS"];
        Fingerprint = env["REGISTRY_SFTP_FINGERPRINT"];
        DropFolder = env["REGISTRY_SFTP_ROOT"];
        PasswordUser = env.GetValueOrDefault("REGISTRY_SFTP_PASSWORD_USER");
        Password = env.TryGetValue("REGISTRY_SFTP_PASSWORD_FILE", out string? file) ? File.ReadAllText(file).Trim() : null;
    }

    public string Directory { get; }

    public string Host { get; }

    public int Port { get; }

    /// <summary>The user running the tests; logs in with either key.</summary>
    public string UserName { get; }

    public string Ed25519KeyPath { get; }

    public string RsaKeyPath { get; }

    public string RsaKeyPassphrase { get; }

    public string KnownHostsPath { get; }

    /// <summary>The ed25519 host key's fingerprint, as ssh-keygen -lf prints it.</summary>
    public string Fingerprint { get; }

    /// <summary>The absolute path of 'ICARE HL7 EXCHANGE', on this machine and over SFTP alike.</summary>
    public string DropFolder { get; }

    /// <summary>A local account with a password (only when the tests run as root), else null.</summary>
    public string? PasswordUser { get; }

    public string? Password { get; }

    public static Task<SshServer> GetAsync() => Shared.Value;

    /// <summary>Key login as the test user, host key checked against the server's known_hosts.</summary>
    public SftpConnectionOptions KeyOptions() => new()
    {
        Host = Host,
        Port = Port,
        UserName = UserName,
        PrivateKeyPath = Ed25519KeyPath,
        KnownHostsPath = KnownHostsPath,
        ConnectTimeout = TimeSpan.FromSeconds(10),
        OperationTimeout = TimeSpan.FromSeconds(20),
    };

    public SftpClient Connect() => SftpClient.Connect(KeyOptions());

    /// <summary>Stops the server this run started (even half started) and deletes its folder.</summary>
    public static void StopIfStarted() => Run.StopIfStarted();

    private static async Task<SshServer> StartAsync()
    {
        var (directory, env) = await Run.StartAsync().ConfigureAwait(false);
        return new SshServer(directory, env);
    }
}
