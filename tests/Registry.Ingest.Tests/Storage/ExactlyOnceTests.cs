using Registry.Ingest.Tests.Support;

namespace Registry.Ingest.Tests.Storage;

/// <summary>
/// Exactly once under failure: when <c>registry-ingest ingest</c> is killed, or loses its database
/// connection, in the middle of a file whose earlier chunks already went to the server, nothing of
/// the file is left (no rows, no final ACK or report), and running the file again ends with exactly
/// the database one clean run gives.
/// <para>
/// To stop the program mid-file without guessing at timing, the test holds a row lock on a patient
/// stored beforehand, whom message <c>gateAt</c> updates: the program blocks there, and the test
/// acts once pg_stat_activity shows it waiting. At 3600 that is chunk 8 of 12, sent while chunk 9 is
/// planned; at 5800 it is the last chunk, sent once the whole file is read, as the file completes.
/// </para>
/// </summary>
[TestFixture(3600)]
[TestFixture(5800)]
internal sealed class ExactlyOnceTests(int gateAt)
{
    private const int MessageCount = 6000;
    private const int ChunkSize = 500;
    private const string SeedFileName = "HL7_CLINIC01_20240514.txt";
    private const string FileName = "HL7_CLINIC01_20240515.txt";
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);

    private byte[] file = null!;
    private StorageHarness reference = null!;
    private CliResult referenceRun = null!;
    private Dictionary<string, List<string>> referenceSnapshot = null!;

    private StorageHarness registry = null!;

    /// <summary>One clean run of the same files into a database of its own: what every recovery must equal.</summary>
    [OneTimeSetUp]
    public async Task RunCleanlyOnce()
    {
        file = BatchFiles.Bytes(VariedBatch.Messages(MessageCount, gateAt));
        reference = await StorageHarness.StartAsync();
        Seed(reference);
        referenceRun = RegistryIngestCli.Run(reference.Work.Path, Arguments(reference, "out"), Environment(reference));
        Assert.That(referenceRun.ExitCode, Is.EqualTo(1), $"some messages are rejected by design\n{referenceRun}");
        referenceSnapshot = RegistrySnapshot.Read(reference.Database);
    }

    [OneTimeTearDown]
    public async Task DropReference() => await reference.DisposeAsync();

    [SetUp]
    public async Task Start()
    {
        registry = await StorageHarness.StartAsync();
        Seed(registry);
    }

    [TearDown]
    public async Task Stop() => await registry.DisposeAsync();

    [Test]
    public async Task Ingest_KilledMidFile_LeavesNothingAndARerunEndsAsOneCleanRun()
    {
        var before = RegistrySnapshot.Read(registry.Database);
        int messagesSent;
        using (HoldGate())
        {
            using var process = RegistryIngestCli.Start(registry.Work.Path, Arguments(registry, "out"), Environment(registry));
            await IngestBackend.WaitUntilBlockedAsync(registry.Database, process, Patience);
            messagesSent = MessageIdsTaken();

            process.Kill();
        }

        await IngestBackend.WaitUntilGoneAsync(registry.Database, Patience);
        Assert.That(messagesSent, Is.GreaterThan(3 * ChunkSize), "several chunks had gone to the server");
        AssertNothingLeftOf(before, registry.Work.Combine("out"));

        AssertRerunEndsAsOneCleanRun();
    }

    [Test]
    public async Task Ingest_ConnectionDroppedMidFile_Exits69WithAClearMessageLeavesNothingAndARerunEndsAsOneCleanRun()
    {
        var before = RegistrySnapshot.Read(registry.Database);
        CliResult dropped;
        using (HoldGate())
        {
            using var process = RegistryIngestCli.Start(registry.Work.Path, Arguments(registry, "out"), Environment(registry));
            int backend = await IngestBackend.WaitUntilBlockedAsync(registry.Database, process, Patience);

            await IngestBackend.TerminateAsync(backend);
            dropped = process.WaitForResult(Patience);
        }

        Assert.That(dropped.ExitCode, Is.EqualTo(69), dropped.ToString());
        Assert.That(dropped.ErrorLines, Has.Length.EqualTo(1).And.Some.StartsWith("Database error").And.Some.Contains(FileName), dropped.ToString());
        Assert.That(dropped.StandardOutput, Is.Empty, "no line claims the file was processed");
        await IngestBackend.WaitUntilGoneAsync(registry.Database, Patience);
        AssertNothingLeftOf(before, registry.Work.Combine("out"));
        Assert.That(Directory.EnumerateFileSystemEntries(registry.Work.Combine("out")), Is.Empty, "a program that failed cleanly leaves no temporary file");

        AssertRerunEndsAsOneCleanRun();
    }

    private void AssertNothingLeftOf(Dictionary<string, List<string>> before, string output)
    {
        var after = RegistrySnapshot.Read(registry.Database);
        Assert.That(RegistrySnapshot.Counts(after), Is.EqualTo(RegistrySnapshot.Counts(before)), "rows per table");
        Assert.That(after, Is.EqualTo(before));
        Assert.That(registry.Scalar<long>("SELECT count(*) FROM registry.submission_file WHERE file_name = @FileName", new { FileName }), Is.Zero);
        Assert.That(Directory.EnumerateFiles(output).Select(Path.GetFileName).Where(n => !n!.StartsWith('.')), Is.Empty, "no final ACK file or report");
    }

    private void AssertRerunEndsAsOneCleanRun()
    {
        var rerun = RegistryIngestCli.Run(registry.Work.Path, Arguments(registry, "out"), Environment(registry));

        Assert.That(rerun.ExitCode, Is.EqualTo(referenceRun.ExitCode), rerun.ToString());
        var snapshot = RegistrySnapshot.Read(registry.Database);
        Assert.That(RegistrySnapshot.Counts(snapshot), Is.EqualTo(RegistrySnapshot.Counts(referenceSnapshot)), "rows per table");
        foreach (var (table, rows) in referenceSnapshot)
        {
            Assert.That(snapshot[table], Is.EqualTo(rows), $"registry.{table}");
        }

        Assert.That(AckOutcome(registry), Is.EqualTo(AckOutcome(reference)), "MSA and ERR segments of the ACK file");
    }

    /// <summary>The seed file, stored the same way in both databases: it holds the gate patient.</summary>
    private static void Seed(StorageHarness harness) => harness.Ingest(VariedBatch.GateSeed(), SeedFileName);

    /// <summary>The gate patient's row lock, held until disposed.</summary>
    private RowLock HoldGate() => RowLock.Take(
        registry.Database.OwnerConnectionString, "SELECT id FROM registry.patient WHERE id_value = @id FOR UPDATE", new { id = VariedBatch.GatePatient });

    /// <summary>Message ids the sequence has handed out: a sequence is not rolled back, so this counts what reached the server.</summary>
    private int MessageIdsTaken() =>
        (int)registry.Scalar<long>("SELECT pg_sequence_last_value(pg_get_serial_sequence('registry.message', 'id'))");

    private string[] Arguments(StorageHarness harness, string output)
    {
        var input = harness.Work.Combine(FileName);
        if (!File.Exists(input))
        {
            File.WriteAllBytes(input, file);
        }

        return ["ingest", input, "--out", harness.Work.Combine(output)];
    }

    private static Dictionary<string, string> Environment(StorageHarness harness) => new()
    {
        ["ConnectionStrings__Registry"] = IngestBackend.ConnectionString(harness.Database),
        ["Database__ChunkSize"] = ChunkSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    private static List<string> AckOutcome(StorageHarness harness) =>
        AckFileText.Parse(File.ReadAllText(harness.Work.Combine(Path.Combine("out", "HL7_CLINIC01_20240515.ack.txt"))))
            .Segments.Where(s => s.StartsWith("MSA|", StringComparison.Ordinal) || s.StartsWith("ERR|", StringComparison.Ordinal)).ToList();
}
