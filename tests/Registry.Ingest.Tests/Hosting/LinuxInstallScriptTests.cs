using System.Runtime.Versioning;
using System.Security.Cryptography;
using Registry.Ingest.Tests.Support;

namespace Registry.Ingest.Tests.Hosting;

/// <summary>
/// deploy/linux/install.sh run into a temporary root (--root): what it creates, with which modes,
/// and that running it again changes nothing and never overwrites what the administrator edited.
/// </summary>
[TestFixture]
[UnsupportedOSPlatform("windows")]
internal sealed class LinuxInstallScriptTests
{
    private static readonly string Script = RepositoryFiles.Path("deploy", "linux", "install.sh");

    private TempFolder work = null!;

    [SetUp]
    public void CreateWorkFolder()
    {
        Assume.That(OperatingSystem.IsLinux(), Is.True, "install.sh is for Linux");
        work = TempFolder.ForCaller();
    }

    [TearDown]
    public void DeleteWorkFolder() => work.Dispose();

    private string Root => work.Combine("root");

    [Test]
    public void Install_EmptyRoot_CreatesProgramConfigurationSecretsAndUnit()
    {
        var result = Install(FakePublishFolder.Create(work));

        Assert.That(result.ExitCode, Is.Zero, result.AllOutput);
        Assert.Multiple(() =>
        {
            Assert.That(Mode("opt/registry-ingest/registry-ingest.dll"), Is.EqualTo("644"));
            Assert.That(Mode("opt/registry-ingest/registry-ingest"), Is.EqualTo("755"), "the apphost stays executable");
            Assert.That(Mode("opt/registry-ingest/Data/cvx.tsv"), Is.EqualTo("644"));
            Assert.That(Mode("etc/registry-ingest"), Is.EqualTo("750"));
            Assert.That(Mode("etc/registry-ingest/appsettings.json"), Is.EqualTo("640"));
            Assert.That(Mode("etc/registry-ingest/registry-ingest.env"), Is.EqualTo("640"), "secrets must not be world-readable");
            Assert.That(Mode("etc/systemd/system/registry-ingest.service"), Is.EqualTo("644"));
            Assert.That(File.ReadAllText(InRoot("etc/registry-ingest/registry-ingest.env")), Does.Contain("#ConnectionStrings__Registry="));
            Assert.That(result.Output, Does.Contain("migrate --config /etc/registry-ingest/appsettings.json"));
            Assert.That(result.Output, Does.Contain("check --config /etc/registry-ingest/appsettings.json"));
        });
    }

    [Test]
    public void Install_Configuration_WritesTheLogFileWhereTheUnitLetsTheServiceWrite()
    {
        Install(FakePublishFolder.Create(work));

        var unit = File.ReadAllLines(InRoot("etc/systemd/system/registry-ingest.service"));
        var path = Registry.Ingest.Configuration.AppConfiguration.Load(InRoot("etc/registry-ingest/appsettings.json"))["Serilog:WriteTo:File:Args:path"];

        // The working folder (/opt/registry-ingest) is read-only to the service: a relative path lands there.
        Assert.That(unit, Does.Contain("LogsDirectory=registry-ingest"));
        Assert.That(path, Is.EqualTo("/var/log/registry-ingest/registry-ingest-.log"));
        Assert.That(File.ReadAllText(InRoot("etc/registry-ingest/appsettings.json")).Replace(path!, "logs/registry-ingest-.log", StringComparison.Ordinal),
            Is.EqualTo(File.ReadAllText(RepositoryFiles.Path("appsettings.json"))), "nothing else changed");
    }

    [Test]
    public void Install_UnitInstalled_ExecStartRunsTheInstalledDllWithAnExistingDotnet()
    {
        Install(FakePublishFolder.Create(work));

        var execStart = File.ReadAllLines(InRoot("etc/systemd/system/registry-ingest.service"))
            .Single(l => l.StartsWith("ExecStart=", StringComparison.Ordinal))["ExecStart=".Length..]
            .Split(' ');

        Assert.That(File.Exists(execStart[0]), Is.True, $"{execStart[0]} does not exist on this machine");
        Assert.That(File.Exists(InRoot(execStart[1])), Is.True, $"{execStart[1]} was not installed");
        Assert.That(execStart[2..], Is.EqualTo(new[] { "run", "--config", "/etc/registry-ingest/appsettings.json" }));
    }

    [Test]
    public void Install_SecondRun_ChangesNothing()
    {
        var published = FakePublishFolder.Create(work);
        Install(published);
        var before = Snapshot();

        var again = Install(published);

        Assert.That(again.ExitCode, Is.Zero, again.AllOutput);
        Assert.That(again.Output, Does.Contain("Nothing changed"));
        Assert.That(Snapshot(), Is.EqualTo(before));
    }

    [Test]
    public void Install_Upgrade_ReplacesTheProgramButNeverTheAdministratorsFiles()
    {
        var published = FakePublishFolder.Create(work);
        Install(published);
        File.WriteAllText(InRoot("etc/registry-ingest/appsettings.json"), "{ \"edited\": true }");
        File.WriteAllText(InRoot("etc/registry-ingest/registry-ingest.env"), "ConnectionStrings__Registry=Host=db;Password=secret\n");
        File.WriteAllText(Path.Combine(published, "registry-ingest.dll"), "version 2");
        File.Delete(Path.Combine(published, "Data", "cvx.tsv"));

        var upgrade = Install(published);

        Assert.That(upgrade.ExitCode, Is.Zero, upgrade.AllOutput);
        Assert.Multiple(() =>
        {
            Assert.That(File.ReadAllText(InRoot("opt/registry-ingest/registry-ingest.dll")), Is.EqualTo("version 2"));
            Assert.That(File.Exists(InRoot("opt/registry-ingest/Data/cvx.tsv")), Is.False, "a file the new version no longer ships lingers");
            Assert.That(File.ReadAllText(InRoot("etc/registry-ingest/appsettings.json")), Is.EqualTo("{ \"edited\": true }"));
            Assert.That(File.ReadAllText(InRoot("etc/registry-ingest/registry-ingest.env")), Does.Contain("Password=secret"));
        });
    }

    [Test]
    public void Install_NotAPublishedFolder_FailsNamingIt()
    {
        Directory.CreateDirectory(work.Combine("empty"));

        var result = Install(work.Combine("empty"));

        Assert.That(result.ExitCode, Is.Not.Zero);
        Assert.That(result.Error, Does.Contain("registry-ingest.dll is missing"));
        Assert.That(Directory.Exists(Root), Is.False, "nothing may be installed from a wrong folder");
    }

    [Test]
    public void Install_UnknownOption_ExitsWithUsage()
    {
        var result = ToolRun.Start("bash", Script, "--frobnicate");

        Assert.That(result.ExitCode, Is.EqualTo(64));
        Assert.That(result.Error, Does.Contain("--root DIR"));
    }

    private ToolRun Install(string published) => ToolRun.Start("bash", Script, "--from", published, "--root", Root);

    private string InRoot(string path) => Path.Combine(Root, path.TrimStart('/'));

    private string Mode(string path) => Convert.ToString((int)File.GetUnixFileMode(InRoot(path)), 8);

    /// <summary>Every file and folder under the root with its mode, size, time and content hash.</summary>
    private string[] Snapshot() =>
    [
        .. Directory.EnumerateFileSystemEntries(Root, "*", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .Select(path =>
            {
                var info = new FileInfo(path);
                var hash = File.Exists(path) ? Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path))) : "dir";
                return $"{Path.GetRelativePath(Root, path)} {File.GetUnixFileMode(path)} {info.LastWriteTimeUtc.Ticks} {hash}";
            }),
    ];
}
