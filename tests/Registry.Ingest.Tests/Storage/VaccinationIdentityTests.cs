using Registry.Ingest.Tests.Support;

namespace Registry.Ingest.Tests.Storage;

/// <summary>
/// A vaccination is named by ORC-3 or by patient, vaccine and date, and the two meet: an ORC-3 not
/// stored yet takes the vaccination of the same patient, vaccine and date stored without one; a
/// message without ORC-3 names the vaccination of its patient, vaccine and date whether or not it
/// has one, and leaves its ORC-3. A dose is never stored twice because its order number came once
/// and not the other time; the same rows whether the messages come in one chunk, in chunks of one
/// or in separate files.
/// </summary>
[TestFixture]
internal sealed class VaccinationIdentityTests
{
    private static readonly VxuBuilder WithOrder = SampleVxu.Valid251().With("MSH-10", "MSG1");
    private static readonly VxuBuilder WithoutOrder = WithOrder.With("ORC-3", string.Empty);

    private StorageHarness registry = null!;

    [SetUp]
    public async Task Start() => registry = await StorageHarness.StartAsync();

    [TearDown]
    public async Task Stop() => await registry.DisposeAsync();

    private List<string> Rows() => registry.Query<string>(
        "SELECT concat_ws(' ', coalesce(filler_order_id, '-'), cvx_code, lot_number, deleted_at IS NOT NULL) FROM registry.vaccination ORDER BY id");

    [TestCase(Delivery.SeparateFiles)]
    [TestCase(Delivery.OneChunk)]
    [TestCase(Delivery.ChunkPerMessage)]
    public void Ingest_DoseSentWithoutThenWithOrc3_IsOneVaccinationThatTakesTheOrc3(Delivery delivery)
    {
        registry.Send(delivery, WithoutOrder, WithOrder.With("MSH-10", "MSG2").With("RXA-15", "LOT2"));

        Assert.That(Rows(), Is.EqualTo(new[] { "VAX-0001 141 LOT2 f" }));
    }

    [TestCase(Delivery.SeparateFiles)]
    [TestCase(Delivery.OneChunk)]
    [TestCase(Delivery.ChunkPerMessage)]
    public void Ingest_DoseSentWithThenWithoutOrc3_IsOneVaccinationThatKeepsItsOrc3(Delivery delivery)
    {
        registry.Send(delivery, WithOrder, WithoutOrder.With("MSH-10", "MSG2").With("RXA-15", "LOT2"), WithOrder.With("MSH-10", "MSG3").With("RXA-15", "LOT3"));

        Assert.That(Rows(), Is.EqualTo(new[] { "VAX-0001 141 LOT3 f" }));
    }

    [TestCase(Delivery.SeparateFiles)]
    [TestCase(Delivery.OneChunk)]
    [TestCase(Delivery.ChunkPerMessage)]
    public void Ingest_DeleteWithAnOrc3NeverStored_DeletesTheDoseStoredWithoutOne(Delivery delivery)
    {
        var runs = registry.Send(delivery, WithoutOrder, WithOrder.With("MSH-10", "MSG2").With("RXA-21", "D"));

        Assert.That(Rows(), Is.EqualTo(new[] { "- 141 LOT123 t" }), "deleted, and a delete gives no ORC-3");
        Assert.That(runs[^1].AckFor("MSG2"), Has.None.Contains("|204^"));
    }

    /// <summary>Two ORC-3s for one patient, vaccine and date are the sender's two orders: kept apart; a message without ORC-3 then names the first.</summary>
    [TestCase(Delivery.SeparateFiles)]
    [TestCase(Delivery.OneChunk)]
    [TestCase(Delivery.ChunkPerMessage)]
    public void Ingest_TwoOrc3sForOneDay_AreTwoVaccinationsAndWithoutOrc3NamesTheFirst(Delivery delivery)
    {
        registry.Send(delivery, WithOrder, WithOrder.With("MSH-10", "MSG2").With("ORC-3", "VAX-0002^MYEHR"), WithoutOrder.With("MSH-10", "MSG3").With("RXA-15", "LOT3"));

        Assert.That(Rows(), Is.EqualTo(new[] { "VAX-0001 141 LOT3 f", "VAX-0002 141 LOT123 f" }));
    }

    /// <summary>
    /// The NDIIS examples' shape: a dose stored with its ORC-3, then a message that sends that ORC-3
    /// for it and for another vaccine (orc-3-reused: both named by patient, vaccine and date). The
    /// stored dose is the one updated, not stored a second time; deleting both the same way deletes it.
    /// </summary>
    [TestCase(Delivery.SeparateFiles)]
    [TestCase(Delivery.OneChunk)]
    [TestCase(Delivery.ChunkPerMessage)]
    public void Ingest_Orc3ReusedForTheStoredDoseAndAnother_UpdatesAndDeletesTheStoredDose(Delivery delivery)
    {
        var fluFirst = SampleVxu.TwoVaccinations251().With("MSH-10", "MSG1").Without("OBX[8]").Without("OBX[7]").Without("OBX[6]").Without("OBX[5]").Without("RXR[2]").Without("RXA[2]").Without("ORC[2]");
        var reused = SampleVxu.TwoVaccinations251().With("MSH-10", "MSG2").With("ORC[2]-3", "VAX-0001^MYEHR").With("RXA[1]-15", "LOT2");
        var deleteBoth = reused.With("MSH-10", "MSG3").With("RXA[1]-21", "D").With("RXA[2]-21", "D");

        registry.Send(delivery, fluFirst, reused);
        var updated = Rows();
        registry.Send(delivery, deleteBoth);

        Assert.That(updated, Is.EqualTo(new[] { "VAX-0001 141 LOT2 f", "- 08 HB2024A f" }));
        Assert.That(Rows(), Is.EqualTo(new[] { "VAX-0001 141 LOT2 t", "- 08 HB2024A t" }));
    }

    /// <summary>A delete gives no ORC-3: the ORC-3 sent with it then names a new dose, not the one deleted.</summary>
    [TestCase(Delivery.SeparateFiles)]
    [TestCase(Delivery.OneChunk)]
    [TestCase(Delivery.ChunkPerMessage)]
    public void Ingest_DeleteByAnUnstoredOrc3ThenThatOrc3ForAnotherVaccine_KeepsTheDeleteAndAddsTheOther(Delivery delivery)
    {
        var hepB = WithoutOrder.With("RXA-5", "08^HepB^CVX").With("RXA-15", "L1");
        registry.Send(delivery, hepB, hepB.With("MSH-10", "MSG2").With("ORC-3", "VAX-0001^MYEHR").With("RXA-21", "D"), WithOrder.With("MSH-10", "MSG3").With("RXA-15", "L3"));

        Assert.That(Rows(), Is.EqualTo(new[] { "- 08 L1 t", "VAX-0001 141 L3 f" }));
    }

    /// <summary>A delete that names nothing names nothing for the messages after it: a later delete finds the dose added in between.</summary>
    [TestCase(Delivery.SeparateFiles)]
    [TestCase(Delivery.OneChunk)]
    [TestCase(Delivery.ChunkPerMessage)]
    public void Ingest_DeleteOfNothingThenAddThenDelete_DeletesTheAddedDose(Delivery delivery)
    {
        registry.Send(delivery, WithoutOrder.With("RXA-21", "D"), WithOrder.With("MSH-10", "MSG2").With("RXA-21", "U"), WithoutOrder.With("MSH-10", "MSG3").With("RXA-21", "D"));

        Assert.That(Rows(), Is.EqualTo(new[] { "VAX-0001 141 LOT123 t" }));
    }

    /// <summary>An update by ORC-3 that corrects the date moves the dose: it is found at the new date and not at the old one.</summary>
    [TestCase(Delivery.SeparateFiles, "20240511", "VAX-0001 141 L3 f")]
    [TestCase(Delivery.OneChunk, "20240511", "VAX-0001 141 L3 f")]
    [TestCase(Delivery.ChunkPerMessage, "20240511", "VAX-0001 141 L3 f")]
    [TestCase(Delivery.SeparateFiles, "20240510", "VAX-0001 141 L2 f", "- 141 L3 f")]
    [TestCase(Delivery.OneChunk, "20240510", "VAX-0001 141 L2 f", "- 141 L3 f")]
    [TestCase(Delivery.ChunkPerMessage, "20240510", "VAX-0001 141 L2 f", "- 141 L3 f")]
    public void Ingest_DateCorrectedByOrc3ThenSentWithoutOne_IsFoundAtTheCorrectedDate(Delivery delivery, string thirdDate, params string[] rows)
    {
        registry.Send(
            delivery,
            WithOrder.With("RXA-3", "20240510"),
            WithOrder.With("MSH-10", "MSG2").With("RXA-3", "20240511").With("RXA-15", "L2"),
            WithoutOrder.With("MSH-10", "MSG3").With("RXA-3", thirdDate).With("RXA-15", "L3"));

        Assert.That(Rows(), Is.EqualTo(rows));
    }

    [TestCase(Delivery.SeparateFiles)]
    [TestCase(Delivery.OneChunk)]
    [TestCase(Delivery.ChunkPerMessage)]
    public void Ingest_DateCorrectedByOrc3ThenDeletedWithoutOne_IsDeleted(Delivery delivery)
    {
        registry.Send(delivery, WithOrder, WithOrder.With("MSH-10", "MSG2").With("RXA-3", "20240514"), WithoutOrder.With("MSH-10", "MSG3").With("RXA-3", "20240514").With("RXA-21", "D"));

        Assert.That(Rows(), Is.EqualTo(new[] { "VAX-0001 141 LOT123 t" }));
    }

    /// <summary>One dose sent twice in a message, with its ORC-3 and without: one vaccination, and the message sent again changes nothing.</summary>
    [Test]
    public void Ingest_DoseSentWithAndWithoutOrc3InOneMessage_IsOneAndTheResendWritesNothing()
    {
        var twice = SampleVxu.TwoVaccinations251().With("MSH-10", "MSG1").With("RXA[2]-5", "141^Influenza^CVX").With("ORC[2]-3", string.Empty).With("RXA[2]-15", "LOT123");

        registry.Ingest(twice.Text);
        var first = registry.Query<string>("SELECT message_id || ' ' || coalesce(filler_order_id, '-') FROM registry.vaccination");
        registry.Ingest(twice.With("MSH-10", "MSG2").Text);

        Assert.That(first, Has.Count.EqualTo(1));
        Assert.That(registry.Query<string>("SELECT message_id || ' ' || coalesce(filler_order_id, '-') FROM registry.vaccination"), Is.EqualTo(first), "unchanged: not rewritten");
    }

    /// <summary>A patient's doses in consecutive chunks of one file: the later chunk finds what the earlier one stores, by either key.</summary>
    [Test]
    public void Ingest_SamePatientsDosesAcrossChunksOfOneFile_AreFoundAsTheEarlierChunkLeavesThem()
    {
        registry.Settings = [("Database:ChunkSize", "2")];
        var other = WithoutOrder.With("PID-3", "OTHER^^^CLINIC01^MR");

        registry.Ingest(WithoutOrder.Text + other.With("MSH-10", "O1").Text + WithOrder.With("MSH-10", "MSG2").With("RXA-15", "LOT2").Text + other.With("MSH-10", "O2").Text
            + WithoutOrder.With("MSH-10", "MSG3").With("RXA-15", "LOT3").Text);

        Assert.That(Rows(), Is.EqualTo(new[] { "VAX-0001 141 LOT3 f", "- 141 LOT123 f" }));
    }
    private List<string> OrderRows() => registry.Query<string>(
        "SELECT concat_ws(' ', filler_order_id, '[' || filler_order_authority || ']', cvx_code, lot_number, deleted_at IS NOT NULL) FROM registry.vaccination ORDER BY id");

    /// <summary>An EHR that sends ORC-3's authority (ORC-3.2) in one message and not in another sends one order number: one dose, and the authority is kept.</summary>
    [TestCase(Delivery.SeparateFiles, "VAX-0001^MYEHR", "VAX-0001")]
    [TestCase(Delivery.OneChunk, "VAX-0001^MYEHR", "VAX-0001")]
    [TestCase(Delivery.ChunkPerMessage, "VAX-0001^MYEHR", "VAX-0001")]
    [TestCase(Delivery.SeparateFiles, "VAX-0001", "VAX-0001^MYEHR")]
    [TestCase(Delivery.OneChunk, "VAX-0001", "VAX-0001^MYEHR")]
    [TestCase(Delivery.ChunkPerMessage, "VAX-0001", "VAX-0001^MYEHR")]
    public void Ingest_Orc3WithItsAuthorityOnceAndWithoutOnce_IsOneVaccinationThatKeepsTheAuthority(Delivery delivery, string first, string second)
    {
        registry.Send(delivery, WithOrder.With("ORC-3", first), WithOrder.With("MSH-10", "MSG2").With("ORC-3", second).With("RXA-15", "LOT2"));

        Assert.That(OrderRows(), Is.EqualTo(new[] { "VAX-0001 [MYEHR] 141 LOT2 f" }));
    }

    /// <summary>
    /// A dose stored without authority takes the first one sent (X); a later sending under another
    /// authority (Y) is then another order, in one chunk as in one file each. A review found the
    /// chunk looking both up before either was applied: both named the stored dose.
    /// </summary>
    [TestCase(Delivery.SeparateFiles)]
    [TestCase(Delivery.OneChunk)]
    [TestCase(Delivery.ChunkPerMessage)]
    public void Ingest_StoredWithoutAuthorityThenTwoAuthoritiesInOneFile_TheFirstTakesItTheSecondIsAnotherOrder(Delivery delivery)
    {
        registry.Send(Delivery.SeparateFiles, WithOrder.With("ORC-3", "VAX-0001"));

        registry.Send(
            delivery,
            WithOrder.With("MSH-10", "MSG2").With("ORC-3", "VAX-0001^X").With("RXA-15", "LOT2"),
            WithOrder.With("MSH-10", "MSG3").With("ORC-3", "VAX-0001^Y").With("RXA-15", "LOT3"));

        Assert.That(OrderRows(), Is.EqualTo(new[] { "VAX-0001 [X] 141 LOT2 f", "VAX-0001 [Y] 141 LOT3 f" }));
    }

    /// <summary>
    /// One message sends one ORC-3 number with its authority for one vaccine and without it for
    /// another: one order number naming two doses (orc-3-reused), so both are stored by patient,
    /// vaccine and date. A review found the second replacing the first.
    /// </summary>
    [Test]
    public void Ingest_OneMessageOneOrc3NumberWithAndWithoutAuthorityForTwoVaccines_StoresBoth()
    {
        var two = SampleVxu.TwoVaccinations251().With("MSH-10", "MSG1").With("ORC[1]-3", "VAX-1^X").With("ORC[2]-3", "VAX-1");

        var run = registry.Ingest(two.Text);

        Assert.That(registry.Query<string>("SELECT cvx_code FROM registry.vaccination ORDER BY cvx_code"), Is.EqualTo(new[] { "08", "141" }));
        Assert.That(run.Report, Does.Contain("[orc-3-reused]").And.Not.Contain("[orc-3-other-vaccine]"));
    }

    [TestCase(Delivery.SeparateFiles)]
    [TestCase(Delivery.OneChunk)]
    [TestCase(Delivery.ChunkPerMessage)]
    public void Ingest_DeleteWithoutTheOrc3AuthorityItWasStoredWith_DeletesIt(Delivery delivery)
    {
        var runs = registry.Send(delivery, WithOrder, WithOrder.With("MSH-10", "MSG2").With("ORC-3", "VAX-0001").With("RXA-21", "D"));

        Assert.That(OrderRows(), Is.EqualTo(new[] { "VAX-0001 [MYEHR] 141 LOT123 t" }));
        Assert.That(runs[^1].AckFor("MSG2"), Has.None.StartsWith("ERR|"));
    }

    /// <summary>Two authorities for one number are two senders' orders: kept apart; a sending without authority names the first stored.</summary>
    [TestCase(Delivery.SeparateFiles)]
    [TestCase(Delivery.OneChunk)]
    [TestCase(Delivery.ChunkPerMessage)]
    public void Ingest_OneOrc3NumberUnderTwoAuthorities_AreTwoVaccinationsAndWithoutAuthorityNamesTheFirst(Delivery delivery)
    {
        registry.Send(
            delivery,
            WithOrder,
            WithOrder.With("MSH-10", "MSG2").With("ORC-3", "VAX-0001^OTHEREHR").With("RXA-5", "08^HepB^CVX"),
            WithOrder.With("MSH-10", "MSG3").With("ORC-3", "VAX-0001").With("RXA-15", "LOT3"));

        Assert.That(OrderRows(), Is.EqualTo(new[] { "VAX-0001 [MYEHR] 141 LOT3 f", "VAX-0001 [OTHEREHR] 08 LOT123 f" }));
    }

    /// <summary>
    /// An EHR that puts a visit number in ORC-3 sends each dose of the visit in a message of its
    /// own under one ORC-3: the second is taken as a correction of the first (ORC-3 is the
    /// vaccination's identity), which the clinic is told, naming the vaccine the record held.
    /// </summary>
    [TestCase(Delivery.SeparateFiles)]
    [TestCase(Delivery.OneChunk)]
    [TestCase(Delivery.ChunkPerMessage)]
    public void Ingest_Orc3ThatNamesADoseOfAnotherVaccine_CorrectsItAndWarns(Delivery delivery)
    {
        var runs = registry.Send(delivery, WithOrder, WithOrder.With("MSH-10", "MSG2").With("RXA-5", "08^HepB^CVX"));

        Assert.That(OrderRows(), Is.EqualTo(new[] { "VAX-0001 [MYEHR] 08 LOT123 f" }));
        var run = runs[^1];
        Assert.That(
            run.AckFor("MSG2").Where(s => s.StartsWith("ERR|", StringComparison.Ordinal)).Select(s => s.Split('|')).Select(f => $"{f[2]} {f[3]} {f[4]}"),
            Is.EqualTo(new[] { "RXA^1^5^1 205^Duplicate key identifier^HL70357 W" }));
        Assert.That(runs[0].AckFor("MSG1"), Has.None.StartsWith("ERR|"));
        Assert.That(run.Report, Does.Contain("WARNING at RXA-5 (1st vaccination), line ").And.Contain("[orc-3-other-vaccine]"));
        Assert.That(run.Report, Does.Contain("another vaccine (CVX 141, given 20240515); it was taken as a correction of that record, which now holds this message's vaccine."));
        Assert.That(registry.Query<string>("SELECT m.control_id || ' ' || i.rule_id || ' ' || i.severity FROM registry.message_issue i JOIN registry.message m ON m.id = i.message_id"), Is.EqualTo(new[] { "MSG2 orc-3-other-vaccine W" }));
    }

    [TestCase(Delivery.SeparateFiles)]
    [TestCase(Delivery.OneChunk)]
    public void Ingest_DeleteByAnOrc3ThatNamesADoseOfAnotherVaccine_DeletesItAndWarns(Delivery delivery)
    {
        var runs = registry.Send(delivery, WithOrder, WithOrder.With("MSH-10", "MSG2").With("RXA-5", "08^HepB^CVX").With("RXA-21", "D"));

        Assert.That(OrderRows(), Is.EqualTo(new[] { "VAX-0001 [MYEHR] 141 LOT123 t" }));
        Assert.That(runs[^1].Report, Does.Contain("(CVX 141, given 20240515); it was taken as a correction of that record, which was deleted."));
    }

    /// <summary>§5: a test message is acknowledged as P would be, so an EHR that sends a visit number in ORC-3 is told while it is still in test mode; nothing changes.</summary>
    [TestCase("T", "A")]
    [TestCase("D", "A")]
    [TestCase("T", "D")]
    public void Ingest_TestMessageWhoseOrc3NamesADoseOfAnotherVaccine_IsWarnedAsProductionWouldBe(string processingId, string action)
    {
        registry.Ingest(WithOrder.Text);
        var run = registry.Ingest(WithOrder.With("MSH-10", "MSG2").With("MSH-11", processingId).With("RXA-5", "08^HepB^CVX").With("RXA-21", action).Text);

        Assert.That(
            run.AckFor("MSG2").Where(s => s.StartsWith("ERR|", StringComparison.Ordinal)).Select(s => s.Split('|')).Select(f => $"{f[2]} {f[3]} {f[4]}"),
            Is.EqualTo(new[] { "RXA^1^5^1 205^Duplicate key identifier^HL70357 W" }));
        Assert.That(run.Report, Does.Contain("another vaccine (CVX 141, given 20240515)"));
        Assert.That(OrderRows(), Is.EqualTo(new[] { "VAX-0001 [MYEHR] 141 LOT123 f" }), "nothing stored");
    }

    [Test]
    public void Ingest_TestMessageWithTheSameOrc3AndVaccine_IsNotWarned()
    {
        registry.Ingest(WithOrder.Text);
        var run = registry.Ingest(WithOrder.With("MSH-10", "MSG2").With("MSH-11", "T").Text);

        Assert.That(run.AckFor("MSG2"), Has.None.StartsWith("ERR|"));
    }

    [Test]
    public void Ingest_SameOrc3AndVaccineAnotherDay_IsAMoveWithoutWarning()
    {
        var run = registry.Ingest(WithOrder.Text);
        run = registry.Ingest(WithOrder.With("MSH-10", "MSG2").With("RXA-3", "20240511").Text);

        Assert.That(run.AckFor("MSG2"), Has.None.StartsWith("ERR|"));
    }
}
