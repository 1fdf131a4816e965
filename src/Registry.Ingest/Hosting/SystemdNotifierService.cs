using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Registry.Ingest.Hosting;

/// <summary>
/// Tells systemd READY=1 once every hosted service has started (so <c>systemctl start</c> returns
/// only when the worker really polls), STOPPING=1 when the host begins to stop, and WATCHDOG=1 at
/// the interval systemd asked for. Harmless without systemd: the notifier is then disabled.
/// </summary>
internal sealed class SystemdNotifierService(
    SystemdNotifier notifier,
    TimeSpan? watchdogInterval,
    IHostApplicationLifetime lifetime,
    TimeProvider time,
    ILogger<SystemdNotifierService> log) : IHostedService, IDisposable
{
    private ITimer? watchdog;
    private CancellationTokenRegistration started;
    private CancellationTokenRegistration stopping;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (!notifier.IsEnabled)
        {
            return Task.CompletedTask;
        }

        started = lifetime.ApplicationStarted.Register(() => Notify("READY=1\nSTATUS=Running"));
        stopping = lifetime.ApplicationStopping.Register(() => Notify("STOPPING=1\nSTATUS=Stopping: finishing the current file"));
        if (watchdogInterval is { } interval)
        {
            // Started here, not at READY, because the watchdog runs from the moment systemd starts us.
            watchdog = time.CreateTimer(_ => notifier.Watchdog(), null, TimeSpan.Zero, interval);
            log.WatchdogEnabled(interval);
        }

        return Task.CompletedTask;
    }

    // Keep pinging the watchdog while the other services finish their work; Dispose stops it.
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose()
    {
        watchdog?.Dispose();
        started.Dispose();
        stopping.Dispose();
        notifier.Dispose();
    }

    private void Notify(string state)
    {
        if (!notifier.Send(state))
        {
            log.NotifyFailed(state.Split('\n')[0]);
        }
    }
}
