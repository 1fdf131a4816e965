using System.Text;
using Microsoft.Extensions.Logging;
using Registry.Ingest.DropFolder;
using Registry.Ingest.Polling;
using Registry.Ingest.Tests.Support;

namespace Registry.Ingest.Tests.Polling;

/// <summary>
/// The drop-folder protocol against real PostgreSQL and a local folder: what a clinic finds in its
/// folder after each poll, and what the registry holds, including after a crash at each step.
/// </summary>
internal sealed class DropFolderPollerTests
{
    private const string Valid = "HL7_DCS0067_20240131.txt";
    private const string Mixed = "HL7_DCS0067_20240201_093000.txt";
    private const string BadName = "hl7_dcs0067_2024-01-31.txt";

    private PollerHarness h = null!;

    [SetUp]
    public async Task Start() => h = await PollerHarness.StartAsync();

    [TearDown]
    public async Task Stop() => await h.DisposeAsync();

    [Test]
    public void Poll_ValidFiles_WritesAckAndReportBesideThemAndMovesOriginalsToProcessed()
    {
        h.DropSample(Valid);
        h.DropSample(Mixed);

        var result = h.Poll();

        Assert.That(result.Complete, Is.True);
        Assert.That(h.Files(), Is.EqualTo(new[]
        {
            "HL7_DCS0067_20240131.ack.txt", "HL7_DCS0067_20240131.report.txt",
            "HL7_DCS0067_20240201_093000.ack.txt", "HL7_DCS0067_20240201_093000.report.txt",
        }));
        Assert.That(h.Files("processed"), Is.EqualTo(new[] { Valid, Mixed }));
        Assert.That(h.Read("HL7_DCS0067_20240131.report.txt"), Does.StartWith("Registry.Ingest file report"));
        Assert.That(h.Submissions("processed"), Is.EqualTo(2));
    }

    [TestCase(false, TestName = "{m}(another size)")]
    [TestCase(true, TestName = "{m}(the same size, a later time)")]
    public void Poll_FileReplacedWhileItIsStored_LeavesTheReplacementToBeTakenAndStoresIt(bool sameSize)
    {
        // A clinic's corrected upload, renamed into place while the first version was being stored.
        h.DropSample(Valid);
        var path = Path.Combine(h.FolderPath, Valid);
        var original = File.ReadAllBytes(path);
        var replacement = sameSize ? original.Select(b => b).ToArray() : File.ReadAllBytes(RepositoryFiles.Path("sample-files", Mixed));
        if (sameSize)
        {
            replacement[Array.IndexOf(replacement, (byte)'|', 200) + 1] ^= 0x20; // another byte, the same length
        }

        using (var replacing = new FaultyDropFolder(h.Folder())
        {
            WrapRead = s => new AtEndStream(s, () =>
            {
                File.WriteAllBytes(path + ".new", replacement);
                File.SetLastWriteTimeUtc(path + ".new", File.GetLastWriteTimeUtc(path).AddMinutes(1));
                File.Move(path + ".new", path, overwrite: true);
            }),
        })
        {
            h.Poll(replacing);
        }

        Assert.That(File.ReadAllBytes(path), Is.EqualTo(replacement), "the replacement stays, unread");
        Assert.That(h.Files("processed"), Is.Empty);

        h.Poll();

        Assert.That(h.Files("processed"), Is.EqualTo(new[] { Valid }));
        Assert.That(File.ReadAllBytes(Path.Combine(h.FolderPath, "processed", Valid)), Is.EqualTo(replacement));
        Assert.That(h.Submissions("processed"), Is.EqualTo(2), "both versions were read and recorded");
    }

    [Test]
    public void Poll_NamesThatCannotBeHandled_AreLeftAloneLoggedOnceAndDoNotStopTheOthers()
    {
        h.Drop("HL7_A\\B_20240101.txt", [(byte)'M', (byte)'S', (byte)'H']);
        h.Drop("HL7_A\nStored HL7_FAKE_20240101.txt", [(byte)'M', (byte)'S', (byte)'H']);
        h.DropSample(Valid);
        using var folder = h.Folder();
        var poller = h.Poller(folder); // the worker's one poller, poll after poll

        poller.Poll(CancellationToken.None);
        poller.Poll(CancellationToken.None);

        Assert.That(h.Files("processed"), Is.EqualTo(new[] { Valid }));
        Assert.That(h.Files(), Does.Contain("HL7_A\\B_20240101.txt").And.Contain("HL7_A\nStored HL7_FAKE_20240101.txt"));
        Assert.That(h.Log.Count(LogLevel.Warning, "left in the drop folder untouched"), Is.EqualTo(2), "once per name, not per poll");
        Assert.That(h.Log.Lines.Select(l => l.Text), Has.None.Contains("\n"), "a name never breaks a log line");
        Assert.That(h.Log.Count(LogLevel.Error, string.Empty), Is.Zero);
    }

    [TestCase("same name")]
    [TestCase("another name")]
    public void Poll_WhileAnotherWorkerPollsTheFolder_LeavesItToThatOne(string otherName)
    {
        h.DropSample(Valid);
        using var folder = h.Folder();
        // The same folder can have two names (127.0.0.1 and localhost, an absolute and a relative path).
        var other = new DropFileStore(h.Storage.Database.AppConnectionString, otherName == "same name" ? folder.Location : "sftp://u@localhost:22/~/ICARE HL7 EXCHANGE", h.Clock);
        var poller = h.Poller(folder);

        using (var claim = other.TryLockFolder())
        {
            Assert.That(claim, Is.Not.Null);
            var skipped = poller.Poll(CancellationToken.None);
            poller.Poll(CancellationToken.None);

            Assert.That((skipped.Finished, skipped.Waiting), Is.EqualTo((0, 0)));
            Assert.That(h.Files(), Is.EqualTo(new[] { Valid }), "nothing taken, nothing seen");
            Assert.That(h.Storage.Scalar<long>("SELECT count(*) FROM registry.drop_file"), Is.Zero);
        }

        var after = poller.Poll(CancellationToken.None);

        Assert.That(after.Processed, Is.EqualTo(1), "once the other worker's poll ends");
        Assert.That(h.Log.Count(LogLevel.Information, "Another worker of this registry database is polling"), Is.EqualTo(1));
    }

    [Test]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public void Poll_WorkFolderUnusable_IsAnOutageNotTheFilesFault()
    {
        // A file where the work folder should be (a full or read-only disk fails the same way).
        var options = new WorkerOptions { WorkDirectory = h.Storage.Work.Combine("blocked") };
        File.WriteAllText(options.WorkDirectory, "not a folder");
        h.DropSample(Valid);
        using var folder = h.Folder();
        var poller = h.Poller(folder, worker: options);

        for (int poll = 0; poll < h.Options.MaxAttempts + 2; poll++)
        {
            poller.Poll(CancellationToken.None);
        }

        Assert.That(h.Files(), Is.EqualTo(new[] { Valid }), "never rejected");
        Assert.That(h.Storage.Scalar<int>("SELECT attempts FROM registry.drop_file"), Is.Zero);
        Assert.That(h.Log.Count(LogLevel.Error, "Work folder unavailable"), Is.EqualTo(1), "logged once");

        File.Delete(options.WorkDirectory);
        poller.Poll(CancellationToken.None);

        Assert.That(h.Files("processed"), Is.EqualTo(new[] { Valid }));
        Assert.That(h.Log.Count(LogLevel.Information, "Work folder available again"), Is.EqualTo(1));
        Assert.That(File.GetUnixFileMode(options.WorkDirectory), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute));
    }

    [Test]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public void Poll_WorkFolderOpenToOthers_IsMadeOwnerOnly()
    {
        var options = new WorkerOptions { WorkDirectory = h.Storage.Work.Combine("shared") };
        Directory.CreateDirectory(options.WorkDirectory);
        File.SetUnixFileMode(options.WorkDirectory, (UnixFileMode)0b111_111_111);
        h.DropSample(Valid);
        using var folder = h.Folder();

        h.Poller(folder, worker: options).Poll(CancellationToken.None);

        Assert.That(h.Files("processed"), Is.EqualTo(new[] { Valid }));
        Assert.That(File.GetUnixFileMode(options.WorkDirectory), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute));
    }

    [Test]
    public async Task Poll_DatabaseWithoutTheSchema_SaysOnOneLineToMigrate()
    {
        await using var empty = await TestDatabase.CreateAsync();
        h.DropSample(Valid);

        h.Poll(connectionString: empty.OwnerConnectionString);

        Assert.That(h.Log.Count(LogLevel.Error, "run 'registry-ingest migrate'"), Is.EqualTo(1), string.Join("\n", h.Log.Lines));
        Assert.That(h.Log.Lines.Select(l => l.Text), Has.None.Contains("\n"));
        Assert.That(h.Files(), Is.EqualTo(new[] { Valid }), "the file waits");
    }

    [Test]
    public void Poll_StoredFileThatCanNeverBeMoved_IsRetriedForeverButNotLoggedEveryPoll()
    {
        h.DropSample(Valid);
        using var folder = h.Folder();
        using var blocked = new FaultyDropFolder(folder) { OnMove = _ => new IOException("processed/ is a file") };
        var poller = h.Poller(blocked);
        int polls = h.Options.MaxAttempts + 61;

        for (int poll = 0; poll < polls; poll++)
        {
            poller.Poll(CancellationToken.None);
        }

        Assert.That(h.Storage.Scalar<int>("SELECT attempts FROM registry.drop_file"), Is.EqualTo(polls));
        Assert.That(h.Log.Count(LogLevel.Error, "failed (attempt"), Is.EqualTo(h.Options.MaxAttempts + 1), "each of the first attempts, then once per 60");
        Assert.That(h.Files(), Does.Contain(Valid), "never given up: its data is stored");
        Assert.That(h.Submissions("processed"), Is.EqualTo(1));
    }

    [Test]
    public void Poll_BadName_ReportsAndMovesToRejectedOnceAndTheNextPollDoesNothing()
    {
        h.DropSample(BadName);

        h.Poll();
        var second = h.Poll();

        Assert.That(h.Files(), Is.EqualTo(new[] { "hl7_dcs0067_2024-01-31.report.txt" }));
        Assert.That(h.Read("hl7_dcs0067_2024-01-31.report.txt"), Does.Contain("NOT PROCESSED"));
        Assert.That(h.Files("rejected"), Is.EqualTo(new[] { BadName }));
        Assert.That(second.Finished, Is.Zero);
        Assert.That(h.Submissions("rejected"), Is.EqualTo(1));
    }

    [Test]
    public void Poll_UploadPausedInTheMiddleOfALine_IsHeldForUnterminatedStableForThenTakenWhole()
    {
        // A client that lost its connection for longer than StableFor: taken then, the file was
        // stored cut short (its last message lost, the one before stored with half a lot number).
        h.Options.StableFor = TimeSpan.FromSeconds(30);
        h.Options.UnterminatedStableFor = TimeSpan.FromMinutes(5);
        h.DropSample(Valid);
        h.DropSample(Mixed);
        var path = Path.Combine(h.FolderPath, Mixed);
        var full = File.ReadAllBytes(path);
        int cut = Array.IndexOf(full, (byte)'\n', full.Length / 2) - 5; // inside a line
        File.WriteAllBytes(path, full[..cut]);
        using var folder = h.Folder();
        var poller = h.Poller(folder);
        var firstSeen = h.Clock.GetUtcNow();

        poller.Poll(CancellationToken.None);
        h.Clock.Advance(TimeSpan.FromSeconds(31));
        var paused = poller.Poll(CancellationToken.None);
        h.Clock.Advance(TimeSpan.FromSeconds(60));
        var stillPaused = poller.Poll(CancellationToken.None);

        Assert.That((paused.Processed, paused.Waiting), Is.EqualTo((1, 1)), "the complete file is taken after StableFor");
        Assert.That((stillPaused.Processed, stillPaused.Waiting), Is.EqualTo((0, 1)));
        Assert.That(paused.NextStableAt, Is.EqualTo(firstSeen + TimeSpan.FromMinutes(5)), "the next poll is due when the hold ends");
        Assert.That(h.Log.Count(LogLevel.Information, "ends in the middle of a line"), Is.EqualTo(1), "said once");

        File.WriteAllBytes(path, full); // the client resumes and finishes
        poller.Poll(CancellationToken.None);
        h.Clock.Advance(TimeSpan.FromSeconds(31));
        var resumed = poller.Poll(CancellationToken.None);

        Assert.That(resumed.Processed, Is.EqualTo(1));
        Assert.That(h.Storage.Query<long>("SELECT size_bytes FROM registry.submission_file WHERE file_name = @Mixed", new { Mixed }), Is.EqualTo(new[] { (long)full.Length }));
    }

    [Test]
    public void Poll_FileEndingInTheMiddleOfALineForGood_IsTakenOnceUnchangedForUnterminatedStableFor()
    {
        h.Options.StableFor = TimeSpan.FromSeconds(30);
        h.Options.UnterminatedStableFor = TimeSpan.FromMinutes(5);
        var text = File.ReadAllText(RepositoryFiles.Path("sample-files", Valid)).TrimEnd('\r', '\n');
        h.Drop(Valid, System.Text.Encoding.UTF8.GetBytes(text)); // an EHR that ends its last segment with nothing
        h.Drop("HL7_EMPTY_20240101.txt", []);
        using var folder = h.Folder();
        var poller = h.Poller(folder);

        poller.Poll(CancellationToken.None);
        h.Clock.Advance(TimeSpan.FromMinutes(4));
        var held = poller.Poll(CancellationToken.None);
        h.Clock.Advance(TimeSpan.FromMinutes(1));
        var taken = poller.Poll(CancellationToken.None);

        Assert.That(held.Finished, Is.Zero, "an empty file is held too: an upload that has not written yet");
        Assert.That((taken.Processed, taken.Rejected), Is.EqualTo((1, 1)));
    }

    [Test]
    public void Poll_FileReuploadedAfterTheListingBeforeItsTurn_IsNotReadUntilStableAgain()
    {
        // The poll lists both files as complete; while the first is stored, the clinic starts a new
        // upload of the second, which is still half-written when its turn comes.
        h.Options.StableFor = TimeSpan.FromSeconds(30);
        h.DropSample(Valid);
        h.DropSample(Mixed);
        var path = Path.Combine(h.FolderPath, Mixed);
        var full = File.ReadAllBytes(path);
        h.Poll();
        h.Clock.Advance(TimeSpan.FromSeconds(31));

        using (var reuploading = new FaultyDropFolder(h.Folder())
        {
            OnMove = name =>
            {
                if (name == Valid)
                {
                    File.WriteAllBytes(path, full[..1000]);
                    File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddMinutes(1));
                }

                return null;
            },
        })
        {
            var listed = h.Poll(reuploading);
            Assert.That((listed.Processed, listed.Waiting), Is.EqualTo((1, 1)));
        }

        Assert.That(h.Files(), Does.Contain(Mixed).And.Not.Contain("HL7_DCS0067_20240201_093000.ack.txt"), "the half-written upload was not read");
        Assert.That(h.Log.Count(LogLevel.Information, "changed after it was seen complete"), Is.EqualTo(1));

        File.WriteAllBytes(path, full); // the upload completes
        h.Poll();
        h.Clock.Advance(TimeSpan.FromSeconds(31));
        var taken = h.Poll();

        Assert.That(taken.Processed, Is.EqualTo(1));
        Assert.That(h.Files("processed"), Is.EqualTo(new[] { Valid, Mixed }));
        Assert.That(h.Storage.Query<long>("SELECT size_bytes FROM registry.submission_file ORDER BY id"), Is.EqualTo(new[] { new FileInfo(Path.Combine(h.FolderPath, "processed", Valid)).Length, full.Length }));
    }

    [Test]
    public void Poll_NameUploadedAgain_RemovesThePreviousAnswerAtOnceAndAnswersTheNewUploadOnceStable()
    {
        h.Options.StableFor = TimeSpan.FromSeconds(30);
        h.DropSample(Valid);
        h.Poll();
        h.Clock.Advance(TimeSpan.FromSeconds(31));
        h.Poll();
        Assert.That(h.Files(), Is.EqualTo(new[] { "HL7_DCS0067_20240131.ack.txt", "HL7_DCS0067_20240131.report.txt" }));

        h.Drop(Valid, File.ReadAllBytes(RepositoryFiles.Path("sample-files", Mixed)));
        h.Poll();

        Assert.That(h.Files(), Is.EqualTo(new[] { Valid }), "no earlier ACK to be taken for this upload's answer");
        Assert.That(h.Log.Count(LogLevel.Information, "was uploaded again"), Is.EqualTo(1));

        h.Clock.Advance(TimeSpan.FromSeconds(31));
        h.Poll();

        Assert.That(h.Files(), Is.EqualTo(new[] { "HL7_DCS0067_20240131.ack.txt", "HL7_DCS0067_20240131.report.txt" }));
        Assert.That(h.Read("HL7_DCS0067_20240131.ack.txt"), Does.Contain("DCS0067-0102"), "the new upload's answer");
        Assert.That(h.Submissions("processed"), Is.EqualTo(2));
    }

    [Test]
    public void Poll_FileNamedLikeASubfolder_IsNoUploadAndTheOthersAreProcessed()
    {
        h.Drop("rejected", "not a folder"u8.ToArray());
        h.DropSample(Valid);

        var result = h.Poll();

        Assert.That(result.Processed, Is.EqualTo(1));
        Assert.That(h.Read("rejected"), Is.EqualTo("not a folder"), "left where it is");
        Assert.That(h.Storage.Query<string>("SELECT file_name FROM registry.submission_file"), Is.EqualTo(new[] { Valid }));
    }

    [Test]
    public void Poll_NameAnsweredThroughAnotherNameOfTheFolder_StillRemovesThePreviousAnswer()
    {
        // The same folder under a second path (a link to it): the claim and the answers are the folder's, not the path's.
        h.Options.StableFor = TimeSpan.FromSeconds(30);
        var alias = h.Storage.Work.Combine("alias");
        Directory.CreateSymbolicLink(alias, h.FolderPath);
        h.DropSample(Valid);
        h.Poll();
        h.Clock.Advance(TimeSpan.FromSeconds(31));
        h.Poll();
        Assert.That(h.Files(), Does.Contain("HL7_DCS0067_20240131.ack.txt"));

        h.Drop(Valid, File.ReadAllBytes(RepositoryFiles.Path("sample-files", Mixed)));
        h.Poll(new Registry.Ingest.DropFolder.Local.LocalDropFolder(alias));

        Assert.That(h.Files(), Is.EqualTo(new[] { Valid }), "the earlier answer is gone while the new upload waits");
    }

    [Test]
    public void AnsweredBefore_IsOneIndexProbeNotAScanOfEveryFileEverTaken()
    {
        // Seq scans off: on a table this small a scan would be cheaper, and the question is whether an index can serve it.
        var plan = h.Storage.Query<string>(
            "SET enable_seqscan = off; EXPLAIN SELECT EXISTS (SELECT 1 FROM registry.drop_file WHERE name = 'x' AND step = 'done' AND outcome IS DISTINCT FROM 'withdrawn')");

        Assert.That(string.Join("\n", plan), Does.Contain("drop_file_answered_name"));
    }

    [Test]
    public void Poll_NameNeverAnsweredBefore_LeavesFilesNamedLikeItsAnswerAlone()
    {
        // A client's own file in our name space, there before this name was ever answered: it is
        // not removed when the upload is seen (only its own answer replaces it, once there is one).
        h.Options.StableFor = TimeSpan.FromSeconds(30);
        h.Drop("HL7_DCS0067_20240131.ack.txt", "the clinic's own notes"u8.ToArray());
        h.DropSample(Valid);

        h.Poll();

        Assert.That(h.Read("HL7_DCS0067_20240131.ack.txt"), Is.EqualTo("the clinic's own notes"));
        Assert.That(h.Log.Count(LogLevel.Information, "was uploaded again"), Is.Zero);
    }

    [Test]
    public void Poll_NameThatReadsLikeAnotherFilesHashedAnswer_KeepsItsOwnAnswerApart()
    {
        h.Options.StableFor = TimeSpan.Zero;
        // HL7_DCS0067_20240131.TXT is answered as HL7_DCS0067_20240131_<hash of its name>.ack.txt.
        h.Drop("HL7_DCS0067_20240131.TXT", File.ReadAllBytes(RepositoryFiles.Path("sample-files", Valid)));
        h.Poll();
        var first = h.Files().Where(f => f.EndsWith(".ack.txt", StringComparison.Ordinal)).Single();
        var lookalike = first[..^".ack.txt".Length] + ".txt";

        h.Drop(lookalike, File.ReadAllBytes(RepositoryFiles.Path("sample-files", Mixed)));
        h.Poll();

        Assert.That(h.Files(), Does.Contain(first), "the first file's ACK stays");
        Assert.That(h.Read(first), Does.Contain("DCS0067-0001").And.Not.Contain("DCS0067-0102"));
        Assert.That(h.Log.Count(LogLevel.Information, "was uploaded again"), Is.Zero);
    }

    [Test]
    public void Poll_FileStillGrowing_IsTakenOnlyOnceUnchangedForStableFor()
    {
        h.Options.StableFor = TimeSpan.FromSeconds(30);
        var full = File.ReadAllBytes(RepositoryFiles.Path("sample-files", Valid));
        h.Drop(Valid, full[..1000]);

        h.Poll();
        h.Clock.Advance(TimeSpan.FromSeconds(20));
        h.Drop(Valid, full);
        h.Poll();
        h.Clock.Advance(TimeSpan.FromSeconds(20));
        var early = h.Poll();
        h.Clock.Advance(TimeSpan.FromSeconds(15));
        var late = h.Poll();

        Assert.That(early.Finished, Is.Zero, "20 s unchanged is not 30");
        Assert.That(late.Processed, Is.EqualTo(1));
        Assert.That(h.Files("processed"), Is.EqualTo(new[] { Valid }));
        Assert.That(h.Storage.Scalar<long>("SELECT size_bytes FROM registry.submission_file"), Is.EqualTo(full.Length), "the whole file was read");
    }

    [Test]
    public void Poll_CrashAfterStoringBeforeTheAck_NextPollWritesTheAckOnceAndStoresNothingTwice()
    {
        h.DropSample(Mixed);
        using (var failing = new FaultyDropFolder(h.Folder()) { OnWrite = _ => new IOException("simulated crash") })
        {
            h.Poll(failing);
        }

        var afterCrash = h.Storage.Counts();
        Assert.That(h.Files(), Is.EqualTo(new[] { Mixed }), "nothing written back yet");

        h.Poll();

        AssertFinishedOnce(Mixed, "HL7_DCS0067_20240201_093000", afterCrash);
    }

    [Test]
    public void Poll_CrashAfterTheAckBeforeTheMove_NextPollMovesTheOriginalOnce()
    {
        h.DropSample(Mixed);
        using (var failing = new FaultyDropFolder(h.Folder()) { OnMove = _ => new IOException("simulated crash") })
        {
            h.Poll(failing);
        }

        var afterCrash = h.Storage.Counts();

        h.Poll();

        AssertFinishedOnce(Mixed, "HL7_DCS0067_20240201_093000", afterCrash);
    }

    [Test]
    public void Poll_StoppedAfterDownloadBeforeStoring_NextPollStoresTheFileOnce()
    {
        h.DropSample(Mixed);
        var before = h.Storage.Counts();
        using var stop = new CancellationTokenSource();
        using (var stopping = new FaultyDropFolder(h.Folder()) { WrapRead = s => new AtEndStream(s, stop.Cancel) })
        {
            Assert.That(() => h.Poll(stopping, cancellationToken: stop.Token), Throws.InstanceOf<OperationCanceledException>());
        }

        Assert.That(h.Storage.Counts(), Is.EqualTo(before), "the file's transaction rolled back");
        Assert.That(h.Storage.Scalar<string>("SELECT step FROM registry.drop_file"), Is.EqualTo("downloaded"));

        h.Poll();

        Assert.That(h.Submissions("processed"), Is.EqualTo(1));
        Assert.That(h.Files("processed"), Is.EqualTo(new[] { Mixed }));
        Assert.That(h.Files(), Does.Contain("HL7_DCS0067_20240201_093000.ack.txt"));
    }

    [Test]
    public void Poll_FileReuploadedAfterAnAttemptStoppedOnceDownloaded_IsNotReadUntilStableAgain()
    {
        // The attempt after a stop (or an outage) once the file was downloaded skipped the stable
        // window: a new upload, half-written by then, was stored and acknowledged.
        var (path, full) = SeenStable(Mixed);
        using var stop = new CancellationTokenSource();
        using (var stopping = new FaultyDropFolder(h.Folder()) { WrapRead = s => new AtEndStream(s, stop.Cancel) })
        {
            Assert.That(() => h.Poll(stopping, cancellationToken: stop.Token), Throws.InstanceOf<OperationCanceledException>());
        }

        File.WriteAllBytes(path, full[..1000]); // the clinic uploads it again; the upload is under way
        File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddMinutes(1));
        var resumed = h.Poll();

        Assert.That((resumed.Processed, resumed.Waiting), Is.EqualTo((0, 1)));
        Assert.That(h.Files(), Does.Not.Contain("HL7_DCS0067_20240201_093000.ack.txt"), "the half-written upload was not read");
        Assert.That(h.Storage.Scalar<string>("SELECT step FROM registry.drop_file"), Is.EqualTo("seen"));

        File.WriteAllBytes(path, full); // the upload completes
        h.Poll();
        h.Clock.Advance(TimeSpan.FromSeconds(31));
        var taken = h.Poll();

        Assert.That(taken.Processed, Is.EqualTo(1));
        Assert.That(h.Storage.Query<long>("SELECT size_bytes FROM registry.submission_file"), Is.EqualTo(new[] { (long)full.Length }));
        Assert.That(h.Files("processed"), Is.EqualTo(new[] { Mixed }));
    }

    [Test]
    public void Poll_FileRewrittenWhileItIsDownloaded_StoresNothingAndIsTakenOnceStableAgain()
    {
        // An SFTP put onto the same name truncates the file first: the download ends early, short
        // of the size listed, and was taken for the whole file.
        var (path, full) = SeenStable(Mixed);
        var before = h.Storage.Counts();

        PollResult cut;
        using (var rewriting = new FaultyDropFolder(h.Folder())
        {
            WrapRead = s => new CutShortStream(s, 2000, () =>
            {
                File.WriteAllBytes(path, full[..2000]);
                File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddMinutes(1));
            }),
        })
        {
            cut = h.Poll(rewriting);
        }

        Assert.That((cut.Processed, cut.Rejected, cut.Waiting), Is.EqualTo((0, 0, 1)));
        Assert.That(h.Storage.Counts(), Is.EqualTo(before), "nothing of the short read was stored");
        Assert.That(h.Storage.Scalar<int>("SELECT count(*) FROM registry.submission_file"), Is.Zero);
        Assert.That(h.Log.Count(LogLevel.Information, "changed while it was downloaded"), Is.EqualTo(1));
        Assert.That(h.Storage.Query<(string, int)>("SELECT step, attempts FROM registry.drop_file"), Is.EqualTo(new[] { ("seen", 0) }), "not counted against the file");

        File.WriteAllBytes(path, full);
        h.Poll();
        h.Clock.Advance(TimeSpan.FromSeconds(31));

        Assert.That(h.Poll().Processed, Is.EqualTo(1));
        Assert.That(h.Storage.Query<long>("SELECT size_bytes FROM registry.submission_file"), Is.EqualTo(new[] { (long)full.Length }));
    }

    /// <summary>A sample dropped and seen by a poll, then left unchanged for the 30 s stable window: the next poll takes it.</summary>
    private (string Path, byte[] Content) SeenStable(string name)
    {
        h.Options.StableFor = TimeSpan.FromSeconds(30);
        h.DropSample(name);
        var path = Path.Combine(h.FolderPath, name);
        var content = File.ReadAllBytes(path);
        h.Poll();
        h.Clock.Advance(TimeSpan.FromSeconds(31));
        return (path, content);
    }

    /// <summary>The pipeline commits before the worker records "stored": a crash in between is rebuilt here exactly.</summary>
    [Test]
    public void Poll_CrashBetweenTheCommitAndRecordingIt_NextPollUsesTheStoredResultAndStoresNothingTwice()
    {
        h.DropSample(Mixed);
        h.Poll();
        var ack = h.Read("HL7_DCS0067_20240201_093000.ack.txt");
        var clean = h.Storage.Counts();
        File.Move(Path.Combine(h.FolderPath, "processed", Mixed), Path.Combine(h.FolderPath, Mixed));
        File.Delete(Path.Combine(h.FolderPath, "HL7_DCS0067_20240201_093000.ack.txt"));
        File.Delete(Path.Combine(h.FolderPath, "HL7_DCS0067_20240201_093000.report.txt"));
        Sql.Execute(h.Storage.Database.OwnerConnectionString,
            "UPDATE registry.drop_file SET step = 'downloaded', submission_file_id = NULL, outcome = NULL, moved_to = NULL, submission_watermark = 0");

        h.Poll();

        AssertFinishedOnce(Mixed, "HL7_DCS0067_20240201_093000", clean);
        Assert.That(h.Read("HL7_DCS0067_20240201_093000.ack.txt"), Is.EqualTo(ack), "the ACK first written, not a duplicate's");
        Assert.That(h.Submissions("duplicate"), Is.Zero);
    }

    /// <summary>The same crash, with the watermark a streamed download recorded (taken before its pipeline began, after an earlier file).</summary>
    [Test]
    public void Poll_CrashBetweenAStreamedCommitAndRecordingIt_TheRecordedWatermarkFindsTheStoredResult()
    {
        h.DropSample(Valid);
        h.Poll();
        h.DropSample(Mixed);
        h.Poll();
        var ack = h.Read("HL7_DCS0067_20240201_093000.ack.txt");
        var clean = h.Storage.Counts();
        var (watermark, submission) = h.Storage.Query<(long, long)>(
            "SELECT d.submission_watermark, d.submission_file_id FROM registry.drop_file d WHERE d.name = @Mixed", new { Mixed }).Single();
        Assert.That(watermark, Is.GreaterThan(0).And.LessThan(submission), "above the earlier file's row, below this file's");
        File.Move(Path.Combine(h.FolderPath, "processed", Mixed), Path.Combine(h.FolderPath, Mixed));
        File.Delete(Path.Combine(h.FolderPath, "HL7_DCS0067_20240201_093000.ack.txt"));
        File.Delete(Path.Combine(h.FolderPath, "HL7_DCS0067_20240201_093000.report.txt"));
        Sql.Execute(h.Storage.Database.OwnerConnectionString,
            "UPDATE registry.drop_file SET step = 'downloaded', submission_file_id = NULL, outcome = NULL, moved_to = NULL WHERE name = @Mixed", new { Mixed });

        h.Poll();

        Assert.That(h.Storage.Counts(), Is.EqualTo(clean), "nothing stored twice");
        Assert.That(h.Read("HL7_DCS0067_20240201_093000.ack.txt"), Is.EqualTo(ack), "the ACK first written, not a duplicate's");
        Assert.That(h.Submissions("duplicate"), Is.Zero);
        Assert.That(h.Files("processed"), Is.EquivalentTo(new[] { Valid, Mixed }));
    }

    [Test]
    public void Poll_SameContentUnderANewName_GetsTheOriginalAckAndGoesToProcessed()
    {
        h.DropSample(Valid);
        h.Poll();
        h.Drop("HL7_DCS0067_20240131_120000.txt", File.ReadAllBytes(RepositoryFiles.Path("sample-files", Valid)));

        var result = h.Poll();

        Assert.That((result.Processed, result.Duplicates), Is.EqualTo((1, 1)));
        Assert.That(h.Log.Count(LogLevel.Information, "1 file(s) done (1 processed, 1 of them duplicates of processed files; 0 rejected; 0 withdrawn"), Is.EqualTo(1));
        Assert.That(h.Read("HL7_DCS0067_20240131_120000.ack.txt"), Is.EqualTo(h.Read("HL7_DCS0067_20240131.ack.txt")));
        Assert.That(h.Read("HL7_DCS0067_20240131_120000.report.txt"), Does.Contain(Valid));
        Assert.That(h.Files("processed"), Has.Count.EqualTo(2));
        Assert.That(h.Submissions("duplicate"), Is.EqualTo(1));
    }

    /// <summary>A file the size of a processed one may repeat it, so it is downloaded whole first: one that does not is stored all the same.</summary>
    [Test]
    public void Poll_OtherContentOfTheSameSizeAsAProcessedFile_IsStoredNotTakenForARepeat()
    {
        h.DropSample(Valid);
        h.Poll();
        var bytes = File.ReadAllBytes(RepositoryFiles.Path("sample-files", Valid));
        var text = System.Text.Encoding.Latin1.GetString(bytes);
        int at = text.IndexOf("|P|", StringComparison.Ordinal) - 1; // the last character of the first MSH-10
        bytes[at] = (byte)(bytes[at] == (byte)'9' ? '8' : '9');
        h.Drop("HL7_DCS0067_20240131_120000.txt", bytes);

        var result = h.Poll();

        Assert.That(result.Processed, Is.EqualTo(1));
        Assert.That(h.Submissions("processed"), Is.EqualTo(2));
        Assert.That(h.Submissions("duplicate"), Is.Zero);
        Assert.That(h.Storage.Scalar<long>("SELECT count(DISTINCT size_bytes) FROM registry.submission_file"), Is.EqualTo(1), "the same size");
    }

    [Test]
    public void Poll_DatabaseRefusesThePassword_SaysWhichSettingToCheck()
    {
        h.DropSample(Valid);
        var wrong = new Npgsql.NpgsqlConnectionStringBuilder(h.Storage.Database.AppConnectionString) { Password = "not-the-password" }.ConnectionString;

        var result = h.Poll(connectionString: wrong);

        Assert.That(result.DatabaseUnavailable, Is.True);
        var line = h.Log.Lines.Single(l => l.Level == LogLevel.Error).Text;
        Assert.That(line, Does.StartWith("Database unavailable: 28P01: ").And.Contain("the server refuses this login, which waiting will not mend: check the user and password of ConnectionStrings:Registry"));
        Assert.That(h.Files(), Is.EqualTo(new[] { Valid }), "nothing touched");
    }

    [Test]
    public void Poll_DatabaseDown_LogsOnceLeavesTheFilesAndProcessesThemWhenItIsBack()
    {
        h.DropSample(Valid);
        const string closed = "Host=127.0.0.1;Port=1;Database=registry;Username=registry_app;Password=x;Timeout=2";

        var first = h.Poll(connectionString: closed);
        var second = h.Poll(connectionString: closed);

        Assert.That(first.DatabaseUnavailable && second.DatabaseUnavailable, Is.True);
        Assert.That(h.Log.Count(LogLevel.Error, "Database unavailable"), Is.EqualTo(1), "once per outage, not once per poll");
        Assert.That(h.Files(), Is.EqualTo(new[] { Valid }), "nothing touched");

        var back = h.Poll();

        Assert.That(back.Processed, Is.EqualTo(1));
        Assert.That(h.Log.Count(LogLevel.Information, "Database available again"), Is.EqualTo(1));
        Assert.That(h.Files("processed"), Is.EqualTo(new[] { Valid }));
    }

    /// <summary>The pipeline reads a file while it downloads: a connection lost midway is an outage, and nothing of the file is kept.</summary>
    [Test]
    public void Poll_ConnectionLostMidDownload_StoresNothingAndTheNextPollStoresTheFileOnce()
    {
        h.DropSample(Mixed);
        var before = h.Storage.Counts();
        var size = new FileInfo(Path.Combine(h.FolderPath, Mixed)).Length;
        using (var cut = new FaultyDropFolder(h.Folder()) { WrapRead = s => new FailingAfterStream(s, size / 2, new DropFolderUnavailableException("connection lost", new IOException("reset"))) })
        {
            var result = h.Poll(cut);

            Assert.That(result.DropFolderUnavailable, Is.True);
        }

        Assert.That(h.Storage.Counts(), Is.EqualTo(before), "what was read of it rolled back");
        Assert.That(h.Files(), Is.EqualTo(new[] { Mixed }), "left in the folder, no ACK");

        var again = h.Poll();

        Assert.That(again.Processed, Is.EqualTo(1));
        Assert.That(h.Submissions("processed"), Is.EqualTo(1));
        Assert.That(h.Files("processed"), Is.EqualTo(new[] { Mixed }));
    }

    [Test]
    public void Poll_ClaimConnectionClosedMidPoll_StopsBeforeTheNextFile()
    {
        // The claim is a lock held by an idle connection all poll long; once the server closes
        // that connection, another worker may claim and take the same files.
        h.DropSample(Valid);
        h.DropSample(Mixed);
        var database = new Npgsql.NpgsqlConnectionStringBuilder(h.Storage.Database.OwnerConnectionString).Database;
        var admin = PostgresServer.GetAsync().GetAwaiter().GetResult().AdminConnectionString;
        using var cutting = new FaultyDropFolder(h.Folder())
        {
            OnOpenRead = name =>
            {
                if (name == Valid)
                {
                    Sql.Scalar<bool>(admin, """
                        SELECT pg_terminate_backend(l.pid) FROM pg_locks l JOIN pg_database d ON d.oid = l.database
                        WHERE l.locktype = 'advisory' AND l.classid = 1380533318 AND l.objid = 0 AND l.granted AND d.datname = @database
                        """, new { database });
                }

                return null;
            },
        };

        var result = h.Poll(cutting);

        Assert.That((result.Processed, result.Waiting), Is.EqualTo((1, 1)), "the file being handled is finished, the next is left");
        Assert.That(h.Files("processed"), Is.EqualTo(new[] { Valid }));
        Assert.That(h.Log.Count(LogLevel.Warning, "lost its claim"), Is.EqualTo(1));
        Assert.That(h.Poll().Processed, Is.EqualTo(1), "the next poll claims again and takes it");
        Assert.That(h.Files("processed"), Is.EqualTo(new[] { Valid, Mixed }));
    }

    [Test]
    public void Poll_FileRemovedBeforeItIsRead_IsSkippedAndTheOthersAreProcessed()
    {
        h.DropSample(Mixed);
        h.DropSample(Valid);
        using var vanishing = new FaultyDropFolder(h.Folder())
        {
            OnOpenRead = name =>
            {
                if (name != Valid)
                {
                    return null;
                }

                File.Delete(Path.Combine(h.FolderPath, name));
                return new FileNotFoundException("gone", name);
            },
        };

        var result = h.Poll(vanishing);

        Assert.That(result.Complete, Is.True);
        Assert.That((result.Finished, result.Processed, result.Withdrawn), Is.EqualTo((2, 1, 1)), "counted as withdrawn, not lost from the summary");
        Assert.That(h.Files("processed"), Is.EqualTo(new[] { Mixed }));
        Assert.That(h.Log.Count(LogLevel.Warning, "was removed from the drop folder"), Is.EqualTo(1));
        Assert.That(h.Poll().Finished, Is.Zero);
    }

    [Test]
    public void Poll_FileFailingEveryAttempt_IsRetriedThenRejectedWithAnInternalErrorReport()
    {
        h.Options.MaxAttempts = 2;
        h.DropSample(Valid);
        h.DropSample(Mixed);
        using var broken = new FaultyDropFolder(h.Folder()) { OnOpenRead = name => name == Valid ? new IOException("read error") : null };

        var first = h.Poll(broken);
        var second = h.Poll(broken);

        Assert.That(first.Retrying, Is.EqualTo(1));
        Assert.That(first.Processed, Is.EqualTo(1), "the other file is still processed");
        Assert.That(second.Rejected, Is.EqualTo(1));
        Assert.That(h.Files("rejected"), Is.EqualTo(new[] { Valid }));
        Assert.That(h.Read("HL7_DCS0067_20240131.report.txt"), Does.Contain("internal error"));
        Assert.That(h.Files(), Does.Not.Contain("HL7_DCS0067_20240131.ack.txt"));
        Assert.That(h.Log.Count(LogLevel.Error, Valid), Is.EqualTo(2));
    }

    [Test]
    public void Poll_FileTheWorkerMayNotRead_WaitsUntouchedSayingSoOnceAndIsTakenOnceReadable()
    {
        // A server's umask or an upload's file mode: not the clinic's file's fault. It was counted,
        // rejected with an "internal error" report after MaxAttempts, a stack trace each time.
        h.Options.MaxAttempts = 2;
        h.DropSample(Valid);
        h.DropSample(Mixed);
        bool readable = false;
        using var folder = new FaultyDropFolder(h.Folder())
        {
            OnOpenRead = name => name == Valid && !readable ? new UnauthorizedAccessException($"Access to the path '{name}' is denied.") : null,
        };

        var poller = h.Poller(folder); // the worker's one poller, which remembers what it said

        var polls = Enumerable.Range(0, 4).Select(_ => poller.Poll(CancellationToken.None)).ToList();

        Assert.That(polls.Select(p => p.Retrying), Is.All.EqualTo(1));
        Assert.That(polls.Sum(p => p.Processed), Is.EqualTo(1), "the other file is processed");
        Assert.That(h.Files(), Does.Contain(Valid));
        Assert.That(h.Files("rejected"), Is.Empty);
        Assert.That(h.Files(), Does.Not.Contain("HL7_DCS0067_20240131.report.txt"));
        Assert.That(h.Log.Count(LogLevel.Error, Valid), Is.EqualTo(1));
        Assert.That(h.Log.Count(LogLevel.Error, "permission denied"), Is.EqualTo(1));

        readable = true;
        var after = poller.Poll(CancellationToken.None);

        Assert.That(after.Processed, Is.EqualTo(1));
        Assert.That(h.Files("processed"), Does.Contain(Valid));
    }

    [Test]
    public void Poll_AnswerTheWorkerMayNotWrite_SaysTheFileIsStoredAndOnlyTheWriteBackWaits()
    {
        h.DropSample(Valid);
        bool writable = false;
        using var folder = new FaultyDropFolder(h.Folder())
        {
            OnWrite = name => !writable ? new UnauthorizedAccessException($"Access to the path '{name}.tmp' is denied.") : null,
        };
        var poller = h.Poller(folder);

        poller.Poll(CancellationToken.None);
        poller.Poll(CancellationToken.None);

        Assert.That(h.Log.Count(LogLevel.Error, "is stored, but its ACK and report cannot be written back"), Is.EqualTo(1));
        Assert.That(h.Log.Count(LogLevel.Error, "cannot be read or moved"), Is.Zero);
        Assert.That(h.Submissions("processed"), Is.EqualTo(1));

        writable = true;
        Assert.That(poller.Poll(CancellationToken.None).Processed, Is.EqualTo(1));
        Assert.That(h.Files(), Does.Contain("HL7_DCS0067_20240131.ack.txt"));
        Assert.That(h.Submissions("processed"), Is.EqualTo(1), "stored once");
    }

    [Test]
    public void Poll_OurUploadCutOffBeforeItsRename_IsDeletedOnceUnchangedForRemoveCutUploadsAfter()
    {
        h.Options.RemoveCutUploadsAfter = TimeSpan.FromMinutes(15);
        string ours = DropFolderNames.Temporary("HL7_DCS0067_20240131.ack.txt");
        string growing = DropFolderNames.Temporary("HL7_DCS0067_20240201.report.txt");
        const string clinics = ".HL7_DCS0067_20240202.txt.part.tmp";
        h.Drop(ours, "MSH|partial"u8.ToArray());
        h.Drop(growing, "x"u8.ToArray());
        h.Drop(clinics, "MSH|partial"u8.ToArray());
        using var folder = h.Folder();
        var poller = h.Poller(folder);

        poller.Poll(CancellationToken.None);
        h.Clock.Advance(TimeSpan.FromMinutes(14));
        h.Drop(growing, "xx"u8.ToArray());
        poller.Poll(CancellationToken.None);
        var early = h.Files();
        h.Clock.Advance(TimeSpan.FromMinutes(1));
        poller.Poll(CancellationToken.None);

        Assert.That(early, Is.EquivalentTo(new[] { ours, growing, clinics }), "14 minutes unchanged is not 15");
        Assert.That(h.Files(), Is.EquivalentTo(new[] { growing, clinics }), "ours went; one still being written and the clinic's stay");
        Assert.That(h.Log.Count(LogLevel.Warning, "cut off before its rename"), Is.EqualTo(1));
    }

    [Test]
    public void Poll_FileStored_LogsWhereItsPipelineTimeWent()
    {
        h.DropSample(Valid);

        h.Poll();

        var stored = h.Log.Lines.Single(l => l.Text.StartsWith($"Stored {Valid}", StringComparison.Ordinal)).Text;
        Assert.That(stored, Does.Match(@"; pipeline \d+\.\d{3} s: validation \d+\.\d{3} s, database \d+\.\d{3} s"));
    }

    [Test]
    public void Poll_FileOfTestMessagesOnly_WarnsThatNothingWasStored()
    {
        var sample = File.ReadAllText(RepositoryFiles.Path("sample-files", Valid));
        h.Drop("HL7_TRAINING_20240131.txt", Encoding.UTF8.GetBytes(sample.Replace("|P|2.5.1", "|T|2.5.1", StringComparison.Ordinal)));
        h.DropSample(Valid);

        h.Poll();

        Assert.That(h.Log.Lines.Where(l => l.Text.Contains("test or debug", StringComparison.Ordinal)).Select(l => (l.Level, l.Text)), Is.EqualTo(new[]
        {
            (LogLevel.Warning, "HL7_TRAINING_20240131.txt: 4 accepted message(s) are test or debug (MSH-11 T or D): acknowledged, not stored"),
        }));
    }

    private void AssertFinishedOnce(string name, string baseName, Dictionary<string, long> expectedCounts)
    {
        Assert.That(h.Files(), Is.EqualTo(new[] { baseName + ".ack.txt", baseName + ".report.txt" }), "one ACK, one report, no temporary file");
        Assert.That(h.Files("processed"), Is.EqualTo(new[] { name }), "moved once");
        Assert.That(h.Storage.Counts(), Is.EqualTo(expectedCounts), "nothing stored twice");
        Assert.That(h.Submissions("processed"), Is.EqualTo(1));
        Assert.That(h.Storage.Scalar<string>("SELECT string_agg(step || ' ' || outcome, ', ') FROM registry.drop_file"), Is.EqualTo("done processed"));
    }
}
