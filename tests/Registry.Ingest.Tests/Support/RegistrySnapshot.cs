namespace Registry.Ingest.Tests.Support;

/// <summary>
/// What the registry tables hold, table by table, with surrogate ids replaced by natural keys (a
/// file by its name, a message by file and position, a patient by facility, identifier and
/// authority, a vaccination by ORC-3 or by patient, vaccine and date) and the clock's values left
/// out. Provenance is joined LEFT, so a row pointing at nothing still counts (as a null key). Two databases that took the same files the same way have equal snapshots, whatever ids
/// their sequences handed out and whenever they ran.
/// </summary>
internal static class RegistrySnapshot
{
    private const string Keys = """
        WITH f AS (SELECT id, file_name AS key FROM registry.submission_file),
             m AS (SELECT m.id, f.key || '#' || m.seq AS key FROM registry.message m JOIN f ON f.id = m.file_id),
             p AS (SELECT id, concat_ws('/', sending_facility, id_value, id_authority) AS key FROM registry.patient),
             v AS (SELECT v.id, CASE WHEN v.filler_order_id IS NOT NULL
                                     THEN concat_ws('/', v.sending_facility, v.filler_order_id, v.filler_order_authority)
                                     ELSE concat_ws('/', p.key, v.cvx_code, v.administered_on) END AS key
                   FROM registry.vaccination v JOIN p ON p.id = v.patient_id)
        """;

    /// <summary>One query per table: each row as canonical JSON (jsonb sorts its keys), without ids and times.</summary>
    private static readonly (string Table, string Sql)[] Tables =
    [
        ("submission_file", """
            SELECT (to_jsonb(s) - ARRAY['id', 'duplicate_of', 'received_at', 'processed_at', 'report_text', 'ack_text'])
                   || jsonb_build_object('duplicate_of', o.key, 'has_ack', s.ack_text IS NOT NULL)
            FROM registry.submission_file s LEFT JOIN f o ON o.id = s.duplicate_of
            """),
        ("message", """
            SELECT (to_jsonb(x) - ARRAY['id', 'file_id', 'raw_text']) || jsonb_build_object('file', f.key, 'raw_md5', md5(x.raw_text))
            FROM registry.message x LEFT JOIN f ON f.id = x.file_id
            """),
        ("message_issue", """
            SELECT (to_jsonb(x) - 'message_id') || jsonb_build_object('message', m.key)
            FROM registry.message_issue x LEFT JOIN m ON m.id = x.message_id
            """),
        ("patient", """
            SELECT (to_jsonb(x) - ARRAY['id', 'possible_duplicate_of', 'created_file_id', 'created_message_id', 'updated_file_id', 'updated_message_id', 'updated_at'])
                   || jsonb_build_object('possible_duplicate_of', d.key, 'created', cm.key, 'created_file', cf.key, 'updated', um.key, 'updated_file', uf.key)
            FROM registry.patient x LEFT JOIN p d ON d.id = x.possible_duplicate_of
                 LEFT JOIN m cm ON cm.id = x.created_message_id LEFT JOIN f cf ON cf.id = x.created_file_id
                 LEFT JOIN m um ON um.id = x.updated_message_id LEFT JOIN f uf ON uf.id = x.updated_file_id
            """),
        ("patient_identifier", """
            SELECT (to_jsonb(x) - ARRAY['patient_id', 'file_id', 'message_id']) || jsonb_build_object('patient', p.key, 'file', f.key, 'message', m.key)
            FROM registry.patient_identifier x LEFT JOIN p ON p.id = x.patient_id LEFT JOIN f ON f.id = x.file_id LEFT JOIN m ON m.id = x.message_id
            """),
        ("next_of_kin", """
            SELECT (to_jsonb(x) - ARRAY['id', 'patient_id', 'file_id', 'message_id']) || jsonb_build_object('patient', p.key, 'file', f.key, 'message', m.key)
            FROM registry.next_of_kin x LEFT JOIN p ON p.id = x.patient_id LEFT JOIN f ON f.id = x.file_id LEFT JOIN m ON m.id = x.message_id
            """),
        ("vaccination", """
            SELECT (to_jsonb(x) - ARRAY['id', 'patient_id', 'file_id', 'message_id', 'created_file_id', 'created_message_id', 'received_at', 'deleted_at'])
                   || jsonb_build_object('key', v.key, 'patient', p.key, 'file', f.key, 'message', m.key, 'created_file', cf.key, 'created_message', cm.key, 'deleted', x.deleted_at IS NOT NULL)
            FROM registry.vaccination x LEFT JOIN v ON v.id = x.id LEFT JOIN p ON p.id = x.patient_id LEFT JOIN f ON f.id = x.file_id
                 LEFT JOIN m ON m.id = x.message_id LEFT JOIN f cf ON cf.id = x.created_file_id LEFT JOIN m cm ON cm.id = x.created_message_id
            """),
        ("observation", """
            SELECT (to_jsonb(x) - ARRAY['vaccination_id', 'file_id', 'message_id']) || jsonb_build_object('vaccination', v.key, 'file', f.key, 'message', m.key)
            FROM registry.observation x LEFT JOIN v ON v.id = x.vaccination_id LEFT JOIN f ON f.id = x.file_id LEFT JOIN m ON m.id = x.message_id
            """),
        ("vaccination_vis", """
            SELECT (to_jsonb(x) - ARRAY['vaccination_id', 'file_id', 'message_id']) || jsonb_build_object('vaccination', v.key, 'file', f.key, 'message', m.key)
            FROM registry.vaccination_vis x LEFT JOIN v ON v.id = x.vaccination_id LEFT JOIN f ON f.id = x.file_id LEFT JOIN m ON m.id = x.message_id
            """),
    ];

    /// <summary>Rows per table, sorted; read as the owner.</summary>
    /// <remarks>
    /// The tables are analyzed first: just filled, their statistics may still say "empty", and the
    /// planner then joins the key lists by nested loops over thousands of rows (once, under the
    /// load of the whole suite, past the command timeout).
    /// </remarks>
    public static Dictionary<string, List<string>> Read(TestDatabase database)
    {
        Sql.Execute(database.OwnerConnectionString, "ANALYZE " + string.Join(", ", Tables.Select(t => "registry." + t.Table)));
        return Tables.ToDictionary(
            t => t.Table,
            t => Sql.Query<string>(database.OwnerConnectionString, $"{Keys}SELECT row::text FROM ({t.Sql}) AS rows (row) ORDER BY 1"));
    }

    /// <summary>"table rows" per table, to say at a glance how two snapshots differ.</summary>
    /// <summary>Asserts that two databases hold the same rows, table by table (row counts first, for a readable failure).</summary>
    /// <param name="except">Tables not compared (their rows are still counted), e.g. submission_file for files of other bytes.</param>
    public static void AssertSame(TestDatabase expectedDatabase, TestDatabase actualDatabase, params string[] except)
    {
        var expected = Read(expectedDatabase);
        var actual = Read(actualDatabase);
        Assert.That(Counts(actual), Is.EqualTo(Counts(expected)), "rows per table");
        foreach (var (table, rows) in expected.Where(t => !except.Contains(t.Key)))
        {
            Assert.That(actual[table], Is.EqualTo(rows), $"registry.{table}");
        }
    }

    public static List<string> Counts(Dictionary<string, List<string>> snapshot) =>
        snapshot.Select(t => $"{t.Key} {t.Value.Count}").ToList();
}
