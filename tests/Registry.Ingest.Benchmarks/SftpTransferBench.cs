using System.Diagnostics;
using System.Globalization;
using Registry.Ingest.Sftp;

namespace Registry.Ingest.Benchmarks;

/// <summary>
/// <c>sftp ENV_FILE REMOTE_FILE [RUNS]</c>: downloads (then uploads) one file over SFTP from the
/// private sshd described by ENV_FILE (deploy/sshd/sshd-private.sh) and prints MiB/s per run.
/// A wall-clock figure over a real connection, so not a BenchmarkDotNet benchmark.
/// </summary>
internal static class SftpTransferBench
{
    public static void Run(string envFile, string remoteFile, int runs)
    {
        Dictionary<string, string> env = File.ReadAllLines(envFile)
            .Select(line => line.Split('=', 2))
            .Where(parts => parts.Length == 2)
            .ToDictionary(parts => parts[0], parts => parts[1].Trim('\''), StringComparer.Ordinal);
        var options = new SftpConnectionOptions
        {
            Host = env["REGISTRY_SFTP_HOST"],
            Port = int.Parse(env["REGISTRY_SFTP_PORT"], CultureInfo.InvariantCulture),
            UserName = env["REGISTRY_SFTP_USER"],
            PrivateKeyPath = env["REGISTRY_SFTP_KEY"],
            KnownHostsPath = env["REGISTRY_SFTP_KNOWN_HOSTS"],
        };

        using SftpClient client = SftpClient.Connect(options);
        var buffer = new byte[256 * 1024];
        for (int run = 1; run <= runs; run++)
        {
            var clock = Stopwatch.StartNew();
            long total = 0;
            using (Stream stream = client.OpenRead(remoteFile))
            {
                int read;
                while ((read = stream.Read(buffer)) > 0)
                {
                    total += read;
                }
            }

            Report("download", run, total, clock.Elapsed);
        }

        using var content = new MemoryStream(new byte[checked((int)client.Stat(remoteFile)!.Size)]);
        string uploaded = remoteFile + ".upload";
        for (int run = 1; run <= runs; run++)
        {
            content.Position = 0;
            var clock = Stopwatch.StartNew();
            client.Upload(content, uploaded);
            Report("upload", run, content.Length, clock.Elapsed);
        }

        client.Delete(uploaded);
    }

    private static void Report(string what, int run, long bytes, TimeSpan elapsed) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{what} run {run}: {bytes / 1_000_000.0:F1} MB in {elapsed.TotalSeconds:F2} s = {bytes / 1048576.0 / elapsed.TotalSeconds:F0} MiB/s"));
}
