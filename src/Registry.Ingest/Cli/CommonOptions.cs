using System.CommandLine;

namespace Registry.Ingest.Cli;

internal static class CommonOptions
{
    public static Option<string?> Config() => new("--config")
    {
        Description = "Configuration file (default: appsettings.json in the working folder, else beside the program). Environment variables (Section__Key) override it.",
    };
}
