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
}
