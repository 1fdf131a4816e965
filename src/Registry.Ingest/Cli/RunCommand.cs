using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Quartz;
using Registry.Ingest.Hosting;
using Registry.Ingest.Polling;
using Serilog;

namespace Registry.Ingest.Cli;

/// <summary><c>run</c>: the service. Polls the drop folder on the configured schedule until stopped (SIGTERM, Ctrl+C).</summary>
internal static class RunCommand
{
    public static Command Create(TimeProvider time)
    {
        var config = CommonOptions.Config();
        var service = new Option<bool>("--service")
        {
            Description = "Run under the Windows Service Control Manager (deploy/windows/install.ps1 registers it so). Under systemd, NOTIFY_SOCKET is detected without it.",
        };
        var command = new Command("run", "Run the worker service: poll the drop folder on the configured schedule until stopped.") { config, service };
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (!WorkerConfiguration.TryLoad(parse.GetValue(config), out var configuration, out var logger))
            {
                return ExitCodes.ConfigurationError;
            }

            await using var _ = logger;
            Log.Logger = logger;
            // A Windows service starts in System32: relative paths resolve beside the program.
            var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = AppContext.BaseDirectory });
            builder.Logging.AddSerilog(logger);
            builder.UseServiceLifetime(parse.GetValue(service));
            // A file being processed gets to finish or roll back (StopBudget).
            builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = StopBudget.HostShutdown);
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

            int migrated = await StartupMigrations.ApplyIfConfiguredAsync(configuration, logger, time, cancellationToken).ConfigureAwait(false);
            if (migrated != 0)
            {
                return migrated;
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
