using Registry.Ingest.Sftp.Tests.Support;

namespace Registry.Ingest.Sftp.Tests.Files;

internal sealed class ListTests
{
    [Test]
    public async Task List_FolderWithSpacesInItsPath_ReturnsFilesAndFoldersWithoutDotEntries()
    {
        using RemoteFolder folder = await RemoteFolder.ForCallerAsync();
        File.WriteAllBytes(Path.Combine(folder.Path, "HL7_CLINIC_20240101.txt"), new byte[1234]);
        File.WriteAllText(Path.Combine(folder.Path, "name with spaces.txt"), "x");
        Directory.CreateDirectory(Path.Combine(folder.Path, "archive"));
        var modified = new DateTime(2024, 1, 31, 23, 59, 58, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(Path.Combine(folder.Path, "HL7_CLINIC_20240101.txt"), modified);
        SshServer server = await SshServer.GetAsync();
        using SftpClient client = server.Connect();

        IReadOnlyList<SftpEntry> entries = client.List(folder.Path);

        Assert.That(folder.Path, Does.Contain("ICARE HL7 EXCHANGE"));
        Assert.That(entries.Select(e => e.Name), Is.EquivalentTo(new[] { "HL7_CLINIC_20240101.txt", "name with spaces.txt", "archive" }));
        SftpEntry file = entries.Single(e => e.Name == "HL7_CLINIC_20240101.txt");
        Assert.That(file.Kind, Is.EqualTo(SftpEntryKind.File));
        Assert.That(file.Size, Is.EqualTo(1234));
        Assert.That(file.LastModified, Is.EqualTo(new DateTimeOffset(modified)));
        Assert.That(entries.Single(e => e.Name == "archive").Kind, Is.EqualTo(SftpEntryKind.Directory));
    }

    [Test]
    public async Task List_EmptyFolder_ReturnsNoEntries()
    {
        using RemoteFolder folder = await RemoteFolder.ForCallerAsync();
        using SftpClient client = (await SshServer.GetAsync()).Connect();

        Assert.That(client.List(folder.Path), Is.Empty);
    }

    [Test]
    public async Task List_SymbolicLink_IsOther()
    {
        using RemoteFolder folder = await RemoteFolder.ForCallerAsync();
        File.CreateSymbolicLink(Path.Combine(folder.Path, "link"), "/etc/hostname");
        using SftpClient client = (await SshServer.GetAsync()).Connect();

        Assert.That(client.List(folder.Path).Single().Kind, Is.EqualTo(SftpEntryKind.Other));
    }

    [Test]
    public async Task List_MissingFolder_ThrowsNoSuchFileNamingThePath()
    {
        using RemoteFolder folder = await RemoteFolder.ForCallerAsync();
        string missing = folder.Combine("not here");
        using SftpClient client = (await SshServer.GetAsync()).Connect();

        var e = Assert.Throws<SftpException>(() => client.List(missing));

        Assert.That(e.Kind, Is.EqualTo(SftpErrorKind.NoSuchFile));
        Assert.That(e.Operation, Is.EqualTo("list"));
        Assert.That(e.Path, Is.EqualTo(missing));
        Assert.That(e.SftpStatus, Is.EqualTo(2));
        Assert.That(e.Message, Does.Contain($"'{missing}'").And.Contain("No such file"));
    }
}
