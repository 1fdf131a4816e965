using System.Diagnostics;

namespace Registry.Ingest.Tests.Support;

/// <summary>
/// The test run's own PostgreSQL 15 cluster, started on first use by deploy/postgres/pg-private.sh
/// (which installs PostgreSQL when missing) in a folder under /tmp, and stopped when the run ends.
/// Set REGISTRY_INGEST_TEST_POSTGRES_DIR to use a cluster folder of your own instead; it is started
/// if needed and left running.
/// </summary>
internal sealed class PostgresServer
{
    public const string DirectoryVariable = "REGISTRY_INGEST_TEST_POSTGRES_DIR";

    // A folder name carries the test process id, so a later run can tell the folders of dead runs.
    // Kept short: the socket path inside it must fit in 107 bytes.
    private const string FolderPrefix = "registry-ingest-pg-";

    private static readonly Lazy<Task<PostgresServer>> Shared = new(StartAsync);
    private static readonly Lock StopLock = new();
    private static string? folderToStop;

    private PostgresServer(string directory, IReadOnlyDictionary<string, string> env)
    {
        Directory = directory;
        Port = int.Parse(env["REGISTRY_PG_PORT"], System.Globalization.CultureInfo.InvariantCulture);
        OwnerConnectionString = env["REGISTRY_PG_OWNER_CONNECTION"];
        AppConnectionString = env["REGISTRY_PG_APP_CONNECTION"];
        AdminConnectionString = env["REGISTRY_PG_ADMIN_CONNECTION"];
    }

    /// <summary>The cluster folder: data/, sock/, postgres.log, the password files and env.</summary>
    public string Directory { get; }

    public int Port { get; }

    /// <summary>registry_owner on database registry, over TCP with its password.</summary>
    public string OwnerConnectionString { get; }

    /// <summary>registry_app on database registry, over TCP with its password.</summary>
    public string AppConnectionString { get; }

    /// <summary>The superuser postgres on database postgres, over the cluster's private unix socket.</summary>
    public string AdminConnectionString { get; }

    /// <summary>The run's cluster, started by the first caller; later callers wait for the same start.</summary>
    public static Task<PostgresServer> GetAsync() => Shared.Value;

    /// <summary>Stops the cluster this run started (even half started) and deletes its folder.</summary>
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

    private static async Task<PostgresServer> StartAsync()
    {
        var clock = Stopwatch.StartNew();
        string? reused = Environment.GetEnvironmentVariable(DirectoryVariable);
        bool ownedByRun = string.IsNullOrEmpty(reused);
        if (ownedByRun)
        {
            StopClustersOfDeadRuns();
        }

        string directory = ownedByRun
            ? Path.Combine(Path.GetTempPath(), $"{FolderPrefix}{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..12]}")
            : Path.GetFullPath(reused!);

        if (ownedByRun)
        {
            // Known before the start, so that a start that fails half way is stopped too; ProcessExit
            // is for a run that ends without NUnit's teardown (PostgresServerLifetime).
            lock (StopLock)
            {
                folderToStop = directory;
            }

            AppDomain.CurrentDomain.ProcessExit += (_, _) => StopAtExit();
        }

        string output = await Task.Run(() => RunScript("start", directory)).ConfigureAwait(false);
        var server = new PostgresServer(directory, ReadEnvFile(Path.Combine(directory, "env")));
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
            // Too late to fail a test; the next run stops clusters of dead runs.
            Console.Error.WriteLine($"Could not stop the test cluster: {e.Message}");
        }
    }

    /// <summary>
    /// A run killed before its teardown leaves its cluster running: stop those whose process is gone,
    /// so they do not pile up. Folders of live runs, and any this user may not touch, are left alone.
    /// </summary>
    private static void StopClustersOfDeadRuns()
    {
        foreach (string folder in System.IO.Directory.EnumerateDirectories(Path.GetTempPath(), FolderPrefix + "*"))
        {
            string[] parts = Path.GetFileName(folder)[FolderPrefix.Length..].Split('-');
            if (!int.TryParse(parts[0], System.Globalization.CultureInfo.InvariantCulture, out int pid) || IsAlive(pid))
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
                TestContext.Progress.WriteLine($"Could not remove the leftover cluster {folder}: {e.Message}");
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
        start.ArgumentList.Add(RepositoryFiles.Path("deploy", "postgres", "pg-private.sh"));
        start.ArgumentList.Add(command);
        start.ArgumentList.Add(directory);

        using var process = Process.Start(start) ?? throw new InvalidOperationException("bash could not be started.");
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        string stdout = process.StandardOutput.ReadToEnd();
        // Generous: on a fresh machine 'start' first installs PostgreSQL with apt-get.
        if (!process.WaitForExit(TimeSpan.FromMinutes(15)))
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"pg-private.sh {command} {directory} did not finish in 15 minutes.");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"pg-private.sh {command} {directory} failed with exit code {process.ExitCode}:\n{stdout}{stderr.Result}");
        }

        return stdout;
    }

    private static Dictionary<string, string> ReadEnvFile(string path) =>
        File.ReadAllLines(path)
            .Select(line => line.Split('=', 2))
            .Select(parts => parts.Length == 2 ? [parts[0], parts[1].Trim('\'')] : parts)
            .Where(parts => parts.Length == 2)
            .ToDictionary(parts => parts[0], parts => parts[1], StringComparer.Ordinal);
}
