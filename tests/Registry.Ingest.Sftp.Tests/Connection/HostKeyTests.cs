using Registry.Ingest.Sftp.Tests.Support;

namespace Registry.Ingest.Sftp.Tests.Connection;

internal sealed class HostKeyTests
{
    private SshServer server = null!;
    private string folder = null!;

    [OneTimeSetUp]
    public async Task FindServer() => server = await SshServer.GetAsync();

    [SetUp]
    public void CreateFolder()
    {
        folder = Path.Combine(Path.GetTempPath(), "registry-ingest-sftp-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
    }

    [TearDown]
    public void DeleteFolder() => Directory.Delete(folder, recursive: true);

    private string HostKeyPub => Path.Combine(server.Directory, "etc", "ssh_host_ed25519_key.pub");

    [Test]
    public void Connect_ServerInKnownHosts_ConnectsAndReportsTheEd25519Fingerprint()
    {
        using SftpClient client = server.Connect();

        Assert.That(client.HostKeyFingerprint, Is.EqualTo(server.Fingerprint));
        Assert.That(client.HostKeyFingerprint, Is.EqualTo(KnownHostsFiles.FingerprintOf(HostKeyPub)));
    }

    [Test]
    public void Connect_EmptyKnownHosts_ThrowsHostKeyUnknownNamingTheFingerprint()
    {
        string knownHosts = KnownHostsFiles.Write(folder, "known_hosts");

        var e = Assert.Throws<SftpException>(() => SftpClient.Connect(WithKnownHosts(knownHosts)));

        Assert.That(e.Kind, Is.EqualTo(SftpErrorKind.HostKeyUnknown));
        Assert.That(e.Message, Does.Contain($"host key {server.Fingerprint} is not in known_hosts file {knownHosts}"));
    }

    [Test]
    public void Connect_KnownHostsListsTheHostOnAnotherPort_ThrowsHostKeyUnknown()
    {
        string knownHosts = KnownHostsFiles.Write(folder, "known_hosts", KnownHostsFiles.Line(server, server.Port + 1, HostKeyPub));

        var e = Assert.Throws<SftpException>(() => SftpClient.Connect(WithKnownHosts(knownHosts)));

        Assert.That(e.Kind, Is.EqualTo(SftpErrorKind.HostKeyUnknown));
    }

    [Test]
    public void Connect_KnownHostsMissing_ThrowsHostKeyUnknown()
    {
        string knownHosts = Path.Combine(folder, "no_such_known_hosts");

        var e = Assert.Throws<SftpException>(() => SftpClient.Connect(WithKnownHosts(knownHosts)));

        Assert.That(e.Kind, Is.EqualTo(SftpErrorKind.HostKeyUnknown));
        Assert.That(e.Message, Does.Contain(server.Fingerprint).And.Contain(knownHosts));
    }

    /// <summary>
    /// A known_hosts "file" libssh cannot read (here a folder; for a service, a root-only file,
    /// which root running the tests cannot stand for) was taken for an empty one: "not in
    /// known_hosts" sent the operator to add a key that is there.
    /// </summary>
    [Test]
    public void Connect_KnownHostsCannotBeRead_SaysSoInsteadOfUnknownKey()
    {
        string notAFile = Path.Combine(folder, "known_hosts.d");
        Directory.CreateDirectory(notAFile);

        var e = Assert.Throws<SftpException>(() => SftpClient.Connect(WithKnownHosts(notAFile)));

        Assert.That(e.Kind, Is.EqualTo(SftpErrorKind.HostKeyUnknown));
        Assert.That(e.Message, Does.Contain($"known_hosts file {notAFile} is a folder, not a file.").And.Contain(server.Fingerprint));
        Assert.That(e.Message, Does.Not.Contain("is not in known_hosts"));
    }

    [Test]
    public void Connect_KnownHostsHasAnotherKeyForTheServer_ThrowsHostKeyChanged()
    {
        // Another ed25519 key (the test user's) listed for this host and port: what a changed server key looks like.
        string knownHosts = KnownHostsFiles.Write(folder, "known_hosts", KnownHostsFiles.Line(server, server.Port, server.Ed25519KeyPath + ".pub"));

        var e = Assert.Throws<SftpException>(() => SftpClient.Connect(WithKnownHosts(knownHosts)));

        Assert.That(e.Kind, Is.EqualTo(SftpErrorKind.HostKeyChanged));
        Assert.That(e.Message, Does.Contain(server.Fingerprint).And.Contain(knownHosts));
    }

    [Test]
    public void Connect_PinnedFingerprintMatches_Connects()
    {
        using SftpClient client = SftpClient.Connect(Pinned(server.Fingerprint));

        Assert.That(client.HostKeyFingerprint, Is.EqualTo(server.Fingerprint));
        Assert.That(client.Exists(server.DropFolder), Is.True);
    }

    [Test]
    public void Connect_PinnedFingerprintWithBase64Padding_Connects()
    {
        using SftpClient client = SftpClient.Connect(Pinned(server.Fingerprint + "="));

        Assert.That(client.HostKeyFingerprint, Is.EqualTo(server.Fingerprint));
    }

    [Test]
    public void Connect_PinnedFingerprintDiffers_ThrowsHostKeyChangedNamingBoth()
    {
        string other = KnownHostsFiles.FingerprintOf(server.Ed25519KeyPath + ".pub");

        var e = Assert.Throws<SftpException>(() => SftpClient.Connect(Pinned(other)));

        Assert.That(e.Kind, Is.EqualTo(SftpErrorKind.HostKeyChanged));
        Assert.That(e.Message, Does.Contain(server.Fingerprint).And.Contain($"does not match the pinned fingerprint {other}"));
    }

    [Test]
    public void Connect_PinnedFingerprintDiffersOnlyInCase_ThrowsHostKeyChanged()
    {
        string other = "SHA256:" + server.Fingerprint["SHA256:".Length..].ToUpperInvariant();
        Assume.That(other, Is.Not.EqualTo(server.Fingerprint));

        var e = Assert.Throws<SftpException>(() => SftpClient.Connect(Pinned(other)));

        Assert.That(e.Kind, Is.EqualTo(SftpErrorKind.HostKeyChanged));
    }

    private SftpConnectionOptions WithKnownHosts(string path) => new()
    {
        Host = server.Host,
        Port = server.Port,
        UserName = server.UserName,
        PrivateKeyPath = server.Ed25519KeyPath,
        KnownHostsPath = path,
    };

    private SftpConnectionOptions Pinned(string fingerprint) => new()
    {
        Host = server.Host,
        Port = server.Port,
        UserName = server.UserName,
        PrivateKeyPath = server.Ed25519KeyPath,
        HostKeySha256 = fingerprint,
    };
}
