using Registry.Ingest.Configuration;
using Microsoft.Extensions.Configuration;
using Npgsql;
using Registry.Ingest.Processing;
using Registry.Ingest.Storage;
using Serilog;

namespace Registry.Ingest.Cli;

/// <summary>
/// <c>Database:MigrateOnStart</c>: the worker verbs (<c>run</c>, <c>once</c>) apply pending schema
/// migrations before their first poll, as the owner role (<c>ConnectionStrings:RegistryOwner</c>),
/// exactly as <c>migrate</c> does. Off by default: most sites migrate as a deployment step.
/// </summary>
internal static class StartupMigrations
{
    /// <returns>0 when nothing was to be done or all applied; <see cref="ExitCodes.DatabaseUnavailable"/> when they could not be.</returns>
    public static async Task<int> ApplyIfConfiguredAsync(IConfiguration configuration, ILogger logger, TimeProvider time, CancellationToken cancellationToken)
    {
        var options = OptionsValidation.BindValid<DatabaseOptions>(configuration, DatabaseOptions.Section);
        if (!options.MigrateOnStart)
        {
            return 0;
        }

        var connectionString = RegistryConnection.ForOwner(configuration, options);
        try
        {
            var applied = await new MigrationRunner(connectionString, options.AppRole, time).ApplyAsync(cancellationToken).ConfigureAwait(false);
            if (applied.Count == 0)
            {
                logger.Information("Schema up to date; no migration to apply");
            }
            else
            {
                logger.Information("Applied {Count} migration(s): {Migrations}", applied.Count, string.Join(", ", applied.Select(m => m.Name)));
            }

            return 0;
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
        {
            logger.Error("Migrations at start failed, nothing was changed: {Error}", e.Message);
            return ExitCodes.DatabaseUnavailable;
        }
    }
}
