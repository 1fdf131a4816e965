using System.Net;
using System.Net.Sockets;

namespace Registry.Ingest.Sftp.Tests.Support;

/// <summary>A TCP server on 127.0.0.1 that accepts connections and never sends a byte.</summary>
internal sealed class SilentServer : IDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly List<Socket> accepted = [];
    private readonly CancellationTokenSource stop = new();

    public SilentServer()
    {
        listener.Start();
        _ = AcceptAsync();
    }

    public int Port => ((IPEndPoint)listener.LocalEndpoint).Port;

    public void Dispose()
    {
        stop.Cancel();
        listener.Stop();
        lock (accepted)
        {
            accepted.ForEach(socket => socket.Dispose());
        }

        stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        try
        {
            while (true)
            {
                Socket socket = await listener.AcceptSocketAsync(stop.Token);
                lock (accepted)
                {
                    accepted.Add(socket);
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopped.
        }
    }
}
