using System.Diagnostics;
using Registry.Ingest.Sftp.Tests.Support;

namespace Registry.Ingest.Sftp.Tests.Connection;

internal sealed class OperationTimeoutTests
{
    [Test]
    public async Task List_ServerStopsAnswering_ThrowsTimeoutWithinTheOperationTimeout()
    {
        SshServer server = await SshServer.GetAsync();
        var timeout = TimeSpan.FromSeconds(2);
        var options = new SftpConnectionOptions
        {
            Host = server.Host,
            Port = server.Port,
            UserName = server.UserName,
            PrivateKeyPath = server.Ed25519KeyPath,
            KnownHostsPath = server.KnownHostsPath,
            OperationTimeout = timeout,
        };
        using SftpClient client = SftpClient.Connect(options);
        Assert.That(client.List(server.DropFolder), Is.Not.Null);

        using var frozen = new FrozenSessions(server);
        Assume.That(frozen.Count, Is.GreaterThan(0), "no sshd session process found to stop");
        var clock = Stopwatch.StartNew();
        // On a thread of its own, so that a libssh that ignored the timeout fails this test instead of hanging the run.
        Task<IReadOnlyList<SftpEntry>> list = Task.Run(() => client.List(server.DropFolder));
        Task first = await Task.WhenAny(list, Task.Delay(TimeSpan.FromSeconds(15)));
        TimeSpan elapsed = clock.Elapsed;

        Assert.That(first, Is.SameAs(list), "List still blocked after 15 s");
        var e = list.Exception?.InnerException as SftpException;
        Assert.That(e, Is.Not.Null, list.Exception?.ToString() ?? "List succeeded");
        Assert.That(e!.Kind, Is.EqualTo(SftpErrorKind.Timeout));
        Assert.That(e.Message, Does.Contain("no answer from the server within 2 s"));
        Assert.That(elapsed, Is.GreaterThanOrEqualTo(timeout * 0.9).And.LessThan(timeout + TimeSpan.FromSeconds(3)));
        // The connection was cut to end the wait: the client stays unusable, and says so quickly.
        var next = Assert.Throws<SftpException>(() => client.Stat(server.DropFolder));
        Assert.That(next.Kind, Is.EqualTo(SftpErrorKind.ConnectionLost));
    }
}
