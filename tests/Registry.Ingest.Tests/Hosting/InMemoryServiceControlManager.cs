using Registry.Ingest.Hosting;

namespace Registry.Ingest.Tests.Hosting;

/// <summary>
/// The Service Control Manager in memory: RunDispatcher calls ServiceMain at once and then blocks,
/// as StartServiceCtrlDispatcher does, until STOPPED is reported; every status is recorded.
/// </summary>
internal sealed class InMemoryServiceControlManager : IServiceControlManager, IDisposable
{
    private readonly Lock gate = new();
    private readonly List<ServiceStatus> statuses = [];
    private readonly ManualResetEventSlim stopped = new();
    private Func<ServiceControl, bool>? handleControl;

    /// <summary>Thrown by RunDispatcher instead of starting, as advapi32 does outside the SCM.</summary>
    public Exception? DispatcherFailure { get; init; }

    public string? ServiceName { get; private set; }

    public IReadOnlyList<ServiceStatus> Statuses
    {
        get
        {
            lock (gate)
            {
                return [.. statuses];
            }
        }
    }

    /// <summary>The reported states with repeats (wait-hint heartbeats) folded.</summary>
    public IReadOnlyList<ServiceState> States =>
        [.. Statuses.Select(s => s.CurrentState).Where((state, i) => i == 0 || Statuses[i - 1].CurrentState != state)];

    public void RunDispatcher(string serviceName, Action serviceMain, Func<ServiceControl, bool> handleControl)
    {
        if (DispatcherFailure is not null)
        {
            throw DispatcherFailure;
        }

        ServiceName = serviceName;
        this.handleControl = handleControl;
        serviceMain();
        stopped.Wait();
    }

    public void SetStatus(in ServiceStatus status)
    {
        lock (gate)
        {
            statuses.Add(status);
        }

        if (status.CurrentState == ServiceState.Stopped)
        {
            stopped.Set();
        }
    }

    /// <summary>What the SCM does on <c>sc.exe stop</c> and friends; returns whether the handler took it.</summary>
    public bool Send(ServiceControl control) =>
        (handleControl ?? throw new InvalidOperationException("The service has not started.")).Invoke(control);

    public async Task WaitForStateAsync(ServiceState state, TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        while (!Statuses.Any(s => s.CurrentState == state))
        {
            await Task.Delay(10, cancellation.Token);
        }
    }

    public void Dispose() => stopped.Dispose();
}
