using System.ComponentModel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Registry.Ingest.Hosting;

/// <summary>
/// Runs the host as a Windows service: START_PENDING while the host starts, RUNNING once every
/// hosted service has started, STOP_PENDING (with wait hints, so the SCM keeps waiting while the
/// current file finishes) from STOP/SHUTDOWN or the host stopping on its own, and STOPPED with an
/// exit code once the host is disposed: 0 after a clean stop, a service-specific code when the host
/// failed to start, a background service failed, or <see cref="Environment.ExitCode"/> was set.
/// A non-zero code lets the SCM's recovery actions restart the service (sc.exe failureflag).
/// </summary>
internal sealed class WindowsServiceLifetime : IHostLifetime, IDisposable
{
    public const string DefaultServiceName = "RegistryIngest";

    /// <summary>The exit code reported when the host failed and nothing more specific was set.</summary>
    public const int FailureExitCode = 1;

    public static readonly TimeSpan DefaultWaitHint = TimeSpan.FromSeconds(30);

    // How long Dispose lets StartServiceCtrlDispatcher return after STOPPED, so the process exits cleanly.
    private static readonly TimeSpan DispatcherExitWait = TimeSpan.FromSeconds(5);

    private readonly IServiceControlManager scm;
    private readonly IHostApplicationLifetime application;
    private readonly IServiceProvider services;
    private readonly TimeProvider time;
    private readonly ILogger<WindowsServiceLifetime> log;
    private readonly string serviceName;
    private readonly TimeSpan waitHint;
    private readonly TaskCompletionSource serviceMainCalled = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock gate = new();

    private ServiceState? reported;
    private uint checkPoint;
    private ITimer? heartbeat;
    private Thread? dispatcher;
    private bool applicationStarted;
    private IReadOnlyList<BackgroundService> backgroundServices = [];
    private CancellationTokenRegistration onStarted;
    private CancellationTokenRegistration onStopping;

    public WindowsServiceLifetime(
        IServiceControlManager scm,
        IHostApplicationLifetime application,
        IServiceProvider services,
        TimeProvider time,
        ILogger<WindowsServiceLifetime> log,
        string serviceName = DefaultServiceName,
        TimeSpan? waitHint = null)
    {
        this.scm = scm;
        this.application = application;
        this.services = services;
        this.time = time;
        this.log = log;
        this.serviceName = serviceName;
        this.waitHint = waitHint ?? DefaultWaitHint;
    }

    public async Task WaitForStartAsync(CancellationToken cancellationToken)
    {
        // StartServiceCtrlDispatcher blocks until the service stops, so it gets a thread of its own.
        dispatcher = new Thread(RunDispatcher) { IsBackground = true, Name = "Service control dispatcher" };
        dispatcher.Start();
        await serviceMainCalled.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        onStarted = application.ApplicationStarted.Register(OnApplicationStarted);
        onStopping = application.ApplicationStopping.Register(OnApplicationStopping);
    }

    // The host calls this after its hosted services stopped; STOPPED waits for Dispose, which also
    // comes after a failed start, when StopAsync may never be called.
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose()
    {
        onStarted.Dispose();
        onStopping.Dispose();
        if (serviceMainCalled.Task.IsCompletedSuccessfully)
        {
            var failed = backgroundServices.Any(s => s.ExecuteTask is { IsFaulted: true });
            Report(ServiceState.Stopped, ExitCodeFor(applicationStarted, failed, Environment.ExitCode));
            dispatcher?.Join(DispatcherExitWait);
        }

        lock (gate)
        {
            heartbeat?.Dispose();
            heartbeat = null;
        }
    }

    /// <summary>0 after a clean run; otherwise the code to report as the service-specific exit code.</summary>
    public static int ExitCodeFor(bool applicationStarted, bool backgroundServiceFailed, int environmentExitCode) =>
        environmentExitCode != 0 ? environmentExitCode
        : !applicationStarted || backgroundServiceFailed ? FailureExitCode
        : 0;

    /// <summary>SERVICE_STATUS for a state: only RUNNING accepts controls; pending states carry a wait hint.</summary>
    public static ServiceStatus StatusFor(ServiceState state, uint checkPoint, TimeSpan waitHint, int exitCode) => new(
        ServiceStatus.OwnProcess,
        state,
        state == ServiceState.Running ? ServiceAcceptedControls.Stop | ServiceAcceptedControls.Shutdown : ServiceAcceptedControls.None,
        exitCode == 0 ? 0 : ServiceStatus.ServiceSpecificError,
        unchecked((uint)exitCode),
        IsPending(state) ? checkPoint : 0,
        IsPending(state) ? (uint)waitHint.TotalMilliseconds : 0);

    private static bool IsPending(ServiceState state) => state is ServiceState.StartPending or ServiceState.StopPending;

    private void RunDispatcher()
    {
        try
        {
            scm.RunDispatcher(serviceName, OnServiceMain, OnControl);
            serviceMainCalled.TrySetException(new InvalidOperationException("The Service Control Manager ended the service before starting it."));
        }
        catch (Win32Exception e) when (e.NativeErrorCode == Advapi32.FailedServiceControllerConnect)
        {
            serviceMainCalled.TrySetException(new InvalidOperationException(
                "registry-ingest was started with --service, but not by the Windows Service Control Manager. "
                + "Run it without --service from a console, or start the service (Start-Service " + serviceName + ").", e));
        }
        catch (Exception e)
        {
            // This thread is ours: an exception left here would end the process unexplained.
            serviceMainCalled.TrySetException(e);
        }
    }

    private void OnServiceMain()
    {
        Report(ServiceState.StartPending);
        serviceMainCalled.TrySetResult();
    }

    private bool OnControl(ServiceControl control)
    {
        switch (control)
        {
            case ServiceControl.Stop or ServiceControl.Shutdown:
                log.StopRequested(control);
                Report(ServiceState.StopPending);
                // StopApplication runs the stopping callbacks inline; the SCM's handler must return at once.
                ThreadPool.QueueUserWorkItem(_ => application.StopApplication());
                return true;
            case ServiceControl.Interrogate:
                return true;
            default:
                return false;
        }
    }

    private void OnApplicationStarted()
    {
        // Captured now, while the service provider is alive, to tell at Dispose whether one failed.
        backgroundServices = [.. services.GetServices<IHostedService>().OfType<BackgroundService>()];
        applicationStarted = true;
        Report(ServiceState.Running);
    }

    private void OnApplicationStopping()
    {
        lock (gate)
        {
            if (reported is ServiceState.StopPending or ServiceState.Stopped)
            {
                return;
            }
        }

        // The host stops on its own (a failed job, StopApplication in code): tell the SCM before it asks.
        Report(ServiceState.StopPending);
    }

    private void Report(ServiceState state, int exitCode = 0)
    {
        lock (gate)
        {
            // Never back: a stop asked for while the host was still starting must not turn into RUNNING.
            if (reported == ServiceState.Stopped
                || (reported == ServiceState.StopPending && state is ServiceState.Running or ServiceState.StartPending))
            {
                return;
            }

            checkPoint = IsPending(state) ? checkPoint + 1 : 0;
            var status = StatusFor(state, checkPoint, waitHint, exitCode);
            try
            {
                scm.SetStatus(status);
                reported = state;
            }
            catch (Exception e) when (e is Win32Exception or InvalidOperationException)
            {
                log.ReportFailed(e, state);
            }

            UpdateHeartbeat(state);
        }

        if (state == ServiceState.Stopped)
        {
            log.ReportedStopped(exitCode);
        }
    }

    // While pending, the SCM expects the checkpoint to advance within each wait hint, or it gives up
    // on the service; re-reporting at a third of the hint keeps it waiting as long as the host works.
    private void UpdateHeartbeat(ServiceState state)
    {
        if (IsPending(state))
        {
            var period = waitHint / 3;
            heartbeat ??= time.CreateTimer(_ => Heartbeat(), null, period, period);
        }
        else
        {
            heartbeat?.Dispose();
            heartbeat = null;
        }
    }

    private void Heartbeat()
    {
        ServiceState? state;
        lock (gate)
        {
            state = reported;
        }

        if (state is { } pending && IsPending(pending))
        {
            Report(pending);
        }
    }
}
