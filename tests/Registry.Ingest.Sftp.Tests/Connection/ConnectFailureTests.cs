using System.Diagnostics;
using Registry.Ingest.Sftp.Tests.Support;

namespace Registry.Ingest.Sftp.Tests.Connection;

internal sealed class ConnectFailureTests
{
    private SshServer server = null!;

    [OneTimeSetUp]
    public async Task FindServer() => server = await SshServer.GetAsync();

    [Test]
    public void Connect_ClosedPort_ThrowsConnectionFailedQuickly()
    {
        var options = Options(ClosedPort.Find(), TimeSpan.FromSeconds(10));
        var clock = Stopwatch.StartNew();

        var e = Assert.Throws<SftpException>(() => SftpClient.Connect(options));

        Assert.That(e.Kind, Is.EqualTo(SftpErrorKind.ConnectionFailed));
        Assert.That(e.Message, Does.Contain($"Could not connect to 127.0.0.1:{options.Port}").And.Contain("refused"));
        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(2)));
    }

    [Test]
    public void Connect_ServerThatNeverSpeaks_ThrowsTimeoutWithinTheConnectTimeout()
    {
        using var silent = new SilentServer();
        var timeout = TimeSpan.FromSeconds(1.5);
        var clock = Stopwatch.StartNew();

        var e = Assert.Throws<SftpException>(() => SftpClient.Connect(Options(silent.Port, timeout)));

        Assert.That(e.Kind, Is.EqualTo(SftpErrorKind.Timeout));
        Assert.That(e.Message, Does.Contain("within 1.5 s"));
        Assert.That(clock.Elapsed, Is.GreaterThanOrEqualTo(timeout * 0.9).And.LessThan(timeout + TimeSpan.FromSeconds(2)));
    }

    private SftpConnectionOptions Options(int port, TimeSpan connectTimeout) => new()
    {
        Host = "127.0.0.1",
        Port = port,
        UserName = server.UserName,
        PrivateKeyPath = server.Ed25519KeyPath,
        KnownHostsPath = server.KnownHostsPath,
        ConnectTimeout = connectTimeout,
    };
}
