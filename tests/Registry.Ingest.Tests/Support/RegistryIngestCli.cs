using System.Diagnostics;

namespace Registry.Ingest.Tests.Support;

/// <summary>
/// Runs the real program, <c>dotnet registry-ingest.dll</c>, as a child process. The project
/// reference copies the app (with its runtimeconfig, appsettings.json and Data folder) beside the
/// test assembly. Runs in a folder of the caller's choosing, with no configuration from the
/// environment unless given.
/// </summary>
internal static class RegistryIngestCli
{
    private static readonly string[] ConfigurationSections = ["Validation__", "Acknowledgements__", "CodeTables__", "ConnectionStrings__", "Database__"];

    public static string Dll { get; } = Path.Combine(TestContext.CurrentContext.TestDirectory, "registry-ingest.dll");

    public static CliResult Run(string workingDirectory, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        using var process = Start(workingDirectory, arguments, environment);
        return process.WaitForResult(TimeSpan.FromMinutes(2));
    }

    /// <summary>Starts the program and returns at once, for a test that watches or kills it.</summary>
    public static CliProcess Start(string workingDirectory, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        if (!File.Exists(Dll))
        {
            throw new FileNotFoundException("The program was not built beside the tests.", Dll);
        }

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

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        return new CliProcess(Process.Start(start)!, string.Join(' ', start.ArgumentList.Skip(1)));
    }
}
