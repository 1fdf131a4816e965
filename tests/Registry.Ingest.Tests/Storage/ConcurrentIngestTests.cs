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
}
