using Microsoft.Extensions.Logging;

namespace Registry.Ingest.Hosting;

/// <summary>The service plumbing's log messages (source-generated: no boxing when a level is off).</summary>
internal static partial class HostingLog
{
    [LoggerMessage(1001, LogLevel.Information, "systemd watchdog enabled: pinging every {WatchdogInterval}")]
    public static partial void WatchdogEnabled(this ILogger log, TimeSpan watchdogInterval);

    [LoggerMessage(1002, LogLevel.Warning, "Could not notify systemd ({State}): NOTIFY_SOCKET is set but did not accept the message")]
    public static partial void NotifyFailed(this ILogger log, string state);

    [LoggerMessage(1011, LogLevel.Information, "The Service Control Manager asked the service to stop ({Control})")]
    public static partial void StopRequested(this ILogger log, ServiceControl control);

    [LoggerMessage(1012, LogLevel.Error, "Could not report {State} to the Service Control Manager")]
    public static partial void ReportFailed(this ILogger log, Exception exception, ServiceState state);

    [LoggerMessage(1013, LogLevel.Information, "Reported the service stopped with exit code {ExitCode}")]
    public static partial void ReportedStopped(this ILogger log, int exitCode);
}
