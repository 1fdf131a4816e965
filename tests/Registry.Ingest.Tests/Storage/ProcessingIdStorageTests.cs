using Registry.Ingest.Tests.Support;

namespace Registry.Ingest.Tests.Storage;

/// <summary>
/// Only production (MSH-11 P) messages are stored. Training (T) and debug (D) messages are validated
/// and acknowledged exactly as P would be, but leave no message, patient or vaccination; the file is
/// still recorded as received.
/// </summary>
[TestFixture]
internal sealed class ProcessingIdStorageTests
{
    private StorageHarness registry = null!;

    [SetUp]
    public async Task Start() => registry = await StorageHarness.StartAsync();

    [TearDown]
    public async Task Stop() => await registry.DisposeAsync();

    [Test]
    public void Ingest_ProductionMessage_StoresMessagePatientAndVaccination()
    {
        var run = registry.Ingest(BatchFiles.Messages(1));

        Assert.That(run.ParsedAck.Codes, Is.EqualTo(new[] { "AA" }));
        Assert.That(registry.Counts(), Is.EqualTo(new Dictionary<string, long>
        {
            ["submission_file"] = 1, ["message"] = 1, ["message_issue"] = 0, ["patient"] = 1, ["patient_identifier"] = 1,
            ["next_of_kin"] = 1, ["vaccination"] = 1, ["observation"] = 4, ["vaccination_vis"] = 1,
        }));
        Assert.That(registry.Scalar<string>("SELECT status FROM registry.submission_file"), Is.EqualTo("processed"));
    }

    [TestCase("T")]
    [TestCase("D")]
    public void Ingest_TrainingOrDebugMessages_AreAcknowledgedButLeaveNoData(string processingId)
    {
        var text = BatchFiles.Messages(3, (m, i) => m.With("MSH-11", processingId).With("PID-3", $"PAT{i}^^^CLINIC01^MR"));

        var run = registry.Ingest(text);

        Assert.That(run.ParsedAck.Codes, Is.EqualTo(new[] { "AA", "AA", "AA" }));
        Assert.That(registry.Query<string>("SELECT file_name || ' ' || status || ' ' || messages_read FROM registry.submission_file"),
            Is.EqualTo(new[] { $"{run.FileName} processed 3" }));
        Assert.That(registry.Counts().Where(c => c.Key != "submission_file" && c.Value > 0), Is.Empty, "no other table has a row");
        var report = File.ReadAllLines(run.ReportPath);
        int outcome = Array.FindIndex(report, l => l.StartsWith("Outcome:", StringComparison.Ordinal));
        Assert.That(report[outcome..(outcome + 2)], Is.EqualTo(new[]
        {
            "Outcome:  PROCESSED. 3 of 3 messages accepted.",
            "          NOTHING WAS STORED: all 3 accepted messages are test or debug (MSH-11 T or D); set MSH-11 to P to send real data.",
        }));
        Assert.That(report, Does.Contain("    of the accepted: test/debug, not stored    3"));
        Assert.That(report, Does.Contain("    of these, in test or debug messages        3"));
    }

    [Test]
    public void Ingest_MixedFile_StoresOnlyTheProductionMessages()
    {
        string[] ids = ["P", "T", "P", "D"];
        var text = BatchFiles.Messages(4, (m, i) => m.With("MSH-11", ids[i]).With("PID-3", $"PAT{i}^^^CLINIC01^MR").With("ORC-3", $"VAX-{i}^MYEHR"));

        var run = registry.Ingest(text);

        Assert.That(registry.Query<string>("SELECT control_id FROM registry.message ORDER BY seq"), Is.EqualTo(new[] { "MSG1", "MSG3" }));
        var report = File.ReadAllLines(run.ReportPath);
        Assert.That(report, Does.Contain("    of the accepted: test/debug, not stored    2"), "the report says which accepted messages were not stored");
        int outcome = Array.FindIndex(report, l => l.StartsWith("Outcome:", StringComparison.Ordinal));
        Assert.That(report[outcome + 1], Is.EqualTo("          2 of the accepted are test or debug (MSH-11 T or D) and were not stored."));
        Assert.That(registry.Query<string>("SELECT id_value FROM registry.patient ORDER BY id_value"), Is.EqualTo(new[] { "PAT0", "PAT2" }));
        Assert.That(registry.Query<string>("SELECT filler_order_id FROM registry.vaccination ORDER BY 1"), Is.EqualTo(new[] { "VAX-0", "VAX-2" }));
    }
}
