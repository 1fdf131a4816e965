using System.Diagnostics;

namespace Registry.Ingest.Tests.Support;

/// <summary>A running registry-ingest process, its output collected as it comes; killed on dispose if still running.</summary>
internal sealed class CliProcess : IDisposable
{
    private readonly Process process;
    private readonly string description;
    private readonly Task<string> output;
    private readonly Task<string> error;

    public CliProcess(Process process, string description)
    {
        this.process = process;
        this.description = description;
        output = process.StandardOutput.ReadToEndAsync();
        error = process.StandardError.ReadToEndAsync();
    }

    public bool HasExited => process.HasExited;

    public CliResult WaitForResult(TimeSpan timeout)
    {
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"registry-ingest {description} did not finish in {timeout.TotalSeconds:0} s.");
        }

        process.WaitForExit();
        return new CliResult(process.ExitCode, output.GetAwaiter().GetResult(), error.GetAwaiter().GetResult());
    }

    /// <summary>Kills the process as an operator or the OOM killer would (SIGKILL, no clean-up), and waits for it to be gone.</summary>
    public CliResult Kill()
    {
        process.Kill(entireProcessTree: true);
        return WaitForResult(TimeSpan.FromSeconds(30));
    }

    public void Dispose()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }

        process.Dispose();
    }
}
