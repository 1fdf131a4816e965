using System.CommandLine;
using Microsoft.Extensions.Configuration;
using Npgsql;
using Registry.Ingest.Configuration;
using Registry.Ingest.Processing;
using Registry.Ingest.Storage;

namespace Registry.Ingest.Cli;

/// <summary><c>migrate</c>: applies the shipped schema migrations as the owner role.</summary>
internal static class MigrateCommand
{
    public static Command Create(TimeProvider time)
    {
        var config = CommonOptions.Config();
        var command = new Command("migrate", "Create or upgrade the registry schema (as ConnectionStrings:RegistryOwner), then grant the worker's role data access.") { config };
        command.SetAction(async (parse, cancellationToken) =>
        {
            string connectionString;
            DatabaseOptions options;
            try
            {
                var configuration = AppConfiguration.Load(parse.GetValue(config));
                options = OptionsValidation.BindValid<DatabaseOptions>(configuration, DatabaseOptions.Section);
                connectionString = RegistryConnection.ForOwner(configuration, options);
            }
            catch (Exception e) when (e is InvalidOperationException or FileNotFoundException or IOException)
            {
                Console.Error.WriteLine($"Configuration error: {e.Message}");
                return ExitCodes.ConfigurationError;
            }

            try
            {
                var applied = await new MigrationRunner(connectionString, options.AppRole, time).ApplyAsync(cancellationToken);
                Console.WriteLine(applied.Count == 0
                    ? "The schema is up to date; nothing to apply."
                    : $"Applied {applied.Count} migration(s): {string.Join(", ", applied.Select(m => m.Name))}.");
                return 0;
            }
            catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
            {
                Console.Error.WriteLine($"Migration failed: {e.Message}");
                return ExitCodes.DatabaseUnavailable;
            }
        });
        return command;
    }
}
