using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Registry.Ingest.Polling;
using Serilog;

namespace Registry.Ingest.Cli;

/// <summary><c>once</c>: one poll of the drop folder, then exit; for cron-style use and tests.</summary>
internal static class OnceCommand
{
    public static Command Create(TimeProvider time)
    {
        var config = CommonOptions.Config();
        var command = new Command("once", "Poll the drop folder once, handle every complete file, then exit (0: all handled; 69 database or 74 drop folder unavailable; 75 some file failed and is retried next time).") { config };
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (!WorkerConfiguration.TryLoad(parse.GetValue(config), out var configuration, out var logger))
            {
                return ExitCodes.ConfigurationError;
            }

            using (logger)
            {
                Log.Logger = logger;
                var services = new ServiceCollection();
                services.AddLogging(b => b.AddSerilog(logger));
                try
                {
                    WorkerServices.Add(services, configuration, time);
                }
                catch (Exception e) when (WorkerConfiguration.IsConfigurationError(e))
                {
                    logger.Fatal("Configuration error: {Error}", e.Message);
                    return ExitCodes.ConfigurationError;
                }

                int migrated = await StartupMigrations.ApplyIfConfiguredAsync(configuration, logger, time, cancellationToken).ConfigureAwait(false);
                if (migrated != 0)
                {
                    return migrated;
                }

                using var provider = services.BuildServiceProvider();
                var result = provider.GetRequiredService<DropFolderPoller>().Poll(cancellationToken);
                return result.DatabaseUnavailable ? ExitCodes.DatabaseUnavailable
                    : result.DropFolderUnavailable ? ExitCodes.DropFolderUnavailable
                    : result.Retrying > 0 ? ExitCodes.FilesToRetry
                    : 0;
            }
        });
        return command;
    }
}
