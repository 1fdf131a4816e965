using Registry.Ingest.Tests.Support;

namespace Registry.Ingest.Tests.Storage;

/// <summary>
/// The ACK file and report written for a stored file are those <c>validate</c> writes, plus what
/// only the database can tell; the database keeps them as sent, and its message rows and issues
/// say what the ACK says.
/// </summary>
[TestFixture]
internal sealed class StoredAckAndReportTests
{
    private StorageHarness registry = null!;

    [SetUp]
    public async Task Start() => registry = await StorageHarness.StartAsync();

    [TearDown]
    public async Task Stop() => await registry.DisposeAsync();

    /// <summary>Warnings, an error that drops a vaccination, a rejected message, a 2.3.1 message, a T message.</summary>
    private static string FileWithIssues() => BatchFiles.Messages(6, (m, i) => i switch
    {
        0 => m.Without("OBX[2]"),
        1 => SampleVxu.TwoVaccinations251().With("MSH-10", "MSG2").With("PID-3", "PAT2^^^CLINIC01^MR").With("RXA[2]-5", "XYZ^Unknown^CVX"),
        2 => m.With("PID-7", string.Empty),
        3 => SampleVxu.Valid231().With("MSH-10", "MSG4").With("PID-3", "PAT4^^^CLINIC01^MR").With("PID-8", "Q"),
        4 => m.With("MSH-11", "T").With("RXA-15", string.Empty),
        _ => m.With("PID-3", "PAT6^^^CLINIC01^MR").With("ORC-3", string.Empty),
    });

    [Test]
    public void Ingest_FileWithoutDatabaseFindings_WritesTheAckAndReportValidateWrites()
    {
        var file = BatchFiles.Bytes(FileWithIssues());
        using var validateOutput = TempFolder.ForCaller();
        var validated = IngestRun.Of(PipelineRun.Processor(), "HL7_CLINIC01_20240515.txt", file, validateOutput.Path);

        var ingested = registry.Ingest(file, "HL7_CLINIC01_20240515.txt");

        Assert.That(ingested.AckWithoutControlIds, Is.EqualTo(validated.AckWithoutControlIds), "all but the random ACK control ids");
        Assert.That(ingested.Report, Is.EqualTo(validated.Report));
    }

    [Test]
    public void Ingest_DeleteOfAnUnknownVaccination_DiffersFromValidateOnlyByTheWarning()
    {
        var file = BatchFiles.Bytes(BatchFiles.Messages(2, (m, i) => i == 1 ? m.With("RXA-21", "D").With("ORC-3", "VAX-9999^MYEHR") : m));
        using var validateOutput = TempFolder.ForCaller();
        var validated = IngestRun.Of(PipelineRun.Processor(), "HL7_CLINIC01_20240515.txt", file, validateOutput.Path);

        var ingested = registry.Ingest(file, "HL7_CLINIC01_20240515.txt");

        var ingestedSegments = ingested.AckWithoutControlIds.Split('\r');
        var validatedSegments = validated.AckWithoutControlIds.Split('\r');
        var added = ingestedSegments.Except(validatedSegments).ToList();
        Assert.That(added, Has.Count.EqualTo(1).And.All.StartWith("ERR|").And.All.Contains("|204^"));
        Assert.That(ingestedSegments.Where(s => !added.Contains(s)), Is.EqualTo(validatedSegments));
        Assert.That(validated.Report, Does.Contain("Messages: every message was accepted without any issue."));
        Assert.That(ingested.Report, Does.Contain("2 of 2 messages accepted (1 with warnings, 0 in part)").And.Contain("[rxa-21-delete-unknown]"));
    }

    [Test]
    public void Ingest_StoredFile_KeepsTheAckAndReportAsWritten()
    {
        var run = registry.Ingest(FileWithIssues());

        var (ack, report) = registry.Query<(string Ack, string Report)>("SELECT ack_text, report_text FROM registry.submission_file").Single();

        Assert.That(ack, Is.EqualTo(run.Ack));
        Assert.That(report, Is.EqualTo(run.Report));
    }

    [TestCase(false)]
    [TestCase(true)]
    public void Ingest_AnyFile_StoredMessagesHaveTheAckCodeTheAckSent(bool warningsGiveAe)
    {
        registry.Settings = [("Validation:WarningsGiveAe", warningsGiveAe ? "true" : "false")];
        var text = FileWithIssues() + SampleVxu.Valid251().With("MSH-10", "MSG7").With("ORC-3", "VAX-9999^MYEHR").With("RXA-21", "D").Text;

        var run = registry.Ingest(text);

        var sent = run.ParsedAck.AcknowledgedControlIds.Zip(run.ParsedAck.Codes, (id, code) => $"{id} {code}").ToList();
        var stored = registry.Query<string>("SELECT control_id || ' ' || ack_code FROM registry.message ORDER BY seq");
        Assert.That(stored, Is.EqualTo(sent.Where(s => !s.StartsWith("MSG5 ", StringComparison.Ordinal))), "all but the T message");
    }

    [Test]
    public void Ingest_AnyFile_MessageIssuesAreTheErrSegmentsOfTheAck()
    {
        var text = FileWithIssues() + SampleVxu.Valid251().With("MSH-10", "MSG7").With("ORC-3", "VAX-9999^MYEHR").With("RXA-21", "D").Text;

        var run = registry.Ingest(text);

        var stored = registry.Query<string>(
            """
            SELECT m.control_id || ' ' || coalesce(i.location, '') || ' ' || i.hl7_code || ' ' || i.severity
            FROM registry.message_issue i JOIN registry.message m ON m.id = i.message_id
            WHERE m.version = '2.5.1'
            """);
        var sent = Errs(run).Where(e => !e.StartsWith("MSG5 ", StringComparison.Ordinal) && !e.StartsWith("MSG4 ", StringComparison.Ordinal)).ToList();
        Assert.That(stored, Is.EquivalentTo(sent), "ERR segments of the 2.5.1 messages (2.3.1 has no ERR-2), but for the T message (not stored)");
        Assert.That(sent, Has.Count.EqualTo(5), "one ERR per issue the file was built with");
    }

    /// <summary>"control-id ERR-2 ERR-3.1 ERR-4" of every 2.5.1 ERR segment.</summary>
    private static List<string> Errs(IngestRun run)
    {
        var list = new List<string>();
        string? controlId = null;
        foreach (var segment in run.ParsedAck.Segments)
        {
            var f = segment.Split('|');
            if (f[0] == "MSA")
            {
                controlId = f[2];
            }
            else if (f[0] == "ERR" && f.Length > 4)
            {
                list.Add($"{controlId} {f[2]} {f[3].Split('^')[0]} {f[4]}");
            }
        }

        return list;
    }
}
