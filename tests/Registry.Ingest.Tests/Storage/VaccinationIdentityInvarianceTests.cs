using Registry.Ingest.Tests.Support;

namespace Registry.Ingest.Tests.Storage;

/// <summary>
/// Random sequences of messages that name doses by ORC-3 and by patient, vaccine and date, with
/// adds, updates and deletes, two vaccinations in some messages and fewer OBX in others: the rows
/// stored are the same whether the messages come one file each, in one file, in one file in
/// chunks of one or two, or the first alone and the rest in one file (a review found three
/// sequences in 175 that differed; the seeds kept here include them). A seed that fails prints
/// its messages.
/// </summary>
[TestFixture]
internal sealed class VaccinationIdentityInvarianceTests
{
    private static readonly string[] Orders = [string.Empty, "VAX-1^MYEHR", "VAX-2^MYEHR"];

    // ORC-3 with its authority, without it, and one number under two authorities.
    private static readonly string[] OrdersWithAndWithoutAuthority = [string.Empty, "VAX-1^MYEHR", "VAX-1", "VAX-2^MYEHR", "VAX-2^OTHER", "VAX-2"];
    private static readonly string[] Vaccines = ["141^Flu^CVX", "08^HepB^CVX"];
    private static readonly string[] Dates = ["20240515", "20240514"];
    private static readonly string[] Actions = ["A", "A", "U", "D"];

    private static IEnumerable<int> Seeds() => [.. Enumerable.Range(1, 16), 103, 186];

    [TestCaseSource(nameof(Seeds))]
    public async Task Sequence_StoresTheSameRows_OneFileEachOrOneFileInAnyChunks(int seed) => await AssertSameRowsInAnyDelivery(seed, Generate(seed, Orders));

    [TestCaseSource(nameof(Seeds))]
    public async Task SequenceWithOrc3AuthoritySentOrNot_StoresTheSameRows_OneFileEachOrOneFileInAnyChunks(int seed) =>
        await AssertSameRowsInAnyDelivery(seed, Generate(seed, OrdersWithAndWithoutAuthority));

    private static async Task AssertSameRowsInAnyDelivery(int seed, List<VxuBuilder> messages)
    {
        var rows = new Dictionary<string, List<string>>();
        foreach (var delivery in new[] { "one file each", "one file", "chunks of 1", "chunks of 2", "first alone, then one file" })
        {
            await using var registry = await StorageHarness.StartAsync();
            if (delivery == "one file each")
            {
                foreach (var message in messages)
                {
                    Assert.That(registry.Ingest(message.Text).Outcome.Processed, Is.True);
                }
            }
            else if (delivery == "first alone, then one file")
            {
                // What the first stored is looked up by the chunk, then changed inside it.
                Assert.That(registry.Ingest(messages[0].Text).Outcome.Processed, Is.True);
                Assert.That(registry.Ingest(string.Concat(messages.Skip(1).Select(m => m.Text))).Outcome.Processed, Is.True);
            }
            else
            {
                registry.Settings = delivery switch { "chunks of 1" => [("Database:ChunkSize", "1")], "chunks of 2" => [("Database:ChunkSize", "2")], _ => [] };
                Assert.That(registry.Ingest(string.Concat(messages.Select(m => m.Text))).Outcome.Processed, Is.True);
            }

            rows[delivery] = Rows(registry);
        }

        foreach (var (delivery, stored) in rows.Skip(1))
        {
            Assert.That(stored, Is.EqualTo(rows["one file each"]), () => $"{delivery}, seed {seed}:\n{string.Join("\n----\n", messages.Select(m => m.ToString()))}");
        }
    }

    /// <summary>
    /// Dose X moved (by its ORC-3) to the day of dose Y, added later in the same file; then a
    /// sending without ORC-3 names that day: the first of the two by id is X, as a later file
    /// would find them, whether X and Y were new in the same chunk or not. A probe found the
    /// chunk's order of arrival (Y, then X) used instead: Y was deleted or updated.
    /// </summary>
    [TestCase("D", "X-1 LOT1 deleted|Y-1 LOT2 live")]
    [TestCase("U", "X-1 LOT9 live|Y-1 LOT2 live")]
    public async Task DoseMovedOntoTheDayOfANewerOne_IsTheFirstThatDayInAnyDelivery(string action, string expected)
    {
        VxuBuilder[] messages =
        [
            Dose("M1", "X-1^MYEHR", "20240514", "LOT1", "A"),
            Dose("M2", "Y-1^MYEHR", "20240515", "LOT2", "A"),
            Dose("M3", "X-1^MYEHR", "20240515", "LOT1", "U"),
            Dose("M4", string.Empty, "20240515", "LOT9", action),
        ];

        await AssertStoredInEveryDelivery(messages, expected);
    }

    /// <summary>
    /// A dose entered wrongly (X), deleted, and entered again under a new order number (Y); then a
    /// sending without ORC-3 names its day: it names Y, the dose the registry holds, not deleted X
    /// (a delete did nothing, an add brought X back as a second dose of that day).
    /// </summary>
    [TestCase("D", "X-1 LOTWRONG deleted|Y-1 LOTRIGHT deleted")]
    [TestCase("A", "X-1 LOTWRONG deleted|Y-1 LOTNEW live")]
    public async Task DoseDeletedAndEnteredAgain_IsNotNamedOverTheNewOne(string action, string expected)
    {
        VxuBuilder[] messages =
        [
            Dose("M1", "X-1^MYEHR", "20240515", "LOTWRONG", "A"),
            Dose("M2", "X-1^MYEHR", "20240515", "LOTWRONG", "D"),
            Dose("M3", "Y-1^MYEHR", "20240515", "LOTRIGHT", "A"),
            Dose("M4", string.Empty, "20240515", "LOTNEW", action),
        ];

        await AssertStoredInEveryDelivery(messages, expected);
    }

    private static VxuBuilder Dose(string controlId, string order, string day, string lot, string action) => SampleVxu.Valid251()
        .With("MSH-10", controlId).With("ORC-3", order).With("RXA-3", day).With("RXA-15", lot).With("RXA-21", action);

    private static async Task AssertStoredInEveryDelivery(VxuBuilder[] messages, string expected)
    {
        foreach (var delivery in new[] { Delivery.SeparateFiles, Delivery.OneChunk, Delivery.ChunkPerMessage })
        {
            await using var registry = await StorageHarness.StartAsync();
            Assert.That(registry.Send(delivery, messages).Select(r => r.Outcome.Processed), Has.All.True);

            var stored = registry.Query<string>(
                "SELECT concat_ws(' ', filler_order_id, lot_number, CASE WHEN deleted_at IS NULL THEN 'live' ELSE 'deleted' END) FROM registry.vaccination ORDER BY id");

            Assert.That(string.Join("|", stored), Is.EqualTo(expected), delivery.ToString());
        }
    }

    private static List<VxuBuilder> Generate(int seed, string[] orders)
    {
        var random = new Random(seed);
        var messages = new List<VxuBuilder>();
        for (int i = random.Next(2, 6); i > 0; i--)
        {
            bool two = random.Next(4) == 0;
            var message = (two ? SampleVxu.TwoVaccinations251() : SampleVxu.Valid251()).With("MSH-10", $"S{seed}M{messages.Count}");
            message = Group(message, random, 1, orders);
            if (two)
            {
                message = Group(message, random, 2, orders);
                for (int k = random.Next(4); k > 0; k--)
                {
                    message = message.Without($"OBX[{4 + k}]");
                }
            }

            message = random.Next(4) switch
            {
                1 => message.Without("OBX[1]"),
                2 => message.Without("OBX[3]").Without("OBX[3]"),
                3 => message.Without("OBX[2]"),
                _ => message,
            };
            messages.Add(random.Next(5) == 0 ? message.With("PID-3", "PAT2^^^CLINIC01^MR") : message);
        }

        return messages;
    }

    private static VxuBuilder Group(VxuBuilder message, Random random, int group, string[] orders) => message
        .With($"ORC[{group}]-3", orders[random.Next(orders.Length)])
        .With($"RXA[{group}]-5", Vaccines[random.Next(Vaccines.Length)])
        .With($"RXA[{group}]-3", Dates[random.Next(Dates.Length)])
        .With($"RXA[{group}]-15", "LOT" + random.Next(100))
        .With($"RXA[{group}]-21", Actions[random.Next(Actions.Length)]);

    private static List<string> Rows(StorageHarness registry) => registry.Query<string>(
        """
        SELECT concat_ws(' ', (SELECT i.value FROM registry.patient_identifier i WHERE i.patient_id = v.patient_id LIMIT 1),
                         coalesce(filler_order_id, '-'), filler_order_authority, cvx_code, administered_on, lot_number, deleted_at IS NOT NULL,
                         (SELECT string_agg(o.ordinal || ':' || o.code || '=' || coalesce(o.value, ''), ',' ORDER BY o.ordinal) FROM registry.observation o WHERE o.vaccination_id = v.id),
                         (SELECT string_agg(d.ordinal || ':' || coalesce(d.document_code, '') || coalesce(d.presented_on::text, ''), ',' ORDER BY d.ordinal) FROM registry.vaccination_vis d WHERE d.vaccination_id = v.id))
        FROM registry.vaccination v ORDER BY 1
        """);
}
