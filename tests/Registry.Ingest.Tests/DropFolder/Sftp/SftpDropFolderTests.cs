using System.Net;
using System.Net.Sockets;
using Registry.Ingest.DropFolder;
using Registry.Ingest.Tests.Support;

namespace Registry.Ingest.Tests.DropFolder.Sftp;

/// <summary>The drop folder contract over SFTP to the run's private sshd, and what only SFTP has: host keys and reconnection.</summary>
internal sealed class SftpDropFolderTests : DropFolderContract
{
    private const string OtherKey = "SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

    [Test]
    public void List_HostKeyNotThePinnedOne_ThrowsUnavailableNamingTheFingerprintSeen()
    {
        using var folder = SftpFolders.Open(FolderPath, options: SftpFolders.Options(hostKeySha256: OtherKey));

        var e = Assert.Throws<DropFolderUnavailableException>(() => folder.List());

        Assert.That(e!.Message, Does.Contain(SftpFolders.Server.Fingerprint).And.Contain("Fix:").And.Contain("HostKeySha256"));
    }

    [Test]
    public void List_ServerDown_FailsThenFailsFastUntilTheBackoffHasPassed()
    {
        var clock = new ManualTimeProvider();
        using var folder = SftpFolders.Open(FolderPath, clock, SftpFolders.Options(port: ClosedPort()));

        var first = Assert.Throws<DropFolderUnavailableException>(() => folder.List());
        var during = Assert.Throws<DropFolderUnavailableException>(() => folder.List());
        clock.Advance(TimeSpan.FromSeconds(1));
        var after = Assert.Throws<DropFolderUnavailableException>(() => folder.List());

        Assert.That(first!.InnerException, Is.Not.Null, "the first call tried to connect");
        Assert.That(during!.Message, Does.Contain("next connection attempt after"));
        Assert.That(during.InnerException, Is.Null, "no connection attempted during the backoff");
        Assert.That(after!.InnerException, Is.Not.Null, "tried again once the backoff passed");
    }

    [Test]
    public void Check_HostKeyNotThePinnedOne_FailsTheHostKeyItemNamingTheFingerprintSeen()
    {
        using var folder = SftpFolders.Open(FolderPath, options: SftpFolders.Options(hostKeySha256: OtherKey));

        var items = folder.Check([]);

        Assert.That(items.Select(i => (i.Name, i.Ok)), Is.EqualTo(new[] { ("SFTP server reachable", true), ("SFTP host key verified", false) }));
        Assert.That(items[1].Detail, Does.Contain(SftpFolders.Server.Fingerprint));
        Assert.That(items[1].Fix, Does.Contain("HostKeySha256"));
    }

    [Test]
    public void Check_ServerDown_FailsReachableWithAFix()
    {
        using var folder = SftpFolders.Open(FolderPath, options: SftpFolders.Options(port: ClosedPort()));

        var item = folder.Check([]).Single();

        Assert.That((item.Name, item.Ok), Is.EqualTo(("SFTP server reachable", false)));
        Assert.That(item.Fix, Does.Contain("DropFolder:Sftp:Host"));
    }

    [Test]
    public void Check_GoodConfiguration_PrintsTheFingerprintSeen() =>
        Assert.That(SftpFolders.Open(FolderPath).Check([]).Single(i => i.Name == "SFTP host key verified").Detail, Does.Contain(SftpFolders.Server.Fingerprint));

    protected override IDropFolder Open(string path) => SftpFolders.Open(path);

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
