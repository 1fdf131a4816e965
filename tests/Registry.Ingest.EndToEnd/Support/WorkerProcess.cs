using System.Collections.Concurrent;
using System.Diagnostics;
using Registry.Ingest.Tests.Support;

namespace Registry.Ingest.EndToEnd.Support;

/// <summary>
/// The real worker, <c>dotnet src/Registry.Ingest/bin/&lt;Configuration&gt;/net10.0/registry-ingest.dll</c>,
/// as a child process: its output collected as it comes, signals sent as an operator or systemd would.
/// Killed on dispose if still running.
/// </summary>
internal sealed class WorkerProcess : IDisposable
{
    /// <summary>Inherited settings of these sections are dropped: a test configures the worker completely.</summary>
    private static readonly string[] ConfigurationSections =
        ["Validation__", "Acknowledgements__", "CodeTables__", "ConnectionStrings__", "Database__", "DropFolder__", "Polling__", "Worker__", "Serilog__", "NOTIFY_SOCKET"];

    private readonly Process process;
    private readonly string description;
    private readonly ConcurrentQueue<string> output = new();
    private readonly ConcurrentQueue<string> error = new();

    private WorkerProcess(Process process, string description)
    {
        this.process = process;
        this.description = description;
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) output.Enqueue(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) error.Enqueue(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public static string Dll { get; } = BuiltProgram.Path("src", "Registry.Ingest", "registry-ingest.dll");

    public int Id => process.Id;

    public bool HasExited => process.HasExited;

    public static WorkerProcess Start(string workingDirectory, IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Dll);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var name in start.Environment.Keys.Where(k => ConfigurationSections.Any(s => k.StartsWith(s, StringComparison.OrdinalIgnoreCase))).ToList())
        {
            start.Environment.Remove(name);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        return new WorkerProcess(Process.Start(start)!, string.Join(' ', start.ArgumentList.Skip(1)));
    }

    public CliResult WaitForExit(TimeSpan timeout)
    {
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            throw new TimeoutException($"registry-ingest {description} did not exit in {timeout.TotalSeconds:0} s.\n{Result()}");
        }

        // The parameterless wait also drains the asynchronous output readers.
        process.WaitForExit();
        return Result();
    }

    /// <summary>SIGKILL, as the OOM killer or a power cut would end it: no clean-up of any kind.</summary>
    public CliResult Kill()
    {
        process.Kill(entireProcessTree: true);
        return WaitForExit(TimeSpan.FromSeconds(30));
    }

    /// <summary>SIGTERM, what systemd sends on <c>systemctl stop</c>.</summary>
    public void Terminate() => Signal("TERM");

    /// <summary>SIGSTOP: the process stays exactly where it is until <see cref="Resume"/>.</summary>
    public void Suspend() => Signal("STOP");

    public void Resume() => Signal("CONT");

    public void Dispose()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }

        process.Dispose();
    }

    private CliResult Result() =>
        new(process.HasExited ? process.ExitCode : -1, string.Join('\n', output) + "\n", string.Join('\n', error) + "\n");

    private void Signal(string signal)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", ["-" + signal, Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]) { UseShellExecute = false })!;
        kill.WaitForExit();
        if (kill.ExitCode != 0)
        {
            throw new InvalidOperationException($"kill -{signal} {Id} failed with exit code {kill.ExitCode}.");
        }
    }
}
