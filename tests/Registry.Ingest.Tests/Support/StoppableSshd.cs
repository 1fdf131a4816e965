using System.Diagnostics;
using System.Globalization;
using Registry.Ingest.Sftp;

namespace Registry.Ingest.Tests.Support;

/// <summary>
/// A private sshd of one test's own (deploy/sshd/sshd-private.sh in a temp folder), which the test
/// stops and starts again to play a server outage, or whose open sessions it cuts. Removed on dispose.
/// </summary>
internal sealed class StoppableSshd : IDisposable
{
    private readonly TempFolder folder;

    private StoppableSshd(TempFolder folder)
    {
        this.folder = folder;
        Run("start");
        var env = File.ReadAllLines(folder.Combine("env")).Select(l => l.Split('=', 2)).Where(p => p.Length == 2)
            .ToDictionary(p => p[0], p => p[1].Trim('\''), StringComparer.Ordinal);
        Port = int.Parse(env["REGISTRY_SFTP_PORT"], CultureInfo.InvariantCulture);
        Fingerprint = env["REGISTRY_SFTP_FINGERPRINT"];
        options = new SftpConnectionOptions
        {
            Host = env["REGISTRY_SFTP_HOST"],
            Port = Port,
            UserName = env["REGISTRY_SFTP_USER"],
            PrivateKeyPath = env["REGISTRY_SFTP_KEY"],
            HostKeySha256 = Fingerprint,
            ConnectTimeout = TimeSpan.FromSeconds(5),
            OperationTimeout = TimeSpan.FromSeconds(20),
        };
    }

    private readonly SftpConnectionOptions options;

    public int Port { get; }

    public string Fingerprint { get; }

    /// <summary>Key login to this server, its ed25519 host key pinned.</summary>
    public SftpConnectionOptions Options() => options;

    public static StoppableSshd Start() => new(TempFolder.ForCaller("sshd"));

    public void Stop() => Run("stop");

    public void Restart() => Run("start");

    /// <summary>
    /// Kills the per-connection server processes (the listener's children), as a dropped network
    /// link or a server killing idle sessions would: open connections die, the server stays up.
    /// </summary>
    public void CutSessions()
    {
        int listener = int.Parse(File.ReadAllText(folder.Combine("sshd.pid")).Trim(), CultureInfo.InvariantCulture);
        var start = new ProcessStartInfo("pkill") { UseShellExecute = false };
        start.ArgumentList.Add("-KILL");
        start.ArgumentList.Add("-P");
        start.ArgumentList.Add(listener.ToString(CultureInfo.InvariantCulture));
        using var process = Process.Start(start)!;
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"pkill found no session of sshd {listener} to cut (exit {process.ExitCode})");
        }
    }

    public void Dispose()
    {
        Run("stop");
        folder.Dispose();
    }

    private void Run(string command)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(RepositoryFiles.Path("deploy", "sshd", "sshd-private.sh"));
        start.ArgumentList.Add(command);
        start.ArgumentList.Add(folder.Path);
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"sshd-private.sh {command} failed ({process.ExitCode}): {output}{error.Result}");
        }
    }
}
