using Registry.Ingest.Tests.Support;

namespace Registry.Ingest.Tests.Storage;

/// <summary>
/// Content sent again unchanged is not written at all: no stored row gets a new version (xmin),
/// and provenance keeps naming the message that last changed a record. A change to any one stored
/// field of a message rewrites the record it belongs to, and content that was replaced or deleted
/// in between is applied again.
/// </summary>
[TestFixture]
internal sealed class UnchangedContentTests
{
    private static readonly VxuBuilder Original = SampleVxu.Valid251().With("MSH-10", "ORIG1");

    private static readonly string[] RecordTables = ["patient", "patient_identifier", "next_of_kin", "vaccination", "observation", "vaccination_vis"];

    private StorageHarness registry = null!;

    [SetUp]
    public async Task Start() => registry = await StorageHarness.StartAsync();

    [TearDown]
    public async Task Stop() => await registry.DisposeAsync();

    [Test]
    public void Ingest_SameMessageInANewFile_RewritesNoRecordRow()
    {
        registry.Ingest(Original.Text);
        var before = RecordTables.ToDictionary(t => t, RowVersions);

        var again = registry.Ingest(Original.With("MSH-10", "AGAIN1").Text);

        Assert.Multiple(() =>
        {
            foreach (var table in RecordTables)
            {
                Assert.That(RowVersions(table), Is.EqualTo(before[table]), table);
            }

            Assert.That(registry.Scalar<string>("SELECT ack_code FROM registry.message WHERE control_id = 'AGAIN1'"), Is.EqualTo("AA"), "the message is still logged and accepted");
            Assert.That(again.Outcome.ExitCode, Is.Zero);
        });
    }

    [TestCase("PID-11.1", "9 ELM ST", "patient")]
    [TestCase("PID-5.2", "ALEX", "patient")]
    [TestCase("PID-3", "PAT12345^^^CLINIC01^MR~987654321^^^SSA^SS", "patient_identifier")]
    [TestCase("NK1-5", "^PRN^PH^^^701^5559999", "next_of_kin")]
    [TestCase("RXA-15", "LOT999", "vaccination")]
    [TestCase("RXA-6", "0.25", "vaccination")]
    [TestCase("RXR-2", "RD^Right Deltoid^HL70163", "vaccination")]
    [TestCase("OBX[2]-5", "VXC51^Public VFC^CDCPHINVS", "observation")]
    [TestCase("OBX[4]-5", "20240514", "vaccination_vis")]
    public void Ingest_OneFieldChanged_RewritesTheRecordItBelongsTo(string field, string value, string table)
    {
        registry.Ingest(Original.Text);
        var before = RowVersions(table);

        registry.Ingest(Original.With("MSH-10", "CHANGED1").With(field, value).Text);

        Assert.That(RowVersions(table), Is.Not.EqualTo(before));
    }

    [Test]
    public void Ingest_ChangedThenOriginalAgain_StoresTheOriginalAgain()
    {
        registry.Ingest(Original.Text);
        registry.Ingest(Original.With("MSH-10", "CHANGED1").With("RXA-15", "LOT999").With("PID-11.1", "9 ELM ST").Text);

        registry.Ingest(Original.With("MSH-10", "ORIG2").Text);

        var (lot, street) = registry.Query<(string, string)>("SELECT v.lot_number, p.street FROM registry.vaccination v JOIN registry.patient p ON p.id = v.patient_id").Single();
        Assert.That((lot, street), Is.EqualTo(("LOT123", "123 MAIN ST")));
    }

    [Test]
    public void Ingest_DeletedThenSameContentAgain_BringsTheVaccinationBack()
    {
        registry.Ingest(Original.Text);
        registry.Ingest(Original.With("MSH-10", "DEL1").With("RXA-21", "D").Text);
        Assert.That(registry.Scalar<long>("SELECT count(*) FROM registry.vaccination WHERE deleted_at IS NOT NULL"), Is.EqualTo(1));

        registry.Ingest(Original.With("MSH-10", "BACK1").Text);

        Assert.That(registry.Query<(string, bool)>("SELECT action_code, deleted_at IS NULL FROM registry.vaccination").Single(), Is.EqualTo(("A", true)));
    }

    [TestCase(Delivery.OneChunk)]
    [TestCase(Delivery.ChunkPerMessage)]
    public void Send_SameContentTwiceInOneFile_TheFirstStaysTheSourceHoweverChunked(Delivery delivery)
    {
        registry.Send(delivery, Original.With("MSH-10", "FIRST"), Original.With("MSH-10", "SECOND"), Original.With("MSH-10", "THIRD").With("RXA-15", "LOT999"));

        Assert.That(Sources(), Is.EqualTo(new[] { "patient FIRST", "next_of_kin FIRST", "vaccination THIRD" }));
    }

    /// <summary>The control id of the message each record names as its last change.</summary>
    private List<string> Sources() => registry.Query<string>(
        """
        SELECT 'patient ' || m.control_id FROM registry.patient p JOIN registry.message m ON m.id = p.updated_message_id
        UNION ALL SELECT 'next_of_kin ' || m.control_id FROM registry.next_of_kin k JOIN registry.message m ON m.id = k.message_id
        UNION ALL SELECT 'vaccination ' || m.control_id FROM registry.vaccination v JOIN registry.message m ON m.id = v.message_id
        """);

    [TestCase(Delivery.SeparateFiles)]
    [TestCase(Delivery.OneChunk)]
    [TestCase(Delivery.ChunkPerMessage)]
    public void Send_ChangedAndChangedBackAfterItWasStored_KeepsItsDigestSoTheSameContentAgainWritesNothing(Delivery delivery)
    {
        registry.Ingest(Original.Text);
        registry.Send(delivery, Original.With("MSH-10", "CHANGED1").With("RXA-15", "LOT999").With("PID-6", "OTHER^MAIDEN"), Original.With("MSH-10", "BACK1"));
        var before = RecordTables.ToDictionary(t => t, RowVersions);

        registry.Ingest(Original.With("MSH-10", "AGAIN1").Text);

        Assert.Multiple(() =>
        {
            foreach (var table in RecordTables)
            {
                Assert.That(RowVersions(table), Is.EqualTo(before[table]), table);
            }

            Assert.That(Sources(), Is.EqualTo(new[] { "patient BACK1", "next_of_kin BACK1", "vaccination BACK1" }));
        });
    }

    [TestCase(Delivery.SeparateFiles)]
    [TestCase(Delivery.OneChunk)]
    [TestCase(Delivery.ChunkPerMessage)]
    public void Send_DeletedTwice_TheFirstDeleteStaysItsLastChangeHoweverChunked(Delivery delivery)
    {
        registry.Send(delivery, Original, Original.With("MSH-10", "DEL1").With("RXA-21", "D"), Original.With("MSH-10", "DEL2").With("RXA-21", "D"));

        Assert.That(registry.Query<string>("SELECT m.control_id || ' ' || v.action_code FROM registry.vaccination v JOIN registry.message m ON m.id = v.message_id"),
            Is.EqualTo(new[] { "DEL1 D" }));
    }

    [Test]
    public void Ingest_RecordChangedByAnotherWriter_TheSameContentSentAgainIsApplied()
    {
        registry.Ingest(Original.Text);
        registry.Scalar<int>("UPDATE registry.patient SET street = 'CORRECTED BY HAND'; UPDATE registry.vaccination SET lot_number = 'BY HAND'; SELECT 1");

        registry.Ingest(Original.With("MSH-10", "AGAIN1").Text);

        var (lot, street) = registry.Query<(string, string)>("SELECT v.lot_number, p.street FROM registry.vaccination v JOIN registry.patient p ON p.id = v.patient_id").Single();
        Assert.That((lot, street), Is.EqualTo(("LOT123", "123 MAIN ST")), "a digest is not trusted once something else changed the row");
    }

    [Test]
    public void StaleDigestTriggers_NameOnlyColumnsTheirTablesHave()
    {
        var arguments = registry.Query<(string Table, string Column, bool Exists)>(
            """
            SELECT t.tgrelid::regclass::text, a.name, EXISTS (SELECT 1 FROM pg_attribute c WHERE c.attrelid = t.tgrelid AND c.attname = a.name AND NOT c.attisdropped)
            FROM pg_trigger t, unnest(string_to_array(encode(t.tgargs, 'escape'), '\000')) AS a (name)
            WHERE t.tgname LIKE '%forget_stale_hash' AND a.name <> ''
            """);

        Assert.That(arguments.Where(a => !a.Exists).Select(a => $"{a.Table}.{a.Column}"), Is.Empty, "a misspelt column would never be compared");
        Assert.That(arguments.GroupBy(a => a.Table).ToDictionary(g => g.Key, g => g.Count()), Is.EqualTo(new Dictionary<string, int> { ["registry.patient"] = 28, ["registry.vaccination"] = 27 }));
    }

    [Test]
    public void Ingest_RowsWithoutDigest_AreRewrittenBySameContent()
    {
        registry.Ingest(Original.Text);
        registry.Scalar<int>("UPDATE registry.patient SET content_hash = NULL; UPDATE registry.vaccination SET content_hash = NULL; SELECT 1");
        var before = RowVersions("vaccination").Concat(RowVersions("patient")).ToList();

        registry.Ingest(Original.With("MSH-10", "AGAIN1").Text);

        Assert.That(RowVersions("vaccination").Concat(RowVersions("patient")), Is.All.Not.AnyOf(before.Cast<object>().ToArray()));
        Assert.That(registry.Scalar<long>("SELECT count(*) FROM registry.vaccination WHERE content_hash IS NOT NULL"), Is.EqualTo(1), "and get a digest");
    }

    [Test]
    public void Ingest_SameVaccinationContentSentForAnotherPatient_IsStoredForThatPatientNotSkipped()
    {
        // Same content digest, same order number, another patient: that patient's own record
        // (migration 0008), never skipped as unchanged and never taken from the first patient.
        registry.Ingest(Original.Text);

        registry.Ingest(Original.With("MSH-10", "OTHER1").With("PID-3", "PAT99999^^^CLINIC01^MR").Text);

        Assert.That(registry.Query<string>("SELECT p.id_value FROM registry.vaccination v JOIN registry.patient p ON p.id = v.patient_id ORDER BY 1"), Is.EqualTo(new[] { "PAT12345", "PAT99999" }));
    }

    [TestCase(Delivery.OneChunk)]
    [TestCase(Delivery.ChunkPerMessage)]
    public void Send_AddDeleteAndTheSameAddInOneFile_EndsStoredAndNotDeleted(Delivery delivery)
    {
        registry.Send(delivery, Original.With("MSH-10", "ADD1"), Original.With("MSH-10", "DEL1").With("RXA-21", "D"), Original.With("MSH-10", "ADD2"));

        Assert.That(registry.Query<(bool, string)>("SELECT v.deleted_at IS NULL, m.control_id FROM registry.vaccination v JOIN registry.message m ON m.id = v.message_id").Single(), Is.EqualTo((true, "ADD2")));
    }

    /// <summary>Each row's physical version: a row rewritten by an UPDATE, or deleted and inserted again, gets a new one.</summary>
    private List<string> RowVersions(string table) =>
        registry.Query<string>($"SELECT ctid::text || ':' || xmin::text FROM registry.{table} ORDER BY 1");
}
