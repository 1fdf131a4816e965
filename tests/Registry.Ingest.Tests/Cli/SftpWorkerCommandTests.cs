using Registry.Ingest.Tests.Support;

namespace Registry.Ingest.Tests.Cli;

/// <summary>The real program's <c>once</c> and <c>check</c> against the private sshd and PostgreSQL, configured as an operator would: environment only.</summary>
internal sealed class SftpWorkerCommandTests
{
    private PollerHarness h = null!;

    [SetUp]
    public async Task Start() => h = await PollerHarness.StartAsync();

    [TearDown]
    public async Task Stop() => await h.DisposeAsync();

    [Test]
    public void Once_SampleFilesOverSftp_HandlesEveryFileAndExits0()
    {
        var samples = Directory.GetFiles(RepositoryFiles.Path("sample-files"), "*.txt");
        foreach (var sample in samples)
        {
            File.Copy(sample, Path.Combine(h.FolderPath, Path.GetFileName(sample)));
        }

        var result = RegistryIngestCli.Run(h.Storage.Work.Path, ["once"], Environment());

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
        Assert.That(h.Files("processed").Count + h.Files("rejected").Count, Is.EqualTo(samples.Length));
        Assert.That(h.Files(), Does.Contain("HL7_DCS0067_20240131.ack.txt").And.Contain("HL7_DCS0067_20240131.report.txt"));
        Assert.That(h.Storage.Scalar<string>("SELECT DISTINCT folder FROM registry.drop_file"), Does.StartWith("sftp://"));
    }

    [Test]
    public void Once_HostKeyMismatch_Exits74TakesNothingAndPrintsTheFingerprintSeen()
    {
        h.DropSample("HL7_DCS0067_20240131.txt");

        var result = RegistryIngestCli.Run(h.Storage.Work.Path, ["once"], Environment(("DropFolder__Sftp__HostKeySha256", "SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")));

        Assert.That(result.ExitCode, Is.EqualTo(74), result.ToString());
        Assert.That(result.StandardOutput, Does.Contain(SftpFolders.Server.Fingerprint).And.Contain("Fix:"));
        Assert.That(h.Files(), Is.EqualTo(new[] { "HL7_DCS0067_20240131.txt" }));
    }

    [Test]
    public void Check_Sftp_PrintsOkForServerHostKeyLoginAndFolderWithTheFingerprint()
    {
        var result = RegistryIngestCli.Run(h.Storage.Work.Path, ["check"], Environment());

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
        Assert.That(result.StandardOutput, Does.Contain("OK    SFTP server reachable").And.Contain("OK    SFTP login").And.Contain("OK    Drop folder is writable"));
        Assert.That(result.StandardOutput, Does.Contain("OK    SFTP host key verified: " + SftpFolders.Server.Fingerprint));
        Assert.That(result.StandardOutput, Does.Contain("OK    Subfolder processed usable").And.Contain("OK    Subfolder rejected usable"));
    }

    [Test]
    public void Once_PasswordInTheConfigurationFile_Exits78NamingTheKey()
    {
        var config = h.Storage.Work.Combine("appsettings.json");
        var shipped = File.ReadAllText(Path.Combine(Path.GetDirectoryName(RegistryIngestCli.Dll)!, "appsettings.json"));
        File.WriteAllText(config, shipped.Replace("\"UserName\": \"\",", "\"UserName\": \"\", \"Password\": \"secret-in-file\",", StringComparison.Ordinal));

        var result = RegistryIngestCli.Run(h.Storage.Work.Path, ["once", "--config", config], Environment());

        Assert.That(result.ExitCode, Is.EqualTo(78), result.ToString());
        Assert.That(result.StandardOutput + result.StandardError, Does.Contain("DropFolder:Sftp:Password").And.Not.Contain("secret-in-file"));
    }

    [Test]
    public void Once_NoHostKeyConfigured_Exits78NamingTheKey()
    {
        var result = RegistryIngestCli.Run(h.Storage.Work.Path, ["once"], Environment(("DropFolder__Sftp__HostKeySha256", "")));

        Assert.That(result.ExitCode, Is.EqualTo(78), result.ToString());
        Assert.That(result.StandardOutput + result.StandardError, Does.Contain("DropFolder:Sftp:KnownHostsFile"));
    }

    private Dictionary<string, string> Environment(params (string Key, string Value)[] more)
    {
        var environment = SftpFolders.Environment(h.FolderPath);
        environment["ConnectionStrings__Registry"] = h.Storage.Database.AppConnectionString;
        environment["Polling__StableFor"] = "00:00:00";
        environment["Polling__UnterminatedStableFor"] = "00:00:00";
        environment["Worker__WorkDirectory"] = h.Storage.Work.Combine("work");
        environment["Serilog__WriteTo__File__Args__path"] = h.Storage.Work.Combine("logs/worker-.log");
        foreach (var (key, value) in more)
        {
            environment[key] = value;
        }

        return environment;
    }
}
