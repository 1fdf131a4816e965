using Registry.Ingest.EndToEnd.Support;

namespace Registry.Ingest.EndToEnd;

/// <summary><c>registry-ingest run</c> stopped by SIGTERM (systemctl stop) while a big file is in the database.</summary>
[TestFixture]
internal sealed class ShutdownTests
{
    private const string FileName = CleanRun.FileName;
    private const string AckName = "HL7_BIGCLINIC_20240601.ack.txt";
    private const string ReportName = "HL7_BIGCLINIC_20240601.report.txt";

    /// <summary>Program.cs gives the command this long to end after SIGTERM.</summary>
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(30);

    private WorkerSite site = null!;

    [SetUp]
    public async Task Start()
    {
        site = await WorkerSite.CreateAsync(TestContext.CurrentContext.Test.MethodName!);
        site.Drop(FileName, GeneratedBatch.BigFile);
    }

    [TearDown]
    public async Task Stop() => await site.DisposeAsync();

    [Test]
    public async Task Run_SigtermMidFile_ExitsZeroInTimeLeavesNothingHalfDoneAndARerunFinishesItOnce()
    {
        var clean = await CleanRun.RowCountsAsync();
        Tests.Support.CliResult stopped;
        using (var worker = site.Start("run", new Dictionary<string, string> { ["Database__ChunkSize"] = "500" }))
        {
            Eventually.Until(() => site.Database.MessagesSent() >= 2000, "the file is being stored", worker: worker);
            var asked = DateTime.UtcNow;
            worker.Terminate();
            stopped = worker.WaitForExit(StopTimeout + TimeSpan.FromSeconds(5));
            var took = DateTime.UtcNow - asked;
            TestContext.Out.WriteLine($"Stopped {took.TotalSeconds:0.0} s after SIGTERM.");
            Assert.That(took, Is.LessThan(StopTimeout), "stopped within the stop timeout");
        }

        Assert.That(stopped.ExitCode, Is.Zero, stopped.ToString());
        Assert.That(site.LogEvents().Select(e => e.MessageTemplate), Has.Member("Worker stopped"));
        Assert.That(
            Directory.Exists(site.WorkDirectory) ? Directory.EnumerateFileSystemEntries(site.WorkDirectory, "*", SearchOption.AllDirectories) : [],
            Is.Empty,
            "no copy of the file (patient data) is left in the work folder");
        bool finished = site.Files("processed").Contains(FileName);
        TestContext.Out.WriteLine(finished ? "The file was finished before the stop." : "The file was abandoned.");
        if (finished)
        {
            Assert.That(site.Files(), Is.EqualTo(new[] { AckName, ReportName }), "a finished file has all its outputs");
        }
        else
        {
            Assert.That(site.Files(), Is.EqualTo(new[] { FileName }), "an abandoned file has no ACK, report or temporary file and stays in place");
            Assert.That(site.Database.RowCounts(), Is.EqualTo(RegistryDatabase.DataTables.Select(t => $"{t} 0")), "its transaction rolled back");
            Assert.That(
                site.LogEvents().Where(e => e.MessageTemplate.StartsWith("Stopping:", StringComparison.Ordinal)).Select(e => $"{e.Property("FileName")} after {e.Property("Step")}"),
                Is.EqualTo(new[] { $"{FileName} after Downloaded" }),
                "the log says which file was abandoned, and after which step it recorded (downloaded: stopped mid-file)");
        }

        var rerun = site.Once();

        Assert.That(rerun.ExitCode, Is.Zero, rerun.ToString());
        Assert.That(site.Files(), Is.EqualTo(new[] { AckName, ReportName }));
        Assert.That(site.Files("processed"), Is.EqualTo(new[] { FileName }));
        Assert.That(AckFile.MsaSegments(site.PathOf(AckName)), Has.Count.EqualTo(GeneratedBatch.BigMessageCount));
        Assert.That(site.Database.RowCounts(), Is.EqualTo(clean), "stored exactly once");
    }
    /// <summary>
    /// <c>once</c> (cron-style) stopped the same way: it used to die at once on SIGTERM (exit 143),
    /// leaving the downloaded copy of the file (patient data) in the work folder.
    /// </summary>
    [Test]
    public async Task Once_SigtermMidFile_AbandonsItCleanlyAndARerunFinishesItOnce()
    {
        var clean = await CleanRun.RowCountsAsync();
        Tests.Support.CliResult stopped;
        using (var worker = site.Start("once", new Dictionary<string, string> { ["Database__ChunkSize"] = "500" }))
        {
            Eventually.Until(() => site.Database.MessagesSent() >= 2000, "the file is being stored", worker: worker);
            worker.Terminate();
            stopped = worker.WaitForExit(StopTimeout + TimeSpan.FromSeconds(5));
        }

        Assert.That(stopped.ExitCode, Is.Not.EqualTo(143), "ended by the program, not by the signal: " + stopped);
        Assert.That(
            Directory.Exists(site.WorkDirectory) ? Directory.EnumerateFileSystemEntries(site.WorkDirectory, "*", SearchOption.AllDirectories) : [],
            Is.Empty,
            "no copy of the file (patient data) is left in the work folder");
        if (!site.Files("processed").Contains(FileName))
        {
            Assert.That(site.Files(), Is.EqualTo(new[] { FileName }), "an abandoned file stays in place, with no outputs");
            Assert.That(site.Database.RowCounts(), Is.EqualTo(RegistryDatabase.DataTables.Select(t => $"{t} 0")), "its transaction rolled back");
            Assert.That(site.LogEvents().Select(e => e.MessageTemplate), Has.Some.StartsWith("Stopping:"), "the log says which file was abandoned");
        }

        var rerun = site.Once();

        Assert.That(rerun.ExitCode, Is.Zero, rerun.ToString());
        Assert.That(site.Files("processed"), Is.EqualTo(new[] { FileName }));
        Assert.That(site.Database.RowCounts(), Is.EqualTo(clean), "stored exactly once");
    }
}
