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

    protected override IDropFolder Open(string path) => new LocalDropFolder(path);
}
