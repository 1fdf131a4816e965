using System.Globalization;
using System.Runtime.Versioning;
using System.Text.RegularExpressions;
using Registry.Ingest.Hosting;
using Registry.Ingest.Tests.Support;

namespace Registry.Ingest.Tests.Hosting;

/// <summary>
/// deploy/linux/registry-ingest.service checked by systemd's own tools: <c>systemd-analyze verify</c>
/// on the unit as install.sh installs it (its ExecStart then names a dotnet that exists, which verify
/// insists on; any output is a failure, since verify exits 0 on warnings), and the hardening score.
/// </summary>
[TestFixture]
[UnsupportedOSPlatform("windows")]
internal sealed partial class SystemdUnitTests
{
    private const string UnitName = "registry-ingest.service";
    private static readonly string UnitSource = RepositoryFiles.Path("deploy", "linux", UnitName);

    private TempFolder work = null!;
    private string analyze = null!;

    [SetUp]
    public void FindSystemdAnalyze()
    {
        analyze = ToolRun.Find("systemd-analyze")!;
        if (analyze is null)
        {
            Assert.Ignore("systemd-analyze is not installed (Debian package systemd); the unit cannot be checked here.");
        }

        work = TempFolder.ForCaller();
    }

    [TearDown]
    public void DeleteWorkFolder() => work?.Dispose();

    [Test]
    public void Verify_UnitAsInstalled_SaysNothing()
    {
        var unit = InstalledUnit();

        var result = ToolRun.Start(analyze, "verify", unit);

        Assert.That(result.AllOutput, Is.Empty);
        Assert.That(result.ExitCode, Is.Zero);
    }

    [TestCase("Type=notify", "Type=notifyy", TestName = "{m}(bad value)")]
    [TestCase("ProtectSystem=strict", "ProtectSystm=strict", TestName = "{m}(misspelt key)")]
    [TestCase("ExecStart=/usr/bin/dotnet", "ExecStart=/nonexistent/dotnet", TestName = "{m}(missing program)")]
    public void Verify_UnitWithAMistake_IsCaught(string good, string bad)
    {
        // The check above is only worth something if verify speaks up about mistakes like these.
        var broken = work.Combine(UnitName);
        var text = File.ReadAllText(UnitSource);
        Assert.That(text, Does.Contain(good));
        File.WriteAllText(broken, text.Replace(good, bad, StringComparison.Ordinal));

        var result = ToolRun.Start(analyze, "verify", broken);

        Assert.That(result.AllOutput, Is.Not.Empty);
    }

    [Test]
    public void Security_Unit_ExposureIsAtMostFour()
    {
        var unit = work.Combine(UnitName);
        File.Copy(UnitSource, unit);

        var result = ToolRun.Start(analyze, "security", "--offline=yes", unit);

        var overall = OverallExposure().Match(result.AllOutput);
        Assert.That(overall.Success, Is.True, result.AllOutput);
        Assert.That(double.Parse(overall.Groups["score"].Value, CultureInfo.InvariantCulture), Is.LessThanOrEqualTo(4.0), overall.Value);
        Assert.That(overall.Groups["verdict"].Value, Is.EqualTo("OK"));
    }

    [Test]
    public void Unit_Settings_AreTheOnesTheWorkerNeeds()
    {
        var lines = File.ReadAllLines(UnitSource).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(lines, Does.Contain("Type=notify"), "the worker sends READY=1 (Hosting/SystemdNotifier)");
            Assert.That(lines, Does.Contain("User=registry-ingest"));
            Assert.That(lines, Does.Contain("Restart=on-failure"));
            Assert.That(lines, Does.Contain("EnvironmentFile=-/etc/registry-ingest/registry-ingest.env"));
            Assert.That(lines, Does.Contain("StateDirectory=registry-ingest"));
            Assert.That(lines, Does.Contain("LogsDirectory=registry-ingest"));
            Assert.That(lines, Has.None.StartsWith("MemoryDenyWriteExecute="), "the .NET JIT needs W+X memory");
            var stop = lines.Single(l => l.StartsWith("TimeoutStopSec=", StringComparison.Ordinal));
            var unitStop = TimeSpan.FromSeconds(int.Parse(stop["TimeoutStopSec=".Length..], CultureInfo.InvariantCulture));
            Assert.That(unitStop, Is.GreaterThanOrEqualTo(TimeSpan.FromSeconds(120)), "a file in hand needs time to finish");
            Assert.That(StopBudget.HostShutdown, Is.LessThan(StopBudget.ProcessTermination), "the command line never cuts the host's stop short");
            Assert.That(StopBudget.ProcessTermination, Is.LessThan(unitStop), "the worker ends itself, and logs it, before systemd kills it");
        });
    }

    /// <summary>install.sh into a temporary root; the unit it wrote, under its real name.</summary>
    private string InstalledUnit()
    {
        var root = work.Combine("root");
        var install = ToolRun.Start("bash", RepositoryFiles.Path("deploy", "linux", "install.sh"), "--from", FakePublishFolder.Create(work), "--root", root);
        Assert.That(install.ExitCode, Is.Zero, install.AllOutput);
        return Path.Combine(root, "etc", "systemd", "system", UnitName);
    }

    [GeneratedRegex(@"Overall exposure level for registry-ingest\.service: (?<score>\d+\.\d+) (?<verdict>\w+)")]
    private static partial Regex OverallExposure();
}
