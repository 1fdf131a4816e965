using Registry.Ingest.EndToEnd.Support;

namespace Registry.Ingest.EndToEnd;

/// <summary>
/// The worker killed with SIGKILL at each point of a big file's way through the drop-folder
/// protocol, then started again (<c>once</c>): the clinic gets exactly one ACK and one report, the
/// registry holds the file's data once (the same rows as one clean run in a fresh database), the
/// original is moved once, and no temporary file is left behind.
/// </summary>
[TestFixture]
internal sealed class CrashRecoveryTests
{
    private const string FileName = CleanRun.FileName;
    private const string AckName = "HL7_BIGCLINIC_20240601.ack.txt";
    private const string ReportName = "HL7_BIGCLINIC_20240601.report.txt";

    private static readonly Dictionary<string, string> ChunksOf500 = new() { ["Database__ChunkSize"] = "500" };

    private List<string> cleanRowCounts = null!;
    private WorkerSite site = null!;

    [OneTimeSetUp]
    public async Task RunCleanlyOnce() => cleanRowCounts = await CleanRun.RowCountsAsync();

    [SetUp]
    public async Task Start()
    {
        site = await WorkerSite.CreateAsync(TestContext.CurrentContext.Test.MethodName!);
        site.Drop(FileName, GeneratedBatch.BigFile);
    }

    [TearDown]
    public async Task Stop() => await site.DisposeAsync();

    [Test]
    public void Worker_KilledRightAfterItFoundTheFile_RestartFinishesItExactlyOnce()
    {
        using (var worker = site.Start("once"))
        {
            Eventually.Until(() => site.Database.DropFiles(FileName).Count > 0, "the worker records the file", worker: worker);
            worker.Kill();
            site.Database.TerminateWorkerBackends();
        }

        AssertRestartFinishesExactlyOnce();
    }

    [Test]
    public void Worker_KilledMidFile_LeavesNoDataAndRestartFinishesItExactlyOnce()
    {
        using (var worker = site.Start("once", ChunksOf500))
        {
            Eventually.Until(() => site.Database.MessagesSent() >= 2000, "several chunks of messages reached the server", worker: worker);
            worker.Kill();
            site.Database.TerminateWorkerBackends();
        }

        Assert.That(site.Database.OpenStep(FileName), Is.EqualTo("downloaded"), "killed inside the pipeline");
        Assert.That(site.Database.RowCounts(), Is.EqualTo(RegistryDatabase.DataTables.Select(t => $"{t} 0")), "the file's transaction left nothing");
        Assert.That(site.Files(), Is.EqualTo(new[] { FileName }), "no ACK, report or temporary file");

        AssertRestartFinishesExactlyOnce();
    }

    [TestCase(0, "seen", TestName = "Worker_KilledAfterTheDownloadBeforeItWasRecorded_RestartFinishesItExactlyOnce")]
    [TestCase(1, "downloaded", TestName = "Worker_KilledAfterTheStoreCommittedBeforeItWasRecorded_RestartFinishesItExactlyOnce")]
    [TestCase(2, "stored", TestName = "Worker_KilledAfterTheAckWasWrittenBeforeItWasRecorded_RestartFinishesItExactlyOnce")]
    [TestCase(3, "acked", TestName = "Worker_KilledAfterTheOriginalWasMovedBeforeItWasRecorded_RestartFinishesItExactlyOnce")]
    public void Worker_KilledAtAStep_RestartFinishesItExactlyOnce(int passes, string recordedStep)
    {
        // A first poll that only records the file (it is not stable yet), so the gate has a row to lock.
        var first = site.Once(new Dictionary<string, string> { ["Polling__StableFor"] = "01:00:00" });
        Assert.That(first.ExitCode, Is.Zero, first.ToString());
        Assert.That(site.Database.OpenStep(FileName), Is.EqualTo("seen"));

        byte[]? ackAtKill = null;
        using (var gate = DropFileGate.Close(site.Database, FileName))
        using (var worker = site.Start("once"))
        {
            gate.WaitUntilBlocked(worker);
            for (int i = 0; i < passes; i++)
            {
                gate.Pass(worker);
            }

            Assert.That(gate.Step, Is.EqualTo(recordedStep));
            worker.Kill();
            site.Database.TerminateWorkerBackends();
            gate.Dispose();
            Assert.That(site.Database.OpenStep(FileName), Is.EqualTo(recordedStep), "the step the worker was about to record was not recorded");
            AssertStateAtKill(recordedStep);
            ackAtKill = File.Exists(site.PathOf(AckName)) ? File.ReadAllBytes(site.PathOf(AckName)) : null;
        }

        AssertRestartFinishesExactlyOnce(originalMovedBeforeCrash: recordedStep == "acked");
        if (ackAtKill is not null)
        {
            Assert.That(File.ReadAllBytes(site.PathOf(AckName)), Is.EqualTo(ackAtKill), "the ACK is rewritten from the database, byte for byte");
        }
    }

    [Test]
    public void Worker_KilledMidFileThenTheFileWithdrawn_RestartRecordsItWithdrawnAndKeepsNoCopy()
    {
        using (var worker = site.Start("once", ChunksOf500))
        {
            Eventually.Until(() => site.Database.MessagesSent() >= 2000, "several chunks of messages reached the server", worker: worker);
            worker.Kill();
            site.Database.TerminateWorkerBackends();
        }

        Assert.That(WorkFolderEntries(), Is.Not.Empty, "the killed worker left its copy");
        File.Delete(site.PathOf(FileName));

        var restart = site.Once();

        Assert.That(restart.ExitCode, Is.Zero, restart.ToString());
        Assert.That(site.Database.DropFiles(FileName), Is.EqualTo(new[] { ("done", (string?)"withdrawn", (string?)null) }));
        Assert.That(site.Database.RowCounts(), Is.EqualTo(RegistryDatabase.DataTables.Select(t => $"{t} 0")));
        Assert.That(WorkFolderEntries(), Is.Empty, "no copy of a withdrawn file (patient data) is kept");
    }

    [Test]
    public void Worker_KilledAfterTheDownloadThenTheFileWithdrawn_RestartForgetsItAndKeepsNoCopy()
    {
        Assert.That(site.Once(new Dictionary<string, string> { ["Polling__StableFor"] = "01:00:00" }).ExitCode, Is.Zero);
        using (var gate = DropFileGate.Close(site.Database, FileName))
        using (var worker = site.Start("once"))
        {
            gate.WaitUntilBlocked(worker);
            worker.Kill();
            site.Database.TerminateWorkerBackends();
        }

        Assert.That(WorkFolderEntries(), Is.Not.Empty, "the killed worker left its copy");
        File.Delete(site.PathOf(FileName));

        var restart = site.Once();

        Assert.That(restart.ExitCode, Is.Zero, restart.ToString());
        Assert.That(site.Database.DropFiles(FileName), Is.Empty, "a file only seen and gone is forgotten");
        Assert.That(WorkFolderEntries(), Is.Empty, "no copy of a withdrawn file (patient data) is kept");
    }

    /// <summary>What the folder and the database hold at each kill point: proves the gate stopped the worker where the test says.</summary>
    private void AssertStateAtKill(string recordedStep)
    {
        bool stored = site.Database.Scalar<long>("SELECT count(*) FROM registry.submission_file WHERE file_name = @FileName", new { FileName }) == 1;
        bool written = site.Files().Contains(AckName) && site.Files().Contains(ReportName);
        bool moved = site.Files("processed").Contains(FileName);
        var expected = recordedStep switch
        {
            "seen" => (stored: false, written: false, moved: false),
            "downloaded" => (stored: true, written: false, moved: false),
            "stored" => (stored: true, written: true, moved: false),
            _ => (stored: true, written: true, moved: true),
        };
        Assert.That((stored, written, moved), Is.EqualTo(expected), "(stored, ACK and report written, original moved) when killed");
    }

    private void AssertRestartFinishesExactlyOnce(bool originalMovedBeforeCrash = false)
    {
        var restart = site.Once();

        Assert.That(restart.ExitCode, Is.Zero, restart.ToString());
        Assert.That(site.Files(), Is.EqualTo(new[] { AckName, ReportName }), "one ACK, one report, no original and no temporary file");
        Assert.That(site.Files("processed"), Is.EqualTo(new[] { FileName }), "the original moved once");
        Assert.That(site.Files("rejected"), Is.Empty);
        Assert.That(AckFile.MsaSegments(site.PathOf(AckName)), Has.Count.EqualTo(GeneratedBatch.BigMessageCount).And.All.StartWith("MSA|AA|"));
        Assert.That(site.Database.RowCounts(), Is.EqualTo(cleanRowCounts), "rows per table, as after one clean run");
        // Known gap: a restart finds an original moved before the crash gone and cannot tell where
        // (IDropFolder lists the top folder only), so it records moved_to as null.
        string? movedTo = originalMovedBeforeCrash ? null : "processed/" + FileName;
        Assert.That(site.Database.DropFiles(FileName), Is.EqualTo(new[] { ("done", (string?)"processed", movedTo) }), "one drop_file row, done");
        Assert.That(WorkFolderEntries(), Is.Empty, "no copy of the file (patient data) is left in the work folder");
    }

    private List<string> WorkFolderEntries() =>
        Directory.Exists(site.WorkDirectory) ? Directory.EnumerateFileSystemEntries(site.WorkDirectory, "*", SearchOption.AllDirectories).ToList() : [];
}
