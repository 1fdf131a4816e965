using System.Text;
using Registry.Ingest.DropFolder;
using Registry.Ingest.DropFolder.Local;
using Registry.Ingest.Tests.Support;

namespace Registry.Ingest.Tests.DropFolder;

internal sealed class LocalDropFolderTests
{
    private TempFolder temp = null!;
    private string path = null!;
    private LocalDropFolder folder = null!;

    [SetUp]
    public void Create()
    {
        temp = TempFolder.ForCaller();
        path = Directory.CreateDirectory(temp.Combine("ICARE HL7 EXCHANGE")).FullName;
        folder = new LocalDropFolder(path);
    }

    [TearDown]
    public void Delete()
    {
        folder.Dispose();
        temp.Dispose();
    }

    [Test]
    public void List_FolderWithSubfolders_GivesFilesOnlyWithSizes()
    {
        File.WriteAllText(Path.Combine(path, "HL7_A_20240101.txt"), "12345");
        Directory.CreateDirectory(Path.Combine(path, "processed"));
        File.WriteAllText(Path.Combine(path, "processed", "HL7_B_20240101.txt"), "x");

        var listing = folder.List();

        Assert.That(listing.Select(e => (e.Name, e.Size)), Is.EqualTo(new[] { ("HL7_A_20240101.txt", 5L) }));
    }

    [Test]
    public void List_FolderMissing_ThrowsUnavailable()
    {
        using var missing = new LocalDropFolder(temp.Combine("gone"));

        Assert.Throws<DropFolderUnavailableException>(() => missing.List());
    }

    [Test]
    public void WriteAtomically_ExistingFile_ReplacesItAndLeavesNoTemporaryFile()
    {
        File.WriteAllText(Path.Combine(path, "HL7_A_20240101.ack.txt"), "old");

        folder.WriteAtomically("HL7_A_20240101.ack.txt", new MemoryStream(Encoding.UTF8.GetBytes("new")));

        Assert.That(File.ReadAllText(Path.Combine(path, "HL7_A_20240101.ack.txt")), Is.EqualTo("new"));
        Assert.That(Directory.GetFiles(path).Select(Path.GetFileName), Is.EqualTo(new[] { "HL7_A_20240101.ack.txt" }));
    }

    [Test]
    public void Move_SameNameAlreadyInSubfolder_KeepsBothUnderANumberedName()
    {
        Directory.CreateDirectory(Path.Combine(path, "processed"));
        File.WriteAllText(Path.Combine(path, "processed", "HL7_A_20240101.txt"), "first");
        File.WriteAllText(Path.Combine(path, "HL7_A_20240101.txt"), "second");

        var movedTo = folder.Move("HL7_A_20240101.txt", "processed");

        Assert.That(movedTo, Is.EqualTo("HL7_A_20240101.2.txt"));
        Assert.That(File.ReadAllText(Path.Combine(path, "processed", "HL7_A_20240101.txt")), Is.EqualTo("first"));
        Assert.That(File.ReadAllText(Path.Combine(path, "processed", "HL7_A_20240101.2.txt")), Is.EqualTo("second"));
        Assert.That(File.Exists(Path.Combine(path, "HL7_A_20240101.txt")), Is.False);
    }

    [Test]
    public void Move_SubfolderMissing_CreatesIt()
    {
        File.WriteAllText(Path.Combine(path, "bad name.txt"), "x");

        folder.Move("bad name.txt", "rejected");

        Assert.That(File.Exists(Path.Combine(path, "rejected", "bad name.txt")), Is.True);
    }

    [Test]
    public void OpenRead_FileGone_ThrowsFileNotFound() =>
        Assert.Throws<FileNotFoundException>(() => folder.OpenRead("HL7_A_20240101.txt").Dispose());

    [Test]
    public void Delete_FileGone_IsNotAnError() =>
        Assert.DoesNotThrow(() => folder.Delete("HL7_A_20240101.txt"));

    [Test]
    public void OpenRead_PathInName_IsRefused() =>
        Assert.Throws<ArgumentException>(() => folder.OpenRead("../secret.txt").Dispose());

    [Test]
    public void Check_WritableFolder_AllItemsOk() =>
        Assert.That(folder.Check().All(i => i.Ok), Is.True);

    [Test]
    public void Check_FolderMissing_FailsWithAFix()
    {
        using var missing = new LocalDropFolder(temp.Combine("gone"));

        var items = missing.Check();

        Assert.That(items.Single().Ok, Is.False);
        Assert.That(items.Single().Fix, Does.Contain("DropFolder__Path"));
    }
}
