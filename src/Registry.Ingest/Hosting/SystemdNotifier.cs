using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace Registry.Ingest.Hosting;

/// <summary>
/// Sends sd_notify(3) states to systemd over the <c>NOTIFY_SOCKET</c> datagram socket, so a
/// <c>Type=notify</c> unit knows when the worker is ready, stopping and alive. Does nothing when
/// systemd did not set <c>NOTIFY_SOCKET</c> (a console run, <c>Type=exec</c>, another OS).
/// </summary>
internal sealed class SystemdNotifier : IDisposable
{
    public const string SocketVariable = "NOTIFY_SOCKET";
    public const string WatchdogMicrosecondsVariable = "WATCHDOG_USEC";
    public const string WatchdogPidVariable = "WATCHDOG_PID";

    private readonly UnixDomainSocketEndPoint? endPoint;
    private readonly Lock gate = new();
    private Socket? socket;

    public SystemdNotifier(string? notifySocket) => endPoint = ToEndPoint(notifySocket);

    public static SystemdNotifier FromEnvironment() => new(Environment.GetEnvironmentVariable(SocketVariable));

    public bool IsEnabled => endPoint is not null;

    public bool Ready() => Send("READY=1");

    public bool Stopping() => Send("STOPPING=1");

    public bool Watchdog() => Send("WATCHDOG=1");

    /// <summary>One line shown by <c>systemctl status</c>; never put a patient's data in it.</summary>
    public bool Status(string status) => Send("STATUS=" + OneLine(status));

    /// <summary>Sends newline-separated assignments; false when disabled or systemd is gone.</summary>
    public bool Send(string state)
    {
        if (endPoint is null)
        {
            return false;
        }

        var datagram = Encoding.UTF8.GetBytes(state);
        lock (gate)
        {
            try
            {
                socket ??= new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
                socket.SendTo(datagram, endPoint);
                return true;
            }
            catch (SocketException)
            {
                // A notification is advice to systemd; the worker must not fail because it could not
                // be delivered. A fresh socket is tried next time.
                socket?.Dispose();
                socket = null;
                return false;
            }
        }
    }

    /// <summary>
    /// How often to send WATCHDOG=1: half of <c>WATCHDOG_USEC</c>, as sd_watchdog_enabled(3) advises,
    /// or null when the watchdog is off or meant for another process (<c>WATCHDOG_PID</c>).
    /// </summary>
    public static TimeSpan? WatchdogInterval(string? microseconds, string? pid, int currentPid)
    {
        if (!ulong.TryParse(microseconds, NumberStyles.None, CultureInfo.InvariantCulture, out var usec) || usec == 0)
        {
            return null;
        }

        if (!string.IsNullOrEmpty(pid)
            && (!int.TryParse(pid, NumberStyles.None, CultureInfo.InvariantCulture, out var watchedPid) || watchedPid != currentPid))
        {
            return null;
        }

        return TimeSpan.FromMicroseconds(usec / 2);
    }

    public static TimeSpan? WatchdogIntervalFromEnvironment() => WatchdogInterval(
        Environment.GetEnvironmentVariable(WatchdogMicrosecondsVariable),
        Environment.GetEnvironmentVariable(WatchdogPidVariable),
        Environment.ProcessId);

    public void Dispose()
    {
        lock (gate)
        {
            socket?.Dispose();
            socket = null;
        }
    }

    private static UnixDomainSocketEndPoint? ToEndPoint(string? notifySocket) => notifySocket switch
    {
        // '@' names a Linux abstract-namespace socket, which .NET spells with a leading NUL.
        ['@', _, ..] => new UnixDomainSocketEndPoint("\0" + notifySocket[1..]),
        ['/', ..] => new UnixDomainSocketEndPoint(notifySocket),
        // sd_notify ignores anything else (e.g. vsock addresses, which we do not support).
        _ => null,
    };

    // A newline would end the STATUS= assignment and start another.
    private static string OneLine(string text) => text.ReplaceLineEndings(" ");
}
