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
        var command = new Command("once", "Poll the drop folder once, handle every complete file, then exit (0: all handled; 69 database or 74 drop folder unavailable; 75 some file failed and is retried next time, or another worker was polling and nothing was done).") { config };
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
                // On a thread of its own: the poll is synchronous, and System.CommandLine can only
                // wait for an action that has handed back its task. Run inline, SIGTERM ended the
                // process at once, mid-file, without the clean abandon `run` does.
                var poller = provider.GetRequiredService<DropFolderPoller>();
                var result = await Task.Run(() => poller.Poll(cancellationToken), CancellationToken.None).ConfigureAwait(false);
                Explain(result, provider.GetRequiredService<PollOptions>(), time, logger);
                return result.DatabaseUnavailable ? ExitCodes.DatabaseUnavailable
                    : result.DropFolderUnavailable ? ExitCodes.DropFolderUnavailable
                    : result.Retrying > 0 || result.OtherWorkerPolling ? ExitCodes.FilesToRetry
                    : 0;
            }
        });
        return command;
    }

    /// <summary>
    /// What a single poll leaves undone, which a running worker simply takes at its next poll:
    /// said once, so that an operator running <c>once</c> by hand does not take silence for "no files".
    /// </summary>
    private static void Explain(PollResult result, PollOptions options, TimeProvider time, Serilog.ILogger logger)
    {
        if (result.OtherWorkerPolling)
        {
            logger.Warning("Nothing done: another worker of this registry database is polling right now; files are taken by that worker, or by running once again when it is done");
        }
        else if (result.Waiting > 0)
        {
            logger.Information(
                "{Waiting} file(s) left for a later poll: still being uploaded, unchanged for less than Polling:StableFor ({StableFor}; {UnterminatedStableFor} for a file that does not end with a line break), or over Polling:MaxFilesPerPoll{NextStable}",
                result.Waiting,
                options.StableFor,
                options.UnterminatedStableFor,
                result.NextStableAt is { } at ? $"; the first may be taken from {TimeZoneInfo.ConvertTime(at, time.LocalTimeZone):HH:mm:ss}" : string.Empty);
        }
    }
}
