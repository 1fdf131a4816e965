using System.Text;
using Registry.Ingest.DropFolder;
using Registry.Ingest.Tests.Support;

namespace Registry.Ingest.Tests.DropFolder;

/// <summary>
/// What every drop folder must do, run against each implementation (local, SFTP). The folder is
/// arranged and checked through the local file system: the test sshd serves this machine's folders.
/// </summary>
internal abstract class DropFolderContract
{
    private TempFolder temp = null!;
    private IDropFolder folder = null!;

    protected string FolderPath { get; private set; } = null!;

    protected TempFolder Temp => temp;

    [SetUp]
    public void Create()
    {
        temp = TempFolder.ForCaller(GetType().Name);
        FolderPath = Directory.CreateDirectory(temp.Combine("ICARE HL7 EXCHANGE")).FullName;
        folder = Open(FolderPath);
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
        File.WriteAllText(Path.Combine(FolderPath, "HL7_A_20240101.txt"), "12345");
        Directory.CreateDirectory(Path.Combine(FolderPath, "processed"));
        File.WriteAllText(Path.Combine(FolderPath, "processed", "HL7_B_20240101.txt"), "x");

        var listing = folder.List();

        Assert.That(listing.Select(e => (e.Name, e.Size)), Is.EqualTo(new[] { ("HL7_A_20240101.txt", 5L) }));
    }

    [Test]
    public void List_SymbolicLinks_AreNotFilesOfTheFolder()
    {
        var outside = Path.Combine(Temp.Path, "secrets.env");
        File.WriteAllText(outside, "Password=x");
        File.WriteAllText(Path.Combine(FolderPath, "HL7_A_20240101.txt"), "12345");
        File.CreateSymbolicLink(Path.Combine(FolderPath, "HL7_B_20240101.txt"), outside);
        File.CreateSymbolicLink(Path.Combine(FolderPath, "HL7_C_20240101.txt"), Path.Combine(Temp.Path, "nothing-there"));

        var listing = folder.List();

        Assert.That(listing.Select(e => e.Name), Is.EqualTo(new[] { "HL7_A_20240101.txt" }));
    }

    [TestCase("MSH|^~\\&|A\r", true)]
    [TestCase("MSH|^~\\&|A\r\n", true)]
    [TestCase("MSH|^~\\&|A\n", true)]
    [TestCase("MSH|^~\\&|A", false)]
    [TestCase("", false)]
    public void EndsWithLineBreak_File_ReadsItsLastByte(string content, bool ends)
    {
        File.WriteAllText(Path.Combine(FolderPath, "HL7_A_20240101.txt"), content);

        Assert.That(folder.EndsWithLineBreak(folder.Find("HL7_A_20240101.txt")!), Is.EqualTo(ends));
    }

    [TestCase(false, "MSH|\r", true)]
    [TestCase(false, "MSH|", false)]
    [TestCase(true, "MSH|\r\n", true)]
    [TestCase(true, "MSH|", false)]
    [TestCase(false, "\n", true)]
    public void EndsWithLineBreak_Utf16File_ReadsItsLastCharacter(bool bigEndian, string content, bool ends)
    {
        var encoding = new System.Text.UnicodeEncoding(bigEndian, byteOrderMark: true);
        File.WriteAllBytes(Path.Combine(FolderPath, "HL7_A_20240101.txt"), [.. encoding.GetPreamble(), .. encoding.GetBytes(content)]);

        Assert.That(folder.EndsWithLineBreak(folder.Find("HL7_A_20240101.txt")!), Is.EqualTo(ends));
    }

    [Test]
    public void EndsWithLineBreak_FileShorterThanListed_IsFalse()
    {
        File.WriteAllText(Path.Combine(FolderPath, "HL7_A_20240101.txt"), "MSH|\r");
        var listed = folder.Find("HL7_A_20240101.txt")! with { Size = 100 };

        Assert.That(folder.EndsWithLineBreak(listed), Is.False);
    }

    [Test]
    public void List_FolderMissing_ThrowsUnavailable()
    {
        using var missing = Open(temp.Combine("gone"));

        Assert.Throws<DropFolderUnavailableException>(() => missing.List());
    }

    [Test]
    public void WriteAtomically_ExistingFile_ReplacesItAndLeavesNoTemporaryFile()
    {
        File.WriteAllText(Path.Combine(FolderPath, "HL7_A_20240101.ack.txt"), "old");

        folder.WriteAtomically("HL7_A_20240101.ack.txt", new MemoryStream(Encoding.UTF8.GetBytes("new")));

        Assert.That(File.ReadAllText(Path.Combine(FolderPath, "HL7_A_20240101.ack.txt")), Is.EqualTo("new"));
        Assert.That(Directory.GetFiles(FolderPath).Select(Path.GetFileName), Is.EqualTo(new[] { "HL7_A_20240101.ack.txt" }));
    }

    [Test]
    public void WriteAtomically_NewFile_WritesItWhole()
    {
        var content = new byte[300_000];
        new Random(7).NextBytes(content);

        folder.WriteAtomically("HL7_A_20240101.report.txt", new MemoryStream(content));

        Assert.That(File.ReadAllBytes(Path.Combine(FolderPath, "HL7_A_20240101.report.txt")), Is.EqualTo(content));
    }

    [Test]
    public void Move_SameNameAlreadyInSubfolder_KeepsBothUnderANumberedName()
    {
        Directory.CreateDirectory(Path.Combine(FolderPath, "processed"));
        File.WriteAllText(Path.Combine(FolderPath, "processed", "HL7_A_20240101.txt"), "first");
        File.WriteAllText(Path.Combine(FolderPath, "HL7_A_20240101.txt"), "second");

        var movedTo = folder.Move("HL7_A_20240101.txt", "processed");

        Assert.That(movedTo, Is.EqualTo("HL7_A_20240101.2.txt"));
        Assert.That(File.ReadAllText(Path.Combine(FolderPath, "processed", "HL7_A_20240101.txt")), Is.EqualTo("first"));
        Assert.That(File.ReadAllText(Path.Combine(FolderPath, "processed", "HL7_A_20240101.2.txt")), Is.EqualTo("second"));
        Assert.That(File.Exists(Path.Combine(FolderPath, "HL7_A_20240101.txt")), Is.False);
    }

    [Test]
    public void Move_LongestNameAlreadyInSubfolder_KeepsBothUnderAShortenedNumberedName()
    {
        var name = new string('A', 251) + ".txt";
        Directory.CreateDirectory(Path.Combine(FolderPath, "rejected"));
        File.WriteAllText(Path.Combine(FolderPath, "rejected", name), "first");
        File.WriteAllText(Path.Combine(FolderPath, name), "second");

        var movedTo = folder.Move(name, "rejected");

        Assert.That(movedTo, Does.EndWith(".2.txt").And.Length.EqualTo(255));
        Assert.That(File.ReadAllText(Path.Combine(FolderPath, "rejected", movedTo)), Is.EqualTo("second"));
        Assert.That(File.ReadAllText(Path.Combine(FolderPath, "rejected", name)), Is.EqualTo("first"));
    }

    [Test]
    public void Move_SubfolderMissing_CreatesIt()
    {
        File.WriteAllText(Path.Combine(FolderPath, "bad name.txt"), "x");

        folder.Move("bad name.txt", "rejected");

        Assert.That(File.Exists(Path.Combine(FolderPath, "rejected", "bad name.txt")), Is.True);
    }

    [Test]
    public void Move_SubfolderIsALinkToAnotherFolder_IsRefusedAndTheFileStays()
    {
        // Anyone who can write to the folder can make processed/ a link to a folder of their choosing.
        var elsewhere = Directory.CreateDirectory(temp.Combine("elsewhere")).FullName;
        Directory.CreateSymbolicLink(Path.Combine(FolderPath, "processed"), elsewhere);
        File.WriteAllText(Path.Combine(FolderPath, "HL7_A_20240101.txt"), "patient data");

        var refused = Assert.Throws<IOException>(() => folder.Move("HL7_A_20240101.txt", "processed"));

        Assert.That(refused!.Message, Does.Contain("'processed' is a link"));
        Assert.That(File.Exists(Path.Combine(FolderPath, "HL7_A_20240101.txt")), Is.True);
        Assert.That(Directory.GetFileSystemEntries(elsewhere), Is.Empty);
    }

    [Test]
    public void Move_SubfolderIsAFile_IsRefusedSayingSo()
    {
        File.WriteAllText(Path.Combine(FolderPath, "rejected"), "x");
        File.WriteAllText(Path.Combine(FolderPath, "bad name.txt"), "x");

        var refused = Assert.Throws<IOException>(() => folder.Move("bad name.txt", "rejected"));

        Assert.That(refused!.Message, Does.Contain("'rejected' is a file"));
        Assert.That(File.Exists(Path.Combine(FolderPath, "bad name.txt")), Is.True);
    }

    [Test]
    public void Check_SubfolderIsALink_FailsSayingSo()
    {
        Directory.CreateSymbolicLink(Path.Combine(FolderPath, "processed"), Directory.CreateDirectory(temp.Combine("elsewhere")).FullName);

        var failed = folder.Check([Processed]).Single(i => i.Name == "Subfolder processed usable");

        Assert.That(failed.Ok, Is.False);
        Assert.That(failed.Detail, Does.Contain("is a link, not a folder of the drop folder"));
    }

    [Test]
    public void Move_FileGone_ThrowsFileNotFound() =>
        Assert.Throws<FileNotFoundException>(() => folder.Move("HL7_A_20240101.txt", "processed"));

    [Test]
    public void OpenRead_File_GivesItsBytes()
    {
        var content = new byte[1_000_000];
        new Random(11).NextBytes(content);
        File.WriteAllBytes(Path.Combine(FolderPath, "HL7_A_20240101.txt"), content);

        using var stream = folder.OpenRead("HL7_A_20240101.txt");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);

        Assert.That(copy.ToArray(), Is.EqualTo(content));
    }

    [Test]
    public void Find_FileAndSubfolderAndNothing_GivesTheFileAsItIsNowOnly()
    {
        var path = Path.Combine(FolderPath, "HL7_A_20240101.txt");
        File.WriteAllBytes(path, new byte[1234]);
        var written = new DateTime(2024, 1, 2, 3, 4, 5, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(path, written);
        Directory.CreateDirectory(Path.Combine(FolderPath, "processed"));

        var found = folder.Find("HL7_A_20240101.txt");

        Assert.That((found!.Name, found.Size, found.LastWriteTime.UtcDateTime), Is.EqualTo(("HL7_A_20240101.txt", 1234L, written)));
        Assert.That(folder.Find("processed"), Is.Null, "a subfolder is no file");
        Assert.That(folder.Find("HL7_B_20240101.txt"), Is.Null);
    }

    [Test]
    public void OpenRead_FileGone_ThrowsFileNotFound() =>
        Assert.Throws<FileNotFoundException>(() => folder.OpenRead("HL7_A_20240101.txt").Dispose());

    [Test]
    public void Delete_FileGone_IsNotAnError() =>
        Assert.DoesNotThrow(() => folder.Delete("HL7_A_20240101.txt"));

    [Test]
    public void Delete_File_RemovesIt()
    {
        File.WriteAllText(Path.Combine(FolderPath, "HL7_A_20240101.txt"), "x");

        folder.Delete("HL7_A_20240101.txt");

        Assert.That(Directory.GetFiles(FolderPath), Is.Empty);
    }

    [Test]
    public void OpenRead_PathInName_IsRefused() =>
        Assert.Throws<ArgumentException>(() => folder.OpenRead("../secret.txt").Dispose());

    [Test]
    public void Check_WritableFolder_AllItemsOkAndLeavesNothingBehind()
    {
        var items = folder.Check([]);

        Assert.That(items.Where(i => !i.Ok), Is.Empty);
        Assert.That(items.Select(i => i.Name), Does.Contain("Drop folder is writable"));
        Assert.That(Directory.GetFileSystemEntries(FolderPath), Is.Empty);
    }

    [Test]
    public void Check_FolderMissing_FailsWithAFix()
    {
        using var missing = Open(temp.Combine("gone"));

        var failed = missing.Check([Processed]).Single(i => !i.Ok);

        Assert.That(failed.Name, Is.EqualTo("Drop folder exists"));
        Assert.That(failed.Fix, Does.Contain("DropFolder__Path"));
    }

    [Test]
    public void Check_SubfoldersNotThereYet_PassSayingTheWorkerCreatesThemAndCreatesNothing()
    {
        var items = folder.Check([Processed, Rejected]);

        Assert.That(items.Where(i => !i.Ok), Is.Empty);
        Assert.That(items.Where(i => i.Name.StartsWith("Subfolder", StringComparison.Ordinal)).Select(i => (i.Name, i.Detail)), Is.EqualTo(new[]
        {
            ("Subfolder processed usable", "not there yet: the worker creates it at its first move"),
            ("Subfolder rejected usable", "not there yet: the worker creates it at its first move"),
        }));
        Assert.That(Directory.GetFileSystemEntries(FolderPath), Is.Empty);
    }

    [Test]
    public void Check_SubfolderThere_IsProbedAndLeftAsItWas()
    {
        Directory.CreateDirectory(Path.Combine(FolderPath, "processed"));
        File.WriteAllText(Path.Combine(FolderPath, "processed", "HL7_A_20240101.txt"), "kept");

        var item = folder.Check([Processed]).Single(i => i.Name == "Subfolder processed usable");

        Assert.That((item.Ok, item.Detail), Is.EqualTo((true, $"{FolderPath}/processed: a test file was written and deleted")));
        Assert.That(Directory.GetFileSystemEntries(Path.Combine(FolderPath, "processed")).Select(Path.GetFileName), Is.EqualTo(new[] { "HL7_A_20240101.txt" }));
    }

    [Test]
    public void Check_FileWhereASubfolderShouldBe_FailsNamingItsSetting()
    {
        File.WriteAllText(Path.Combine(FolderPath, "rejected"), "not a folder");

        var items = folder.Check([Processed, Rejected]);

        var failed = items.Single(i => !i.Ok);
        Assert.That((failed.Name, failed.Detail), Is.EqualTo(("Subfolder rejected usable", $"'{FolderPath}/rejected' is a file, not a folder: originals cannot be moved into it.")));
        Assert.That(failed.Fix, Does.Contain("Polling:RejectedFolder"));
    }

    private static Subfolder Processed => new("processed", "Polling:ProcessedFolder");

    private static Subfolder Rejected => new("rejected", "Polling:RejectedFolder");

    protected abstract IDropFolder Open(string path);
}
