using Registry.Ingest.Tests.Support;

namespace Registry.Ingest.Tests.Storage;

/// <summary>
/// An update replaces the stored observations of the codes it sends and keeps the others; the rows
/// it leaves (numbering, the message each names) must not depend on whether two updates of one
/// vaccination came in one chunk or in two.
/// </summary>
[TestFixture]
internal sealed class ObservationReplacementTests
{
    private static readonly VxuBuilder First = SampleVxu.Valid251().With("MSH-10", "MSG1");

    private static readonly VxuBuilder EligibilityOnly = First.With("MSH-10", "MSG2").With("RXA-21", "U").With("OBX[1]-5", "V03^VFC eligible - Uninsured^HL70064")
        .Without("OBX[4]").Without("OBX[3]").Without("OBX[2]");

    private static readonly VxuBuilder OtherCodeAndVis = First.With("MSH-10", "MSG3").With("RXA-21", "U")
        .Without("OBX[4]").Without("OBX[2]").Without("OBX[1]")
        .InsertAfter("OBX[1]", "OBX|2|NM|30973-2^Dose number in series^LN||2||||||F");

    private static IEnumerable<TestCaseData> Sequences()
    {
        yield return new TestCaseData((object)new[] { First, EligibilityOnly }).SetArgDisplayNames("all codes, then one");
        yield return new TestCaseData((object)new[] { First, OtherCodeAndVis, EligibilityOnly }).SetArgDisplayNames("all, then VIS and a new code, then one");
        yield return new TestCaseData((object)new[] { First, EligibilityOnly, OtherCodeAndVis, First.With("MSH-10", "MSG4") }).SetArgDisplayNames("and back to all");
    }

    [TestCaseSource(nameof(Sequences))]
    public async Task Ingest_UpdatesOfSomeCodes_StoreTheSameRowsInOneChunkAsInOneChunkEach(VxuBuilder[] messages)
    {
        await using var together = await StorageHarness.StartAsync();
        await using var apart = await StorageHarness.StartAsync();

        together.Send(Delivery.OneChunk, messages);
        apart.Send(Delivery.ChunkPerMessage, messages);

        RegistrySnapshot.AssertSame(together.Database, apart.Database);
        Assert.That(apart.Query<int>("SELECT ordinal FROM registry.observation ORDER BY ordinal"), Is.EqualTo(Enumerable.Range(1, (int)apart.Count("observation"))), "numbered 1, 2, ... with the kept rows first");
    }

    [Test]
    public async Task Ingest_TwoUpdatesInOneChunk_EachKeptObservationNamesTheMessageThatSentIt()
    {
        await using var registry = await StorageHarness.StartAsync();

        registry.Send(Delivery.OneChunk, First, EligibilityOnly);

        Assert.That(
            registry.Query<string>(
                """
                SELECT o.code || ' ' || m.control_id || ' ' || (o.line >= m.first_line AND o.line < coalesce((SELECT min(n.first_line) FROM registry.message n WHERE n.first_line > m.first_line), 1000000))
                FROM registry.observation o JOIN registry.message m ON m.id = o.message_id ORDER BY o.ordinal
                """),
            Is.EqualTo(new[] { "30963-3 MSG1 true", "29768-9 MSG1 true", "29769-7 MSG1 true", "64994-7 MSG2 true" }));
    }

    [Test]
    public async Task Ingest_ObservationWithoutACode_IsNotStoredSoUpdatesCannotDoubleIt()
    {
        await using var registry = await StorageHarness.StartAsync();
        var withUncoded = First.InsertAfter("OBX[4]", "OBX|5|ST|   ||hello||||||F");

        registry.Ingest(withUncoded.Text);
        registry.Ingest(withUncoded.With("MSH-10", "MSG2").With("RXA-21", "U").With("RXA-15", "LOT9").Text);
        registry.Ingest(withUncoded.With("MSH-10", "MSG3").With("RXA-21", "U").Text);

        Assert.That(registry.Query<string>("SELECT code FROM registry.observation ORDER BY ordinal"), Is.EqualTo(new[] { "64994-7", "30963-3", "29768-9", "29769-7" }));
    }
}
