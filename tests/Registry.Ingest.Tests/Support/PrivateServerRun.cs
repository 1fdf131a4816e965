using System.Diagnostics;
using System.Globalization;

namespace Registry.Ingest.Tests.Support;

/// <summary>
/// The life of a test run's own server started by one of the deploy/*-private.sh scripts
/// (PostgreSQL, sshd): started once in a folder under /tmp named after the test process, stopped
/// and removed when the run ends (also at process exit, and by a later run when this one died
/// before its teardown). A folder named by <c>directoryVariable</c> is used instead when set: it is
/// started if needed and left running.
/// </summary>
/// <param name="script">The script's path below the repository root, e.g. deploy, postgres, pg-private.sh.</param>
/// <param name="directoryVariable">The environment variable naming a folder of one's own.</param>
/// <param name="folderPrefix">The start of this kind's folder names; the test process id follows.</param>
/// <param name="noun">What the server is called in messages ("cluster", "sshd").</param>
internal sealed class PrivateServerRun(string[] script, string directoryVariable, string folderPrefix, string noun)
{
    private readonly Lock stopLock = new();
    private string? folderToStop;

    private string ScriptName => script[^1];

    /// <summary>Starts the server (or the one named by the variable); returns its folder and the variables of its env file.</summary>
    public async Task<(string Directory, Dictionary<string, string> Env)> StartAsync()
    {
        var clock = Stopwatch.StartNew();
        string? reused = Environment.GetEnvironmentVariable(directoryVariable);
        bool ownedByRun = string.IsNullOrEmpty(reused);
        if (ownedByRun)
        {
            StopServersOfDeadRuns();
        }

        string directory = ownedByRun
            ? Path.Combine(Path.GetTempPath(), $"{folderPrefix}{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..12]}")
            : Path.GetFullPath(reused!);

        if (ownedByRun)
        {
            // Known before the start, so that a start that fails half way is stopped too; ProcessExit
            // is for a run that ends without NUnit's teardown (the *ServerLifetime fixtures).
            lock (stopLock)
            {
                folderToStop = directory;
            }

            AppDomain.CurrentDomain.ProcessExit += (_, _) => StopAtExit();
        }

        string output = await Task.Run(() => RunScript("start", directory)).ConfigureAwait(false);
        var env = ReadEnvFile(Path.Combine(directory, "env"));
        TestContext.Progress.WriteLine($"{output.Trim()} in {clock.Elapsed.TotalSeconds:0.0} s");
        return (directory, env);
    }

    /// <summary>Stops the server this run started (even half started) and deletes its folder.</summary>
    public void StopIfStarted()
    {
        lock (stopLock)
        {
            if (folderToStop is not { } folder)
            {
                return;
            }

            folderToStop = null;
            RunScript("stop", folder);
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    private void StopAtExit()
    {
        try
        {
            StopIfStarted();
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or UnauthorizedAccessException)
        {
            // Too late to fail a test; the next run stops servers of dead runs.
            Console.Error.WriteLine($"Could not stop the test {noun}: {e.Message}");
        }
    }

    /// <summary>
    /// A run killed before its teardown leaves its server running: stop those whose process is gone,
    /// so they do not pile up. Folders of live runs, and any this user may not touch, are left alone.
    /// </summary>
    private void StopServersOfDeadRuns()
    {
        foreach (string folder in Directory.EnumerateDirectories(Path.GetTempPath(), folderPrefix + "*"))
        {
            string[] parts = Path.GetFileName(folder)[folderPrefix.Length..].Split('-');
            if (!int.TryParse(parts[0], CultureInfo.InvariantCulture, out int pid) || IsAlive(pid))
            {
                continue;
            }

            try
            {
                RunScript("stop", folder);
                Directory.Delete(folder, recursive: true);
            }
            catch (Exception e) when (e is InvalidOperationException or IOException or UnauthorizedAccessException)
            {
                TestContext.Progress.WriteLine($"Could not remove the leftover {noun} {folder}: {e.Message}");
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

    private string RunScript(string command, string directory)
    {
        var start = new ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(RepositoryFiles.Path(script));
        start.ArgumentList.Add(command);
        start.ArgumentList.Add(directory);

        using var process = Process.Start(start) ?? throw new InvalidOperationException("bash could not be started.");
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        string stdout = process.StandardOutput.ReadToEnd();
        // Generous: on a fresh machine 'start' first installs the server with apt-get.
        if (!process.WaitForExit(TimeSpan.FromMinutes(15)))
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"{ScriptName} {command} {directory} did not finish in 15 minutes.");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{ScriptName} {command} {directory} failed with exit code {process.ExitCode}:\n{stdout}{stderr.Result}");
        }

        return stdout;
    }

    private static Dictionary<string, string> ReadEnvFile(string path) =>
        File.ReadAllLines(path)
            .Select(line => line.Split('=', 2))
            .Where(parts => parts.Length == 2)
            .ToDictionary(parts => parts[0], parts => parts[1].Trim('\''), StringComparer.Ordinal);
}
