using System.Net.Sockets;
using System.Text;

namespace Registry.Ingest.Tests.Hosting;

/// <summary>
/// A unix datagram socket standing in for systemd's NOTIFY_SOCKET: bound to a file in the temp
/// folder, or to an abstract-namespace name; receives what the notifier sends.
/// </summary>
internal sealed class NotifySocket : IDisposable
{
    private readonly Socket socket = new(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
    private readonly string? file;

    private NotifySocket(string address, string? file)
    {
        Address = address;
        this.file = file;
        socket.Bind(new UnixDomainSocketEndPoint(address.StartsWith('@') ? "\0" + address[1..] : address));
    }

    /// <summary>The value NOTIFY_SOCKET would hold.</summary>
    public string Address { get; }

    // Short names: a unix socket path is limited to 108 bytes.
    public static NotifySocket InTempFolder()
    {
        var path = Path.Combine(Path.GetTempPath(), $"ri-notify-{Guid.NewGuid():N}.sock");
        return new NotifySocket(path, path);
    }

    public static NotifySocket Abstract() => new($"@registry-ingest-test-{Guid.NewGuid():N}", file: null);

    /// <summary>The next datagram, or null when none arrives in time.</summary>
    public string? Receive(TimeSpan timeout)
    {
        if (!socket.Poll(timeout, SelectMode.SelectRead))
        {
            return null;
        }

        var buffer = new byte[4096];
        var length = socket.Receive(buffer);
        return Encoding.UTF8.GetString(buffer, 0, length);
    }

    /// <summary>Datagrams until one contains <paramref name="state"/>; fails after the timeout.</summary>
    public string ReceiveUntil(string state, TimeSpan timeout)
    {
        var deadline = Environment.TickCount64 + (long)timeout.TotalMilliseconds;
        while (Environment.TickCount64 < deadline)
        {
            var datagram = Receive(TimeSpan.FromMilliseconds(Math.Max(1, deadline - Environment.TickCount64)));
            if (datagram is not null && datagram.Split('\n').Contains(state))
            {
                return datagram;
            }
        }

        throw new TimeoutException($"No datagram with {state} within {timeout.TotalSeconds} s.");
    }

    public void Dispose()
    {
        socket.Dispose();
        if (file is not null)
        {
            File.Delete(file);
        }
    }
}
