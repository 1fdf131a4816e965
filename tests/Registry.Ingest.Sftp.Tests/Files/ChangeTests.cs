using Registry.Ingest.Sftp.Tests.Support;

namespace Registry.Ingest.Sftp.Tests.Files;

internal sealed class ChangeTests
{
    [Test]
    public async Task Rename_ToANewName_MovesTheFile()
    {
        using RemoteFolder folder = await RemoteFolder.ForCallerAsync();
        File.WriteAllText(Path.Combine(folder.Path, "HL7_X_20240101.txt.tmp"), "content");
        using SftpClient client = (await SshServer.GetAsync()).Connect();

        client.Rename(folder.Combine("HL7_X_20240101.txt.tmp"), folder.Combine("HL7_X_20240101.txt"));

        Assert.That(File.Exists(Path.Combine(folder.Path, "HL7_X_20240101.txt.tmp")), Is.False);
        Assert.That(File.ReadAllText(Path.Combine(folder.Path, "HL7_X_20240101.txt")), Is.EqualTo("content"));
    }

    [Test]
    public async Task Rename_OntoAnExistingFile_ThrowsFailureAndKeepsBothFiles()
    {
        // SFTP v3 (OpenSSH's sftp-server) never replaces the target: write to a name that does not exist yet.
        using RemoteFolder folder = await RemoteFolder.ForCallerAsync();
        File.WriteAllText(Path.Combine(folder.Path, "new.txt"), "new");
        File.WriteAllText(Path.Combine(folder.Path, "old.txt"), "old");
        using SftpClient client = (await SshServer.GetAsync()).Connect();

        var e = Assert.Throws<SftpException>(() => client.Rename(folder.Combine("new.txt"), folder.Combine("old.txt")));

        Assert.That(e.Kind, Is.EqualTo(SftpErrorKind.Failure));
        Assert.That(e.SftpStatus, Is.EqualTo(4));
        Assert.That(e.Message, Does.Contain($"'{folder.Combine("new.txt")}' to '{folder.Combine("old.txt")}'"));
        Assert.That(File.ReadAllText(Path.Combine(folder.Path, "new.txt")), Is.EqualTo("new"));
        Assert.That(File.ReadAllText(Path.Combine(folder.Path, "old.txt")), Is.EqualTo("old"));
    }

    [Test]
    public async Task Rename_MissingSource_ThrowsNoSuchFile()
    {
        using RemoteFolder folder = await RemoteFolder.ForCallerAsync();
        using SftpClient client = (await SshServer.GetAsync()).Connect();

        var e = Assert.Throws<SftpException>(() => client.Rename(folder.Combine("a"), folder.Combine("b")));

        Assert.That(e.Kind, Is.EqualTo(SftpErrorKind.NoSuchFile));
    }

    [Test]
    public async Task Delete_ExistingFile_RemovesIt()
    {
        using RemoteFolder folder = await RemoteFolder.ForCallerAsync();
        File.WriteAllText(Path.Combine(folder.Path, "f.txt"), "x");
        using SftpClient client = (await SshServer.GetAsync()).Connect();

        client.Delete(folder.Combine("f.txt"));

        Assert.That(File.Exists(Path.Combine(folder.Path, "f.txt")), Is.False);
        Assert.That(client.Exists(folder.Combine("f.txt")), Is.False);
    }

    [Test]
    public async Task Delete_MissingFile_ThrowsNoSuchFile()
    {
        using RemoteFolder folder = await RemoteFolder.ForCallerAsync();
        using SftpClient client = (await SshServer.GetAsync()).Connect();

        var e = Assert.Throws<SftpException>(() => client.Delete(folder.Combine("f.txt")));

        Assert.That(e.Kind, Is.EqualTo(SftpErrorKind.NoSuchFile));
        Assert.That(e.Operation, Is.EqualTo("delete"));
    }

    [Test]
    public async Task CreateDirectory_NewName_CreatesAFolder()
    {
        using RemoteFolder folder = await RemoteFolder.ForCallerAsync();
        using SftpClient client = (await SshServer.GetAsync()).Connect();

        client.CreateDirectory(folder.Combine("ACK files"));

        Assert.That(Directory.Exists(Path.Combine(folder.Path, "ACK files")), Is.True);
        Assert.That(client.Stat(folder.Combine("ACK files"))?.Kind, Is.EqualTo(SftpEntryKind.Directory));
    }

    [Test]
    public async Task CreateDirectory_ExistingFolder_ThrowsAlreadyExists()
    {
        using RemoteFolder folder = await RemoteFolder.ForCallerAsync();
        Directory.CreateDirectory(Path.Combine(folder.Path, "d"));
        using SftpClient client = (await SshServer.GetAsync()).Connect();

        var e = Assert.Throws<SftpException>(() => client.CreateDirectory(folder.Combine("d")));

        // OpenSSH answers SSH_FX_FAILURE; libssh 0.10 then stats the path and reports SSH_FX_FILE_ALREADY_EXISTS.
        Assert.That(e.Kind, Is.EqualTo(SftpErrorKind.AlreadyExists));
        Assert.That(e.SftpStatus, Is.EqualTo(11));
    }

    [Test]
    public async Task Stat_File_ReturnsItsNameSizeTimeAndKind()
    {
        using RemoteFolder folder = await RemoteFolder.ForCallerAsync();
        string local = Path.Combine(folder.Path, "f.txt");
        File.WriteAllBytes(local, new byte[4321]);
        var modified = new DateTime(2023, 6, 1, 12, 0, 1, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(local, modified);
        using SftpClient client = (await SshServer.GetAsync()).Connect();

        SftpEntry? entry = client.Stat(folder.Combine("f.txt"));

        Assert.That(entry, Is.EqualTo(new SftpEntry("f.txt", 4321, new DateTimeOffset(modified), SftpEntryKind.File)));
        Assert.That(client.Exists(folder.Combine("f.txt")), Is.True);
    }

    [Test]
    public async Task LinkStat_LinkToAFolder_IsTheLinkItselfWhereStatFollowsIt()
    {
        using RemoteFolder folder = await RemoteFolder.ForCallerAsync();
        Directory.CreateDirectory(Path.Combine(folder.Path, "real"));
        Directory.CreateSymbolicLink(Path.Combine(folder.Path, "processed"), Path.Combine(folder.Path, "real"));
        using SftpClient client = (await SshServer.GetAsync()).Connect();

        Assert.That(client.LinkStat(folder.Combine("processed"))?.Kind, Is.EqualTo(SftpEntryKind.Other));
        Assert.That(client.Stat(folder.Combine("processed"))?.Kind, Is.EqualTo(SftpEntryKind.Directory));
        Assert.That(client.LinkStat(folder.Combine("real"))?.Kind, Is.EqualTo(SftpEntryKind.Directory));
        Assert.That(client.LinkStat(folder.Combine("missing")), Is.Null);
    }

    [Test]
    public async Task Stat_MissingFile_ReturnsNull()
    {
        using RemoteFolder folder = await RemoteFolder.ForCallerAsync();
        using SftpClient client = (await SshServer.GetAsync()).Connect();

        Assert.That(client.Stat(folder.Combine("missing.txt")), Is.Null);
        Assert.That(client.Exists(folder.Combine("missing.txt")), Is.False);
        Assert.That(client.Stat(folder.Combine("no/such/folder")), Is.Null);
    }
}
