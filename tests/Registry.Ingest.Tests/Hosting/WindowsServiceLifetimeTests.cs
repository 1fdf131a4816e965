using System.ComponentModel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Registry.Ingest.Hosting;

namespace Registry.Ingest.Tests.Hosting;

/// <summary>
/// The Windows service state machine driven by a real generic host and an in-memory SCM, so it
/// runs on Linux: what the SCM is told, and when, from start to STOPPED.
/// </summary>
[TestFixture]
internal sealed class WindowsServiceLifetimeTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [TestCase(ServiceControl.Stop)]
    [TestCase(ServiceControl.Shutdown)]
    public async Task Control_StopOrShutdown_StopsTheHostAndReportsStoppedWithExitCodeZero(ServiceControl control)
    {
        using var scm = new InMemoryServiceControlManager();
        var host = BuildHost(scm);
        var application = host.Services.GetRequiredService<IHostApplicationLifetime>();

        var run = host.RunAsync();
        await scm.WaitForStateAsync(ServiceState.Running, Wait);
        Assert.That(scm.Send(control), Is.True);
        await run.WaitAsync(Wait);

        Assert.That(application.ApplicationStopping.IsCancellationRequested, Is.True, "StopApplication was not called");
        Assert.That(scm.States, Is.EqualTo(new[] { ServiceState.StartPending, ServiceState.Running, ServiceState.StopPending, ServiceState.Stopped }));
        var last = scm.Statuses[^1];
        Assert.That((last.Win32ExitCode, last.ServiceSpecificExitCode), Is.EqualTo((0u, 0u)));
        Assert.That(scm.ServiceName, Is.EqualTo(WindowsServiceLifetime.DefaultServiceName));
    }

    [Test]
    public async Task Statuses_EachState_AcceptsStopOnlyWhenRunningAndWaitsOnlyWhenPending()
    {
        using var scm = new InMemoryServiceControlManager();
        var run = BuildHost(scm).RunAsync();
        await scm.WaitForStateAsync(ServiceState.Running, Wait);
        scm.Send(ServiceControl.Stop);
        await run.WaitAsync(Wait);

        var byState = scm.Statuses.GroupBy(s => s.CurrentState).ToDictionary(g => g.Key, g => g.First());
        Assert.Multiple(() =>
        {
            Assert.That(scm.Statuses.Select(s => s.ServiceType), Is.All.EqualTo(ServiceStatus.OwnProcess));
            Assert.That(byState[ServiceState.StartPending].ControlsAccepted, Is.EqualTo(ServiceAcceptedControls.None));
            Assert.That(byState[ServiceState.StartPending].WaitHint, Is.EqualTo(30_000));
            Assert.That(byState[ServiceState.StartPending].CheckPoint, Is.GreaterThan(0));
            Assert.That(byState[ServiceState.Running].ControlsAccepted, Is.EqualTo(ServiceAcceptedControls.Stop | ServiceAcceptedControls.Shutdown));
            Assert.That((byState[ServiceState.Running].CheckPoint, byState[ServiceState.Running].WaitHint), Is.EqualTo((0u, 0u)));
            Assert.That(byState[ServiceState.StopPending].ControlsAccepted, Is.EqualTo(ServiceAcceptedControls.None));
            Assert.That(byState[ServiceState.StopPending].WaitHint, Is.EqualTo(30_000));
            Assert.That(byState[ServiceState.Stopped].ControlsAccepted, Is.EqualTo(ServiceAcceptedControls.None));
        });
    }

    [Test]
    public async Task Stop_HostTakesLongerThanTheWaitHint_CheckpointKeepsAdvancingUntilStopped()
    {
        using var scm = new InMemoryServiceControlManager();
        var waitHint = TimeSpan.FromMilliseconds(150);
        var builder = NewBuilder();
        builder.Services.AddSingleton<IHostLifetime>(sp => new WindowsServiceLifetime(
            scm, sp.GetRequiredService<IHostApplicationLifetime>(), sp, TimeProvider.System,
            sp.GetRequiredService<ILogger<WindowsServiceLifetime>>(), waitHint: waitHint));
        builder.Services.AddSingleton<IHostedService>(new SlowStoppingWorker(TimeSpan.FromMilliseconds(700)));
        var run = builder.Build().RunAsync();
        await scm.WaitForStateAsync(ServiceState.Running, Wait);

        scm.Send(ServiceControl.Stop);
        await run.WaitAsync(Wait);

        var pending = scm.Statuses.Where(s => s.CurrentState == ServiceState.StopPending).ToList();
        Assert.That(pending, Has.Count.GreaterThanOrEqualTo(3), "the SCM would give up on a service whose checkpoint stands still");
        Assert.That(pending.Select(s => s.CheckPoint), Is.Ordered.Ascending.And.Unique);
        Assert.That(pending.Select(s => s.WaitHint), Is.All.EqualTo(150));
        Assert.That(scm.Statuses[^1].CurrentState, Is.EqualTo(ServiceState.Stopped));
    }

    [Test]
    public async Task BackgroundService_Fails_ReportsStopPendingThenStoppedWithServiceSpecificExitCode()
    {
        using var scm = new InMemoryServiceControlManager();
        var failNow = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var host = BuildHost(scm, services => services.AddSingleton<IHostedService>(new FailingWorker(failNow.Task)));
        var run = host.RunAsync();
        await scm.WaitForStateAsync(ServiceState.Running, Wait);
        failNow.SetResult();

        try
        {
            await run.WaitAsync(Wait);
        }
        catch (InvalidOperationException e) when (e.Message == FailingWorker.Failure)
        {
            // Whether the host rethrows a background failure is its business; what the SCM hears is ours.
        }

        Assert.That(scm.States, Is.EqualTo(new[] { ServiceState.StartPending, ServiceState.Running, ServiceState.StopPending, ServiceState.Stopped }));
        var last = scm.Statuses[^1];
        Assert.That((last.Win32ExitCode, last.ServiceSpecificExitCode), Is.EqualTo((ServiceStatus.ServiceSpecificError, (uint)WindowsServiceLifetime.FailureExitCode)));
    }

    [Test]
    public async Task Start_AHostedServiceFailsToStart_ReportsStoppedWithExitCodeAndNeverRunning()
    {
        using var scm = new InMemoryServiceControlManager();
        var host = BuildHost(scm, services => services.AddSingleton<IHostedService>(new FailingToStartService()));

        Assert.That(async () => await host.RunAsync().WaitAsync(Wait), Throws.InvalidOperationException);

        Assert.That(scm.States, Is.EqualTo(new[] { ServiceState.StartPending, ServiceState.Stopped }));
        Assert.That(scm.Statuses[^1].Win32ExitCode, Is.EqualTo(ServiceStatus.ServiceSpecificError));
        Assert.That(scm.Statuses[^1].ServiceSpecificExitCode, Is.Not.Zero);
    }

    [Test]
    public async Task Start_StopRequestedWhileStarting_NeverReportsRunning()
    {
        using var scm = new InMemoryServiceControlManager();
        var host = BuildHost(scm, services => services.AddHostedService<StoppingWhileStartingService>());

        await host.RunAsync().WaitAsync(Wait);

        Assert.That(scm.States, Is.EqualTo(new[] { ServiceState.StartPending, ServiceState.StopPending, ServiceState.Stopped }));
    }

    [Test]
    public void Start_NotStartedByTheScm_FailsNamingTheServiceFlag()
    {
        using var scm = new InMemoryServiceControlManager { DispatcherFailure = new Win32Exception(1063) };
        using var host = BuildHost(scm);

        Assert.That(async () => await host.StartAsync().WaitAsync(Wait),
            Throws.InvalidOperationException.With.Message.Contains("--service").And.Message.Contains("Start-Service"));
        Assert.That(scm.Statuses, Is.Empty);
    }

    [Test]
    public async Task Control_InterrogateAndUnsupported_OnlyInterrogateIsHandled()
    {
        using var scm = new InMemoryServiceControlManager();
        var run = BuildHost(scm).RunAsync();
        await scm.WaitForStateAsync(ServiceState.Running, Wait);

        Assert.That(scm.Send(ServiceControl.Interrogate), Is.True);
        Assert.That(scm.Send(ServiceControl.Pause), Is.False);
        Assert.That(scm.Send(ServiceControl.ParamChange), Is.False);
        Assert.That(scm.States[^1], Is.EqualTo(ServiceState.Running));

        scm.Send(ServiceControl.Stop);
        await run.WaitAsync(Wait);
    }

    [Test]
    public async Task Host_StopsOnItsOwn_ScmHearsStopPendingBeforeStopped()
    {
        using var scm = new InMemoryServiceControlManager();
        var host = BuildHost(scm);
        var run = host.RunAsync();
        await scm.WaitForStateAsync(ServiceState.Running, Wait);

        host.Services.GetRequiredService<IHostApplicationLifetime>().StopApplication();
        await run.WaitAsync(Wait);

        Assert.That(scm.States, Is.EqualTo(new[] { ServiceState.StartPending, ServiceState.Running, ServiceState.StopPending, ServiceState.Stopped }));
        Assert.That(scm.Statuses[^1].Win32ExitCode, Is.Zero);
    }

    [TestCase(true, false, 0, 0)]
    [TestCase(false, false, 0, WindowsServiceLifetime.FailureExitCode)]
    [TestCase(true, true, 0, WindowsServiceLifetime.FailureExitCode)]
    [TestCase(true, false, 69, 69)]
    [TestCase(false, true, 78, 78)]
    public void ExitCodeFor_HowTheHostEnded_IsZeroOnlyForACleanRun(bool started, bool backgroundFailed, int environmentExitCode, int expected)
    {
        Assert.That(WindowsServiceLifetime.ExitCodeFor(started, backgroundFailed, environmentExitCode), Is.EqualTo(expected));
    }

    [Test]
    public void AddServiceLifetime_WindowsServiceOffWindows_RefusesWithoutTouchingAdvapi32()
    {
        Assume.That(OperatingSystem.IsWindows(), Is.False);

        Assert.That(() => new ServiceCollection().AddServiceLifetime(ServiceMode.WindowsService), Throws.TypeOf<PlatformNotSupportedException>());
    }

    private static HostApplicationBuilder NewBuilder() =>
        Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });

    private static IHost BuildHost(InMemoryServiceControlManager scm, Action<IServiceCollection>? configure = null)
    {
        var builder = NewBuilder();
        builder.Services.AddServiceLifetime(ServiceMode.WindowsService, scm);
        configure?.Invoke(builder.Services);
        return builder.Build();
    }

    private sealed class FailingWorker(Task failNow) : BackgroundService
    {
        public const string Failure = "The drop folder went away.";

        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
        {
            // Fails when the test says, once the SCM has heard RUNNING, as a later poll would.
            await failNow.WaitAsync(stoppingToken);
            throw new InvalidOperationException(Failure);
        }
    }

    private sealed class StoppingWhileStartingService(IHostApplicationLifetime lifetime) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            lifetime.StopApplication();
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }

    private sealed class FailingToStartService : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => throw new InvalidOperationException("Bad configuration.");

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }

    private sealed class SlowStoppingWorker(TimeSpan stopTime) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.Delay(stopTime, CancellationToken.None);
    }
}
