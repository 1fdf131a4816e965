using System.CommandLine;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Quartz;
using Registry.Ingest.Polling;
using Serilog;

namespace Registry.Ingest.Cli;

/// <summary><c>run</c>: the service. Polls the drop folder on the configured schedule until stopped (SIGTERM, Ctrl+C).</summary>
internal static class RunCommand
{
    public static Command Create(TimeProvider time)
    {
        var config = CommonOptions.Config();
        var command = new Command("run", "Run the worker service: poll the drop folder on the configured schedule until stopped.") { config };
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (!WorkerConfiguration.TryLoad(parse.GetValue(config), out var configuration, out var logger))
            {
                return ExitCodes.ConfigurationError;
            }

            await using var _ = logger;
            Log.Logger = logger;
            var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
            builder.Logging.AddSerilog(logger);
            PollOptions poll;
            try
            {
                poll = WorkerServices.Add(builder.Services, configuration, time);
            }
            catch (Exception e) when (WorkerConfiguration.IsConfigurationError(e))
            {
                logger.Fatal("Configuration error: {Error}", e.Message);
                return ExitCodes.ConfigurationError;
            }

            builder.Services.AddQuartz(q => PollSchedule.Add(q, poll));
            builder.Services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
            using var host = builder.Build();
            logger.Information("Worker started: polling {Schedule}, files taken after {StableFor} unchanged",
                string.IsNullOrWhiteSpace(poll.Cron) ? $"every {poll.Interval}" : $"on cron '{poll.Cron}'", poll.StableFor);
            await host.RunAsync(cancellationToken).ConfigureAwait(false);
            logger.Information("Worker stopped");
            return 0;
        });
        return command;
    }
}
