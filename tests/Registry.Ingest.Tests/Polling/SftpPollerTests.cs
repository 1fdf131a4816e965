using Microsoft.Extensions.Logging;
using Registry.Ingest.DropFolder.Sftp;
using Registry.Ingest.Polling;
using Registry.Ingest.Tests.Support;

namespace Registry.Ingest.Tests.Polling;

/// <summary>
/// The drop-folder protocol over SFTP: the poller as the worker builds it, a real private sshd and
/// real PostgreSQL, on a clock that moves only when told (so backoff and stability are exact).
/// </summary>
internal sealed class SftpPollerTests
{
    private const string Valid = "HL7_DCS0067_20240131.txt";
    private const string Mixed = "HL7_DCS0067_20240201_093000.txt";
    private const string BadName = "hl7_dcs0067_2024-01-31.txt";

    private PollerHarness h = null!;
    private SftpDropFolder folder = null!;

    [SetUp]
    public async Task Start()
    {
        h = await PollerHarness.StartAsync();
        folder = SftpFolders.Open(h.FolderPath, h.Clock);
    }

    [TearDown]
    public async Task Stop()
    {
        folder.Dispose();
        await h.DisposeAsync();
    }

    [Test]
    public void WriteAndMove_RefusedForWantOfPermission_AreAccessDeniedAsInALocalFolder()
    {
        // So the poller waits for the account's rights, says so once and counts no attempt; an
        // SftpException was logged with a stack trace on every poll and counted against the file.
        var server = SftpFolders.Server;
        if (server.PasswordUser is null)
        {
            Assert.Ignore("A second SFTP account exists only when sshd-private.sh runs as root.");
        }

        h.DropSample(Valid);
        Directory.CreateDirectory(Path.Combine(h.FolderPath, "processed"));
        var options = SftpFolders.Options();
        using var other = SftpFolders.Open(h.FolderPath, h.Clock, new Registry.Ingest.Sftp.SftpConnectionOptions
        {
            Host = options.Host,
            Port = options.Port,
            UserName = server.PasswordUser,
            Password = server.Password,
            KnownHostsPath = options.KnownHostsPath,
            ConnectTimeout = options.ConnectTimeout,
            OperationTimeout = options.OperationTimeout,
        });

        // The folder is the test's (root's, mode 755): the other account may read it, not write to it.
        Assert.That(() => other.WriteAtomically("HL7_DCS0067_20240131.ack.txt", new MemoryStream([1, 2, 3])), Throws.InstanceOf<UnauthorizedAccessException>());
        Assert.That(() => other.Move(Valid, "processed"), Throws.InstanceOf<UnauthorizedAccessException>());
        Assert.That(() => other.Delete(Valid), Throws.InstanceOf<UnauthorizedAccessException>());
        Assert.That(h.Files(), Does.Contain(Valid));
    }

    [Test]
    public void Poll_ValidFiles_WritesAckAndReportBesideThemAndMovesOriginalsToProcessed()
    {
        h.DropSample(Valid);
        h.DropSample(Mixed);

        var result = h.Poll(folder);

        Assert.That(result.Complete, Is.True);
        Assert.That(h.Files(), Is.EqualTo(new[]
        {
            "HL7_DCS0067_20240131.ack.txt", "HL7_DCS0067_20240131.report.txt",
            "HL7_DCS0067_20240201_093000.ack.txt", "HL7_DCS0067_20240201_093000.report.txt",
        }));
        Assert.That(h.Files("processed"), Is.EqualTo(new[] { Valid, Mixed }));
        Assert.That(h.Read("HL7_DCS0067_20240131.ack.txt"), Does.StartWith("FHS|"));
        Assert.That(h.Submissions("processed"), Is.EqualTo(2));
    }

    [Test]
    public void Poll_FileGrowingDuringTheStableWindow_IsTakenOnlyOnceUnchangedForStableFor()
    {
        h.Options.StableFor = TimeSpan.FromSeconds(30);
        var full = File.ReadAllBytes(RepositoryFiles.Path("sample-files", Valid));
        h.Drop(Valid, full[..1000]);

        h.Poll(folder);
        h.Clock.Advance(TimeSpan.FromSeconds(20));
        File.AppendAllBytes(Path.Combine(h.FolderPath, Valid), full[1000..]);
        h.Poll(folder);
        h.Clock.Advance(TimeSpan.FromSeconds(20));
        var early = h.Poll(folder);
        h.Clock.Advance(TimeSpan.FromSeconds(15));
        var late = h.Poll(folder);

        Assert.That(early.Finished, Is.Zero, "20 s unchanged is not 30");
        Assert.That(late.Processed, Is.EqualTo(1));
        Assert.That(h.Files("processed"), Is.EqualTo(new[] { Valid }));
        Assert.That(h.Storage.Scalar<long>("SELECT size_bytes FROM registry.submission_file"), Is.EqualTo(full.Length), "the whole file was read");
    }

    [Test]
    public void Poll_BadName_ReportsAndMovesToRejectedOnce()
    {
        h.DropSample(BadName);

        h.Poll(folder);
        var second = h.Poll(folder);

        Assert.That(h.Files(), Is.EqualTo(new[] { "hl7_dcs0067_2024-01-31.report.txt" }));
        Assert.That(h.Read("hl7_dcs0067_2024-01-31.report.txt"), Does.Contain("NOT PROCESSED"));
        Assert.That(h.Files("rejected"), Is.EqualTo(new[] { BadName }));
        Assert.That(second.Finished, Is.Zero);
        Assert.That(h.Submissions("rejected"), Is.EqualTo(1));
    }

    [Test]
    public void Poll_HostKeyMismatch_TakesNothingAndLogsOnceNamingTheFingerprintSeen()
    {
        h.DropSample(Valid);
        using var impostor = SftpFolders.Open(h.FolderPath, h.Clock, SftpFolders.Options(hostKeySha256: "SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"));

        var results = new List<PollResult>();
        for (int i = 0; i < 4; i++)
        {
            results.Add(h.Poll(impostor));
            h.Clock.Advance(TimeSpan.FromMinutes(2));
        }

        Assert.That(results.All(r => r.DropFolderUnavailable), Is.True);
        Assert.That(h.Files(), Is.EqualTo(new[] { Valid }), "nothing taken or written");
        Assert.That(h.Log.Count(LogLevel.Error, SftpFolders.Server.Fingerprint), Is.EqualTo(1), string.Join('\n', h.Log.Lines));
        Assert.That(h.Log.Lines.Count(l => l.Level >= LogLevel.Warning), Is.EqualTo(1));
    }

    [Test]
    public void Poll_ServerDownThenBack_LogsTheOutageOnceAndItsEndOnceThenProcessesTheFile()
    {
        using var sshd = StoppableSshd.Start();
        using var own = new SftpDropFolder(sshd.Options(), h.FolderPath, h.Clock, TimeSpan.FromSeconds(60));
        h.DropSample(Valid);
        sshd.Stop();

        var down = new List<PollResult>();
        for (int i = 0; i < 5; i++)
        {
            down.Add(h.Poll(own));
            h.Clock.Advance(TimeSpan.FromSeconds(3));
        }

        sshd.Restart();
        h.Clock.Advance(TimeSpan.FromMinutes(2));
        var back = h.Poll(own);

        Assert.That(down.All(r => r.DropFolderUnavailable), Is.True);
        Assert.That(h.Log.Count(LogLevel.Error, "Drop folder unavailable"), Is.EqualTo(1), string.Join('\n', h.Log.Lines));
        Assert.That(h.Log.Count(LogLevel.Information, "Drop folder available again"), Is.EqualTo(1));
        Assert.That(back.Complete, Is.True);
        Assert.That(h.Files("processed"), Is.EqualTo(new[] { Valid }));
    }

    [Test]
    public void Poll_KeptConnectionCut_ReconnectsAtOnceAndProcessesTheFileWithoutAnOutage()
    {
        using var sshd = StoppableSshd.Start();
        using var own = new SftpDropFolder(sshd.Options(), h.FolderPath, h.Clock, TimeSpan.FromSeconds(60));
        var connected = h.Poll(own);
        h.DropSample(Valid);
        sshd.CutSessions();

        var after = h.Poll(own);

        Assert.That(connected.Complete, Is.True);
        Assert.That((after.Complete, after.Processed), Is.EqualTo((true, 1)), "a session ended by the server (an idle timeout) is not an outage");
        Assert.That(h.Files("processed"), Is.EqualTo(new[] { Valid }));
        Assert.That(h.Log.Lines.Where(l => l.Level >= LogLevel.Warning), Is.Empty, string.Join('\n', h.Log.Lines));
    }

    [Test]
    public void Poll_KeptConnectionCutAndServerDown_IsAnOutageThenProcessesOnceBack()
    {
        using var sshd = StoppableSshd.Start();
        using var own = new SftpDropFolder(sshd.Options(), h.FolderPath, h.Clock, TimeSpan.FromSeconds(60));
        h.Poll(own);
        h.DropSample(Valid);
        sshd.CutSessions();
        sshd.Stop();

        var down = h.Poll(own);
        sshd.Restart();
        h.Clock.Advance(TimeSpan.FromMinutes(2));
        var back = h.Poll(own);

        Assert.That(down.DropFolderUnavailable, Is.True);
        Assert.That(back.Processed, Is.EqualTo(1));
        Assert.That(h.Log.Count(LogLevel.Error, "Drop folder unavailable"), Is.EqualTo(1), string.Join('\n', h.Log.Lines));
        Assert.That(h.Log.Count(LogLevel.Information, "Drop folder available again"), Is.EqualTo(1));
    }
}
