namespace Registry.Ingest.Tests.Support;

/// <summary>What a run of the program gave back.</summary>
internal sealed record CliResult(int ExitCode, string StandardOutput, string StandardError)
{
    public string[] OutputLines => StandardOutput.ReplaceLineEndings("\n").Split('\n', StringSplitOptions.RemoveEmptyEntries);

    public string[] ErrorLines => StandardError.ReplaceLineEndings("\n").Split('\n', StringSplitOptions.RemoveEmptyEntries);

    public override string ToString() => $"exit code {ExitCode}{Environment.NewLine}stdout:{Environment.NewLine}{StandardOutput}stderr:{Environment.NewLine}{StandardError}";
}
