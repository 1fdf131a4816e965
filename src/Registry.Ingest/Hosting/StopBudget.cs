namespace Registry.Ingest.Hosting;

/// <summary>
/// How long a stopping worker gets, from the inside out: the host waits for the poll job (a file
/// in hand finishes or rolls back), the command line lets the process run that long and a little
/// more before it forces an exit, and the service manager's own limit (systemd TimeoutStopSec,
/// deploy/linux/registry-ingest.service) is longer still, so the worker always logs its stop.
/// </summary>
internal static class StopBudget
{
    public static readonly TimeSpan HostShutdown = TimeSpan.FromSeconds(110);

    public static readonly TimeSpan ProcessTermination = HostShutdown + TimeSpan.FromSeconds(5);
}
