using System.Net.Sockets;

namespace Registry.Ingest.Sftp.Native;

/// <summary>
/// Bounds every wait for the server. libssh 0.10 applies SSH_OPTIONS_TIMEOUT to the handshake but
/// not to SFTP calls in blocking mode: against a server that stops answering, a call was measured
/// to block until the server resumed. When an armed call overruns, the watchdog shuts the socket
/// down (shutdown(2), from the timer thread; the descriptor stays libssh's), which makes libssh's
/// poll return and the call fail; the connection is then unusable, as it should be.
/// </summary>
internal sealed class OperationWatchdog : IDisposable
{
    private readonly SshSessionHandle ssh;
    private readonly Timer timer;
    private readonly Lock gate = new();
    private TimeSpan timeout;
    private bool armed;
    private bool disposed;

    public OperationWatchdog(SshSessionHandle ssh, TimeSpan timeout)
    {
        this.ssh = ssh;
        this.timeout = timeout;
        timer = new Timer(_ => Fire(), null, System.Threading.Timeout.InfiniteTimeSpan, System.Threading.Timeout.InfiniteTimeSpan);
    }

    /// <summary>True when the watchdog cut the connection during the last armed call.</summary>
    public bool Fired { get; private set; }

    public TimeSpan Timeout => timeout;

    public void SetTimeout(TimeSpan value) => timeout = value;

    /// <summary>Starts the clock for one blocking call; dispose the result when the call returns.</summary>
    public Scope Arm()
    {
        lock (gate)
        {
            // After the client is disposed only a read stream still closes its file: unguarded.
            if (!disposed)
            {
                // Later calls on the cut connection fail as a lost connection, not as a timeout.
                Fired = false;
                armed = true;
                timer.Change(timeout, System.Threading.Timeout.InfiniteTimeSpan);
            }
        }

        return new Scope(this);
    }

    public void Dispose()
    {
        lock (gate)
        {
            armed = false;
            disposed = true;
            timer.Dispose();
        }
    }

    private void Disarm()
    {
        lock (gate)
        {
            armed = false;
            if (!disposed)
            {
                timer.Change(System.Threading.Timeout.InfiniteTimeSpan, System.Threading.Timeout.InfiniteTimeSpan);
            }
        }
    }

    private void Fire()
    {
        lock (gate)
        {
            // The call may have returned while this callback waited for the lock.
            if (!armed || ssh.IsClosed)
            {
                return;
            }

            Fired = true;
            nint fd = OperatingSystem.IsWindows() ? LibSsh.GetFdWindows(ssh) : LibSsh.GetFdUnix(ssh);
            if (fd is 0 or -1)
            {
                return;
            }

            try
            {
                using var socket = new Socket(new SafeSocketHandle(fd, ownsHandle: false));
                socket.Shutdown(SocketShutdown.Both);
            }
            catch (SocketException)
            {
                // Already shut down or closed by libssh: the call fails or has failed either way.
            }
        }
    }

    internal readonly struct Scope(OperationWatchdog owner) : IDisposable
    {
        public void Dispose() => owner.Disarm();
    }
}
