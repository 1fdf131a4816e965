using Microsoft.Extensions.Configuration;
using Registry.Ingest.DropFolder.Sftp;
using Registry.Ingest.Tests.Support;

namespace Registry.Ingest.Tests.DropFolder.Sftp;

/// <summary>A bad SFTP setting fails at start naming its key, before any connection is tried.</summary>
internal sealed class SftpSettingsTests
{
    private TempFolder temp = null!;
    private string key = null!;

    [SetUp]
    public void Create()
    {
        temp = TempFolder.ForCaller();
        key = temp.Combine("id_ed25519");
        File.WriteAllText(key, "not read at start");
    }

    [TearDown]
    public void Delete() => temp.Dispose();

    public static IEnumerable<TestCaseData> BadSettings()
    {
        yield return Row("no host key check", o => o.HostKeySha256 = null, "DropFolder:Sftp:KnownHostsFile");
        yield return Row("both host key checks", o => o.KnownHostsFile = "/etc/hosts", "DropFolder:Sftp:KnownHostsFile");
        yield return Row("MD5 fingerprint", o => o.HostKeySha256 = "MD5:aa:bb", "DropFolder:Sftp:HostKeySha256");
        yield return Row("no credential", o => o.PrivateKeyPath = null, "DropFolder:Sftp:PrivateKeyPath");
        yield return Row("key and password", o => o.Password = "p", "DropFolder:Sftp:PrivateKeyPath");
        yield return Row("key file missing", o => o.PrivateKeyPath = "/no/such/key", "DropFolder:Sftp:PrivateKeyPath");
        yield return Row("password file missing", o => (o.PrivateKeyPath, o.PasswordFile) = (null, "/no/such/file"), "DropFolder:Sftp:PasswordFile");
        yield return Row("no host", o => o.Host = "", "DropFolder:Sftp:Host");
        yield return Row("port 0", o => o.Port = 0, "DropFolder:Sftp:Port");
    }

    [TestCaseSource(nameof(BadSettings))]
    public void ToConnectionOptions_BadSetting_FailsNamingTheKey(Action<SftpOptions> change, string named)
    {
        var options = Good();
        change(options);

        var e = Assert.Throws<InvalidOperationException>(() => SftpSettings.ToConnectionOptions(new ConfigurationBuilder().Build(), options));

        Assert.That(e!.Message, Does.StartWith(named));
    }

    [Test]
    public void ToConnectionOptions_KeyPathNamingAFolder_SaysItIsAFolder()
    {
        var options = Good();
        options.PrivateKeyPath = temp.Path;

        var e = Assert.Throws<InvalidOperationException>(() => SftpSettings.ToConnectionOptions(new ConfigurationBuilder().Build(), options));

        Assert.That(e!.Message, Is.EqualTo($"DropFolder:Sftp:PrivateKeyPath names the file '{temp.Path}', which is a folder, not a file."));
    }

    [Test]
    public void ToConnectionOptions_PasswordFromTheEnvironmentStyleKey_IsUsed()
    {
        var options = Good();
        options.PrivateKeyPath = null;
        options.Password = "from-env";

        Assert.That(SftpSettings.ToConnectionOptions(new ConfigurationBuilder().Build(), options).Password, Is.EqualTo("from-env"));
    }

    [Test]
    public void ToConnectionOptions_PasswordInAJsonFile_FailsNamingTheKeyWithoutTheSecret()
    {
        var json = temp.Combine("appsettings.json");
        File.WriteAllText(json, """{ "DropFolder": { "Sftp": { "Password": "hunter2" } } }""");
        var configuration = new ConfigurationBuilder().AddJsonFile(json).Build();

        var e = Assert.Throws<InvalidOperationException>(() => SftpSettings.ToConnectionOptions(configuration, Good()));

        Assert.That(e!.Message, Does.StartWith("DropFolder:Sftp:Password").And.Contain("DropFolder__Sftp__Password").And.Not.Contain("hunter2"));
    }

    private static TestCaseData Row(string name, Action<SftpOptions> change, string named) =>
        new TestCaseData(change, named).SetArgDisplayNames(name);

    private SftpOptions Good() => new()
    {
        Host = "sftp.example.org",
        UserName = "registry",
        PrivateKeyPath = key,
        HostKeySha256 = "SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
    };
}
