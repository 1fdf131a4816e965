using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Registry.Ingest.Hosting;

namespace Registry.Ingest.Tests.Hosting;

/// <summary>The hosted service that tells systemd about the host's life: READY only when started.</summary>
[TestFixture]
internal sealed class SystemdNotifierServiceTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [Test]
    public async Task Host_StartsAndStops_SystemdGetsReadyThenStopping()
    {
        using var systemd = NotifySocket.InTempFolder();
        using var host = BuildHost(systemd, watchdog: null);

        await host.StartAsync();
        Assert.That(systemd.Receive(Wait), Is.EqualTo("READY=1\nSTATUS=Running"));
        await host.StopAsync();
        Assert.That(systemd.Receive(Wait), Does.StartWith("STOPPING=1\n"));
    }

    [Test]
    public async Task Host_AHostedServiceStillStarting_ReadyWaitsForIt()
    {
        using var systemd = NotifySocket.InTempFolder();
        var slow = new SlowStartingService();
        using var host = BuildHost(systemd, watchdog: null, services => services.AddSingleton<IHostedService>(slow));

        var start = host.StartAsync();
        Assert.That(systemd.Receive(TimeSpan.FromMilliseconds(300)), Is.Null, "READY=1 before every hosted service had started");
        slow.FinishStarting();
        await start;
        Assert.That(systemd.Receive(Wait), Is.EqualTo("READY=1\nSTATUS=Running"));
        await host.StopAsync();
    }

    [Test]
    public async Task Host_WatchdogRequested_SystemdGetsWatchdogPings()
    {
        using var systemd = NotifySocket.InTempFolder();
        using var host = BuildHost(systemd, watchdog: TimeSpan.FromMilliseconds(50));

        await host.StartAsync();
        systemd.ReceiveUntil("WATCHDOG=1", Wait);
        systemd.ReceiveUntil("WATCHDOG=1", Wait);
        await host.StopAsync();
    }

    [Test]
    public async Task Host_NoNotifySocket_StartsAndStopsQuietly()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddServiceLifetime(ServiceMode.Systemd, notifier: new SystemdNotifier(null));
        using var host = builder.Build();

        await host.StartAsync();
        await host.StopAsync();
    }

    private static IHost BuildHost(NotifySocket systemd, TimeSpan? watchdog, Action<IServiceCollection>? configure = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddServiceLifetime(ServiceMode.Systemd, notifier: new SystemdNotifier(systemd.Address), watchdogInterval: watchdog);
        configure?.Invoke(builder.Services);
        return builder.Build();
    }

    private sealed class SlowStartingService : IHostedService
    {
        private readonly TaskCompletionSource started = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void FinishStarting() => started.TrySetResult();

        public Task StartAsync(CancellationToken cancellationToken) => started.Task;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
