using System.Net;
using System.Net.Sockets;

namespace Registry.Ingest.Sftp.Tests.Support;

internal static class ClosedPort
{
    /// <summary>A loopback port nothing listens on: bound by us for an instant, then released.</summary>
    public static int Find()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
