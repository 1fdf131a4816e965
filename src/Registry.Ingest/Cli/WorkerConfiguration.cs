using Microsoft.Extensions.Configuration;
using Registry.Ingest.Configuration;
using Registry.Ingest.Immunization.CodeTables;

namespace Registry.Ingest.Cli;

/// <summary>Configuration and logger for the worker verbs (<c>run</c>, <c>once</c>): a bad setting is reported naming its key, exit 78.</summary>
internal static class WorkerConfiguration
{
    public static bool IsConfigurationError(Exception e) =>
        e is InvalidOperationException or FileNotFoundException or IOException or InvalidDataException or CodeTableLoadException or UnauthorizedAccessException;

    public static bool TryLoad(string? path, out IConfigurationRoot configuration, out Serilog.Core.Logger logger)
    {
        try
        {
            configuration = AppConfiguration.Load(path);
            logger = SerilogSetup.Create(configuration);
            return true;
        }
        catch (Exception e) when (IsConfigurationError(e))
        {
            Console.Error.WriteLine($"Configuration error: {e.Message}");
            configuration = null!;
            logger = null!;
            return false;
        }
    }
}
