using Registry.Ingest.Configuration;
using Registry.Ingest.Tests.Support;

namespace Registry.Ingest.Tests.Configuration;

/// <summary>What is wrong with the configuration file, or a file a setting names, said so an operator can mend it.</summary>
[TestFixture]
internal sealed class ConfigurationFileTests
{
    [Test]
    public void Problem_ReadableFile_IsNone()
    {
        using var folder = TempFolder.ForCaller();
        var file = folder.Combine("secret");
        File.WriteAllText(file, "x");

        Assert.That(ReadableFile.Problem(file), Is.Null);
    }

    [Test]
    public void Problem_Folder_SaysItIsAFolder()
    {
        using var folder = TempFolder.ForCaller();

        Assert.That(ReadableFile.Problem(folder.Path), Is.EqualTo("is a folder, not a file"));
    }

    [Test]
    public void Problem_MissingFileOrFolder_SaysItDoesNotExist()
    {
        using var folder = TempFolder.ForCaller();

        Assert.That(ReadableFile.Problem(folder.Combine("missing")), Is.EqualTo("does not exist"));
        Assert.That(ReadableFile.Problem(folder.Combine("no folder/missing")), Is.EqualTo("does not exist"));
    }

    [Test]
    public void Load_ConfigurationFileThatIsAFolder_SaysSo()
    {
        using var folder = TempFolder.ForCaller();

        Assert.That(
            () => AppConfiguration.Load(folder.Path),
            Throws.TypeOf<FileNotFoundException>().With.Message.EqualTo($"The configuration file '{folder.Path}' is a folder, not a file."));
    }
    [Test]
    public void Load_ConfigurationFileWithAJsonError_SaysWhere()
    {
        using var folder = TempFolder.ForCaller();
        var file = folder.Combine("appsettings.json");
        File.WriteAllText(file, "{\n  \"Polling\": { \"Interval\": \"00:00:30\" }\n  \"Worker\": {}\n}\n");

        Assert.That(
            () => AppConfiguration.Load(file),
            Throws.TypeOf<InvalidDataException>().With.Message.Contains($"Failed to load configuration from file '{file}'").And.Message.Contains("LineNumber: 2"));
    }
}
