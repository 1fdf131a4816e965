using Registry.Ingest.Tests.Support;

namespace Registry.Ingest.Tests.Storage;

/// <summary>
/// RXA-21 D marks the stored vaccination deleted and keeps the row; a D that matches nothing is a
/// warning 204 in the ACK, the report and registry.message_issue; an add after a delete undeletes.
/// </summary>
[TestFixture]
internal sealed class VaccinationDeleteTests
{
    private static readonly VxuBuilder Add = SampleVxu.Valid251().With("MSH-10", "MSG1");
    private static readonly VxuBuilder Delete = Add.With("MSH-10", "MSG2").With("RXA-21", "D");
    private static readonly FixedTimeProvider NextDay = new(FixedTimeProvider.Default.GetUtcNow().AddDays(1));

    private StorageHarness registry = null!;

    [SetUp]
    public async Task Start() => registry = await StorageHarness.StartAsync();

    [TearDown]
    public async Task Stop() => await registry.DisposeAsync();

    [TestCase(Delivery.SeparateFiles)]
    [TestCase(Delivery.OneChunk)]
    [TestCase(Delivery.ChunkPerMessage)]
    public void Ingest_DeleteWithTheSameOrderNumber_MarksTheRowDeletedAndKeepsIt(Delivery delivery)
    {
        var runs = registry.Send(delivery, Add, Delete);

        Assert.That(registry.Query<string>("SELECT filler_order_id || ' ' || lot_number || ' ' || (deleted_at IS NOT NULL) FROM registry.vaccination"),
            Is.EqualTo(new[] { "VAX-0001 LOT123 true" }));
        Assert.That(registry.Count("observation"), Is.EqualTo(4), "kept for audit");
        Assert.That(runs[^1].AckFor("MSG2"), Has.None.StartsWith("ERR|"));
    }

    [Test]
    public void Ingest_Delete_RecordsWhenTheDeletionWasReceived()
    {
        registry.Ingest(Add.Text);

        registry.Ingest(Delete.Text, time: NextDay);

        Assert.That(registry.Scalar<DateTime>("SELECT deleted_at FROM registry.vaccination"), Is.EqualTo(NextDay.GetUtcNow().UtcDateTime));
    }

    [Test]
    public void Ingest_DeleteOfADeletedVaccination_KeepsTheFirstDeletionTime()
    {
        registry.Ingest(Add.Text);
        registry.Ingest(Delete.Text);

        var again = registry.Ingest(Delete.With("MSH-10", "MSG3").Text, time: NextDay);

        Assert.That(registry.Scalar<DateTime>("SELECT deleted_at FROM registry.vaccination"), Is.EqualTo(FixedTimeProvider.Default.GetUtcNow().UtcDateTime));
        Assert.That(again.AckFor("MSG3"), Has.None.StartsWith("ERR|"), "the vaccination is known");
    }

    [Test]
    public void Ingest_DeleteOfAnUnknownVaccination_StoresNothingAndWarns204InAckReportAndDatabase()
    {
        registry.Ingest(Add.Text);

        var run = registry.Ingest(Delete.With("ORC-3", "VAX-9999^MYEHR").Text);

        Assert.That(registry.Query<string>("SELECT filler_order_id || ' ' || (deleted_at IS NOT NULL) FROM registry.vaccination"), Is.EqualTo(new[] { "VAX-0001 false" }));
        var ack = run.AckFor("MSG2");
        Assert.That(ack[1], Does.StartWith("MSA|AA|MSG2"));
        Assert.That(ack.Where(s => s.StartsWith("ERR|", StringComparison.Ordinal)).Select(s => s.Split('|')).Select(f => $"{f[2]} {f[3]} {f[4]}"),
            Is.EqualTo(new[] { "RXA^1^21^1 204^Unknown key identifier^HL70357 W" }));
        Assert.That(run.Report, Does.Contain("Message 1, control id \"MSG2\"").And.Contain("[rxa-21-delete-unknown]"));
        Assert.That(registry.Query<string>(
            """
            SELECT m.control_id || ' ' || i.rule_id || ' ' || i.severity || ' ' || i.hl7_code || ' ' || i.location
            FROM registry.message_issue i JOIN registry.message m ON m.id = i.message_id
            """),
            Is.EqualTo(new[] { "MSG2 rxa-21-delete-unknown W 204 RXA^1^21^1" }), "as ERR-2 says");
    }

    [TestCase("T")]
    [TestCase("D")]
    public void Ingest_TestMessageDeletes_AreWarned204AsProductionWouldBeAndChangeNothing(string processingId)
    {
        registry.Ingest(Add.Text);
        var unknownThenKnown = Delete.With("MSH-11", processingId).With("ORC-3", "VAX-9999^MYEHR").Text
            + Delete.With("MSH-11", processingId).With("MSH-10", "MSG3").Text
            + Delete.With("MSH-11", processingId).With("MSH-10", "MSG4").With("PID-3", "NOBODY^^^CLINIC01^MR").Text
            + Delete.With("MSH-11", processingId).With("MSH-10", "MSG5").With("ORC-3", "").Text
            + Delete.With("MSH-11", processingId).With("MSH-10", "MSG6").With("ORC-3", "").With("RXA-3", "20240514").Text
            + Delete.With("MSH-11", processingId).With("MSH-10", "MSG7").With("ORC-3", "VAX-0001").Text
            + Delete.With("MSH-11", processingId).With("MSH-10", "MSG8").With("ORC-3", "VAX-0001^OTHEREHR").Text;

        var run = registry.Ingest(unknownThenKnown);

        string Errors(string controlId) => string.Join(", ", run.AckFor(controlId).Where(s => s.StartsWith("ERR|", StringComparison.Ordinal)).Select(s => s.Split('|')).Select(f => $"{f[2]} {f[3]} {f[4]}"));
        Assert.That(Errors("MSG2"), Is.EqualTo("RXA^1^21^1 204^Unknown key identifier^HL70357 W"), "an ORC-3 the registry does not have");
        Assert.That(Errors("MSG3"), Is.Empty, "the stored vaccination");
        Assert.That(Errors("MSG4"), Is.EqualTo("RXA^1^21^1 204^Unknown key identifier^HL70357 W"), "a patient the registry does not have");
        Assert.That(Errors("MSG5"), Is.Empty, "no ORC-3: the patient's vaccination of that vaccine and date");
        Assert.That(Errors("MSG6"), Is.EqualTo("RXA^1^21^1 204^Unknown key identifier^HL70357 W"), "no ORC-3, and no vaccination of that date");
        Assert.That(Errors("MSG7"), Is.Empty, "the stored ORC-3, its authority not sent");
        Assert.That(Errors("MSG8"), Is.EqualTo("RXA^1^21^1 204^Unknown key identifier^HL70357 W"), "the stored number under another authority");
        Assert.That(registry.Query<string>("SELECT filler_order_id || ' ' || (deleted_at IS NOT NULL) FROM registry.vaccination"), Is.EqualTo(new[] { "VAX-0001 false" }), "nothing deleted");
        Assert.That(registry.Scalar<long>("SELECT count(*) FROM registry.message"), Is.EqualTo(1), "no message of this file stored");
    }

    /// <summary>
    /// A message that only deletes, about a patient the registry does not have, records nothing:
    /// no patient, identifier or next of kin from it, in one chunk, in two or in two files; the
    /// patient a later add creates holds that add's content alone.
    /// </summary>
    [TestCase(Delivery.SeparateFiles)]
    [TestCase(Delivery.OneChunk)]
    [TestCase(Delivery.ChunkPerMessage)]
    public void Ingest_OnlyDeletesForAnUnknownPatient_CreatesNoPatient(Delivery delivery)
    {
        var deleteOnly = Delete.With("MSH-10", "MSG1").With("PID-6", "DELETER^MAIDEN");
        var add = Add.With("MSH-10", "MSG2").With("PID-6", string.Empty);

        var runs = registry.Send(delivery, deleteOnly);
        Assert.That((registry.Count("patient"), registry.Count("patient_identifier"), registry.Count("next_of_kin"), registry.Count("message")), Is.EqualTo((0, 0, 0, 1)));
        Assert.That(runs[^1].AckFor("MSG1"), Has.Some.Contains("|204^"));

        registry.Send(delivery, deleteOnly.With("MSH-10", "MSG3"), add);

        Assert.That(registry.Query<string>("SELECT coalesce(mother_maiden_name, 'null') FROM registry.patient"), Is.EqualTo(new[] { "null" }), "the add's content alone");
        Assert.That(registry.Count("vaccination"), Is.EqualTo(1));
    }

    [Test]
    public void Ingest_DeleteOfAnUnknownVaccinationWhenWarningsGiveAe_IsAeInTheAckAndTheDatabase()
    {
        registry.Settings = [("Validation:WarningsGiveAe", "true")];

        var run = registry.Ingest(Delete.Text);

        Assert.That(run.ParsedAck.Codes, Is.EqualTo(new[] { "AE" }));
        Assert.That(registry.Query<string>("SELECT control_id || ' ' || ack_code FROM registry.message"), Is.EqualTo(new[] { "MSG2 AE" }));
        Assert.That(registry.Query<string>("SELECT ack_aa || ' ' || ack_ae FROM registry.submission_file"), Is.EqualTo(new[] { "0 1" }));
    }

    [TestCase(Delivery.SeparateFiles)]
    [TestCase(Delivery.OneChunk)]
    [TestCase(Delivery.ChunkPerMessage)]
    public void Ingest_AddAfterDelete_Undeletes(Delivery delivery)
    {
        registry.Send(delivery, Add, Delete, Add.With("MSH-10", "MSG3").With("RXA-15", "LOT999"));

        Assert.That(registry.Query<string>("SELECT filler_order_id || ' ' || lot_number || ' ' || (deleted_at IS NOT NULL) FROM registry.vaccination"),
            Is.EqualTo(new[] { "VAX-0001 LOT999 false" }));
        Assert.That(registry.Count("observation"), Is.EqualTo(4));
    }

    [Test]
    public void Ingest_DeleteBeforeTheAddInOneFile_WarnsForTheDeleteAndStoresTheAdd()
    {
        var run = registry.Ingest(Delete.With("MSH-10", "MSG1").Text + Add.With("MSH-10", "MSG2").Text);

        Assert.That(run.AckFor("MSG1"), Has.Some.Contains("|204^"));
        Assert.That(registry.Query<string>("SELECT filler_order_id || ' ' || (deleted_at IS NOT NULL) FROM registry.vaccination"), Is.EqualTo(new[] { "VAX-0001 false" }));
    }
}
