using System.Diagnostics;
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

    private static readonly Lazy<Task<SshServer>> Shared = new(StartAsync);
    private static readonly Lock StopLock = new();
    private static string? folderToStop;

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
    public static void StopIfStarted()
    {
        lock (StopLock)
        {
            if (folderToStop is not { } folder)
            {
                return;
            }

            folderToStop = null;
            RunScript("stop", folder);
            if (System.IO.Directory.Exists(folder))
            {
                System.IO.Directory.Delete(folder, recursive: true);
            }
        }
    }

    private static async Task<SshServer> StartAsync()
    {
        var clock = Stopwatch.StartNew();
        string? reused = Environment.GetEnvironmentVariable(DirectoryVariable);
        bool ownedByRun = string.IsNullOrEmpty(reused);
        if (ownedByRun)
        {
            StopServersOfDeadRuns();
        }

        string directory = ownedByRun
            ? Path.Combine(Path.GetTempPath(), $"{FolderPrefix}{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..12]}")
            : Path.GetFullPath(reused!);

        if (ownedByRun)
        {
            // Known before the start, so that a start that fails half way is stopped too.
            lock (StopLock)
            {
                folderToStop = directory;
            }

            AppDomain.CurrentDomain.ProcessExit += (_, _) => StopAtExit();
        }

        string output = await Task.Run(() => RunScript("start", directory)).ConfigureAwait(false);
        var server = new SshServer(directory, ReadEnvFile(Path.Combine(directory, "env")));
        TestContext.Progress.WriteLine($"{output.Trim()} in {clock.Elapsed.TotalSeconds:0.0} s");
        return server;
    }

    private static void StopAtExit()
    {
        try
        {
            StopIfStarted();
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or UnauthorizedAccessException)
        {
            // Too late to fail a test; the next run stops servers of dead runs.
            Console.Error.WriteLine($"Could not stop the test sshd: {e.Message}");
        }
    }

    /// <summary>A run killed before its teardown leaves its sshd running: stop those whose process is gone.</summary>
    private static void StopServersOfDeadRuns()
    {
        foreach (string folder in System.IO.Directory.EnumerateDirectories(Path.GetTempPath(), FolderPrefix + "*"))
        {
            string[] parts = Path.GetFileName(folder)[FolderPrefix.Length..].Split('-');
            if (!int.TryParse(parts[0], CultureInfo.InvariantCulture, out int pid) || IsAlive(pid))
            {
                continue;
            }

            try
            {
                RunScript("stop", folder);
                System.IO.Directory.Delete(folder, recursive: true);
            }
            catch (Exception e) when (e is InvalidOperationException or IOException or UnauthorizedAccessException)
            {
                TestContext.Progress.WriteLine($"Could not remove the leftover sshd {folder}: {e.Message}");
            }
        }
    }

    private static bool IsAlive(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static string RunScript(string command, string directory)
    {
        var start = new ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(RepositoryFiles.Path("deploy", "sshd", "sshd-private.sh"));
        start.ArgumentList.Add(command);
        start.ArgumentList.Add(directory);

        using var process = Process.Start(start) ?? throw new InvalidOperationException("bash could not be started.");
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        string stdout = process.StandardOutput.ReadToEnd();
        // Generous: on a fresh machine 'start' first installs openssh-server with apt-get.
        if (!process.WaitForExit(TimeSpan.FromMinutes(15)))
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"sshd-private.sh {command} {directory} did not finish in 15 minutes.");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"sshd-private.sh {command} {directory} failed with exit code {process.ExitCode}:\n{stdout}{stderr.Result}");
        }

        return stdout;
    }

    private static Dictionary<string, string> ReadEnvFile(string path) =>
        File.ReadAllLines(path)
            .Select(line => line.Split('=', 2))
            .Where(parts => parts.Length == 2)
            .ToDictionary(parts => parts[0], parts => parts[1].Trim('\''), StringComparer.Ordinal);
}
