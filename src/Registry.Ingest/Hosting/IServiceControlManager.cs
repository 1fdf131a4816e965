namespace Registry.Ingest.Hosting;

/// <summary>
/// The Service Control Manager as <see cref="WindowsServiceLifetime"/> sees it: advapi32 on Windows,
/// an in-memory fake in tests (the state machine is exercised on Linux).
/// </summary>
internal interface IServiceControlManager
{
    /// <summary>
    /// Connects the process to the SCM and blocks the calling thread until the service reports
    /// <see cref="ServiceState.Stopped"/>. Once the SCM starts the service, <paramref name="serviceMain"/>
    /// runs (on a thread of the SCM's) with the control handler registered; every control then
    /// goes to <paramref name="handleControl"/>, which returns whether it handled it.
    /// </summary>
    /// <exception cref="System.ComponentModel.Win32Exception">The process was not started by the SCM (1063), or the dispatcher failed.</exception>
    void RunDispatcher(string serviceName, Action serviceMain, Func<ServiceControl, bool> handleControl);

    /// <summary>Reports the service's status; valid once <c>serviceMain</c> has been called.</summary>
    void SetStatus(in ServiceStatus status);
}
