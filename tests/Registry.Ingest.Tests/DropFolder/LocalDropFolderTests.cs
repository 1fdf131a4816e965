using Registry.Ingest.DropFolder;
using Registry.Ingest.DropFolder.Local;

namespace Registry.Ingest.Tests.DropFolder;

internal sealed class LocalDropFolderTests : DropFolderContract
{
    [Test]
    public void FindAndOpenRead_SymbolicLinkToAFile_AreRefusedAsNoFileOfTheFolder()
    {
        var outside = Path.Combine(Temp.Path, "secrets.env");
        File.WriteAllText(outside, "Password=x");
        File.CreateSymbolicLink(Path.Combine(FolderPath, "HL7_B_20240101.txt"), outside);
        var folder = Open(FolderPath);

        Assert.That(folder.Find("HL7_B_20240101.txt"), Is.Null);
        Assert.Throws<FileNotFoundException>(() => folder.OpenRead("HL7_B_20240101.txt").Dispose());
    }

    [Test]
    public void ListAndCheck_PathIsAFile_SayItIsAFileNotAFolder()
    {
        var file = Path.Combine(Temp.Path, "drop");
        File.WriteAllText(file, "x");
        var folder = Open(file);

        var listing = Assert.Throws<DropFolderUnavailableException>(() => folder.List())!;
        var check = folder.Check([]).Single(i => !i.Ok);

        Assert.That(listing.Message, Is.EqualTo($"The drop folder '{file}' cannot be listed: it is a file, not a folder (check DropFolder:Path)"));
        Assert.That(check.Detail, Is.EqualTo($"'{file}' is a file, not a folder."));
    }

    [Test]
    public void List_FolderMissing_SaysSoWithoutTheRuntimesWording()
    {
        var missing = Path.Combine(Temp.Path, "nowhere");

        var listing = Assert.Throws<DropFolderUnavailableException>(() => Open(missing).List())!;

        Assert.That(listing.Message, Is.EqualTo($"The drop folder '{missing}' cannot be listed: it does not exist (check DropFolder:Path, or the share it is on)"));
    }

    [Test]
    public void List_NameThatIsNotUtf8_IsListedAsUnhandledAndTheOtherFilesStillAre()
    {
        File.WriteAllText(Path.Combine(FolderPath, "HL7_A_20240101.txt"), "12345");
        // A name .NET cannot name back: its byte 0xFF reads as U+FFFD, a file that does not exist
        // (so the shell makes it, and removes it: .NET could not).
        Shell("touch \"$1/$(printf 'HL7_BAD\\377_20240101.txt')\"");
        try
        {
            var listing = Open(FolderPath).List();

            Assert.That(listing.Select(e => e.Name), Is.EquivalentTo(new[] { "HL7_A_20240101.txt", "HL7_BAD\uFFFD_20240101.txt" }));
            Assert.That(DropFolderNames.Candidates(listing).Select(e => e.Name), Is.EqualTo(new[] { "HL7_A_20240101.txt" }));
        }
        finally
        {
            Shell("rm -f \"$1\"/HL7_BAD*");
        }
    }

    private void Shell(string script)
    {
        using var shell = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("/bin/sh") { ArgumentList = { "-c", script, "sh", FolderPath } })!;
        shell.WaitForExit();
        Assert.That(shell.ExitCode, Is.Zero, script);
    }

    protected override IDropFolder Open(string path) => new LocalDropFolder(path);
}
