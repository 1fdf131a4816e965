using Registry.Ingest.Tests.Support;

namespace Registry.Ingest.Tests.Storage;

/// <summary>
/// Bulk child rows carry no foreign key (migration 0003): the program itself must never write a
/// row whose parent does not exist, whatever the file holds and however it is sent again.
/// </summary>
[TestFixture]
internal sealed class ReferentialIntegrityTests
{
    private static readonly string[] Orphans =
    [
        "SELECT count(*) FROM registry.message m WHERE NOT EXISTS (SELECT 1 FROM registry.submission_file f WHERE f.id = m.file_id)",
        "SELECT count(*) FROM registry.message_issue i WHERE NOT EXISTS (SELECT 1 FROM registry.message m WHERE m.id = i.message_id)",
        "SELECT count(*) FROM registry.patient_identifier i WHERE NOT EXISTS (SELECT 1 FROM registry.patient p WHERE p.id = i.patient_id)",
        "SELECT count(*) FROM registry.next_of_kin k WHERE NOT EXISTS (SELECT 1 FROM registry.patient p WHERE p.id = k.patient_id)",
        "SELECT count(*) FROM registry.vaccination v WHERE NOT EXISTS (SELECT 1 FROM registry.patient p WHERE p.id = v.patient_id)",
        "SELECT count(*) FROM registry.observation o WHERE NOT EXISTS (SELECT 1 FROM registry.vaccination v WHERE v.id = o.vaccination_id)",
        "SELECT count(*) FROM registry.vaccination_vis d WHERE NOT EXISTS (SELECT 1 FROM registry.vaccination v WHERE v.id = d.vaccination_id)",
        "SELECT count(*) FROM registry.vaccination v WHERE NOT EXISTS (SELECT 1 FROM registry.message m WHERE m.id = v.message_id)",
        "SELECT count(*) FROM registry.patient p WHERE NOT EXISTS (SELECT 1 FROM registry.message m WHERE m.id = p.updated_message_id)",
        "SELECT count(*) FROM registry.patient p WHERE p.possible_duplicate_of IS NOT NULL AND NOT EXISTS (SELECT 1 FROM registry.patient q WHERE q.id = p.possible_duplicate_of)",
    ];

    [Test]
    public async Task Ingest_VariedFileTwiceInSmallChunks_LeavesNoRowWithoutItsParent()
    {
        await using var harness = await StorageHarness.StartAsync();
        harness.Settings = [("Database:ChunkSize", "37")];
        var messages = VariedBatch.Messages(400);
        harness.Ingest(BatchFiles.Bytes(messages), harness.NextFileName());
        // Sent again in a new file with new addresses and lots: every message an update, with
        // replaced observations (unchanged content would write nothing).
        var changed = messages.Replace(" MAIN ST", " OAK AVE", StringComparison.Ordinal).Replace("|LOT123|", "|LOT124|", StringComparison.Ordinal);
        Assert.That(changed, Is.Not.EqualTo(messages));
        harness.Ingest(BatchFiles.Bytes(changed), harness.NextFileName());

        Assert.Multiple(() =>
        {
            Assert.That(harness.Count("vaccination"), Is.GreaterThan(100), "the file stores vaccinations");
            Assert.That(harness.Count("observation"), Is.GreaterThan(100), "and their observations");
            Assert.That(harness.Scalar<long>("SELECT count(*) FROM registry.patient WHERE street LIKE '% OAK AVE'"), Is.GreaterThan(100), "the resend updated patients");
            Assert.That(harness.Scalar<long>("SELECT count(*) FROM registry.vaccination WHERE lot_number = 'LOT124'"), Is.GreaterThan(100), "and vaccinations");
            Assert.That(harness.Scalar<long>("SELECT count(*) FROM registry.patient WHERE possible_duplicate_of IS NOT NULL"), Is.Positive, "possible duplicates were flagged");
            foreach (var sql in Orphans)
            {
                Assert.That(harness.Scalar<long>(sql), Is.Zero, sql);
            }
        });
    }
}
