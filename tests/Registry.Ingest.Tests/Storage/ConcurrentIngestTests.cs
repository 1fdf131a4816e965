using Registry.Ingest.Storage;
using Registry.Ingest.Tests.Support;

namespace Registry.Ingest.Tests.Storage;

/// <summary>
/// Two workers given the same file at the same moment: one stores it, the other waits for it and
/// then treats its copy as the duplicate it is, repeating the first one's ACK.
/// </summary>
[TestFixture]
internal sealed class ConcurrentIngestTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(1);

    [Test]
    public async Task Ingest_SameFileByTwoWorkersAtOnce_StoresItOnceAndTheOtherIsItsDuplicate()
    {
        await using var registry = await StorageHarness.StartAsync();
        registry.Ingest(VariedBatch.GateSeed(), "HL7_CLINIC01_20240514.txt");
        var input = registry.Work.Combine("HL7_CLINIC01_20240515.txt");
        File.WriteAllText(input, VariedBatch.Messages(40, gateAt: 20));
        var environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__Registry"] = IngestBackend.ConnectionString(registry.Database),
            ["Database__ChunkSize"] = "10",
        };

        // The first worker stops at the gate patient, mid-file; the second then waits for it, on
        // whatever lock keeps two workers from storing the same file.
        using var gate = RowLock.Take(registry.Database.OwnerConnectionString, "SELECT 1 FROM registry.patient WHERE id_value = @id FOR UPDATE", new { id = VariedBatch.GatePatient });
        using var one = RegistryIngestCli.Start(registry.Work.Path, ["ingest", input, "--out", registry.Work.Combine("one")], environment);
        await IngestBackend.WaitUntilBlockedAsync(registry.Database, one, Patience);
        using var two = RegistryIngestCli.Start(registry.Work.Path, ["ingest", input, "--out", registry.Work.Combine("two")], environment);
        await IngestBackend.WaitUntilWaitingAsync(registry.Database, two, 2, Patience);
        gate.Dispose();
        var first = one.WaitForResult(Patience);
        var second = two.WaitForResult(Patience);

        Assert.That(first.OutputLines, Has.Length.EqualTo(1).And.None.Contains("DUPLICATE"), first.ToString());
        Assert.That(second.OutputLines, Has.Length.EqualTo(1).And.Some.Contains("DUPLICATE of 'HL7_CLINIC01_20240515.txt'"), second.ToString());
        Assert.That(second.ExitCode, Is.EqualTo(first.ExitCode));
        Assert.That(registry.Query<string>("SELECT status FROM registry.submission_file WHERE file_name = 'HL7_CLINIC01_20240515.txt' ORDER BY id"),
            Is.EqualTo(new[] { "processed", "duplicate" }));
        Assert.That(File.ReadAllBytes(registry.Work.Combine("two/HL7_CLINIC01_20240515.ack.txt")), Is.EqualTo(File.ReadAllBytes(registry.Work.Combine("one/HL7_CLINIC01_20240515.ack.txt"))));
    }

    /// <summary>A worker waiting for another's file waits as long as that takes, past its command timeout, and is not failed as a database outage.</summary>
    [Test]
    public async Task Ingest_WaitingForAnotherFileLongerThanTheCommandTimeout_StoresItsFileOnceTheOtherIsDone()
    {
        await using var registry = await StorageHarness.StartAsync();
        var input = registry.Work.Combine("HL7_CLINIC01_20240515.txt");
        File.WriteAllText(input, VariedBatch.Messages(5));
        var environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__Registry"] = IngestBackend.ConnectionString(registry.Database),
            ["Database__CommandTimeoutSeconds"] = "1",
        };

        // Another worker's file, as far as the lock is concerned.
        var other = RowLock.Take(registry.Database.OwnerConnectionString, "SELECT pg_advisory_xact_lock(@key)", new { key = IngestSession.IngestLockKey });
        using var waiting = RegistryIngestCli.Start(registry.Work.Path, ["ingest", input, "--out", registry.Work.Combine("out")], environment);
        await IngestBackend.WaitUntilWaitingAsync(registry.Database, waiting, 1, Patience);
        await Task.Delay(TimeSpan.FromSeconds(2.5));
        Assert.That(waiting.HasExited, Is.False, "still waiting, past its 1 s command timeout");
        other.Dispose();

        var result = waiting.WaitForResult(Patience);

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(registry.Query<string>("SELECT status FROM registry.submission_file"), Is.EqualTo(new[] { "processed" }));
        Assert.That(registry.Count("message"), Is.EqualTo(5));
    }
}
