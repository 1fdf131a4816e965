using Registry.Ingest.Tests.Support;

namespace Registry.Ingest.Tests.Storage;

/// <summary>
/// Every stored row names the file, message and line it came from; an update moves the "updated"
/// provenance to the newer message and keeps where the row was created. Content sent again
/// unchanged moves nothing: provenance names the message that last changed a row.
/// </summary>
[TestFixture]
internal sealed class ProvenanceTests
{
    private const int MessageLines = 11;

    /// <summary>FHS and BHS, then three messages of eleven lines: message n starts at line 3 + 11 (n - 1).</summary>
    private static readonly string File = BatchFiles.InBatch(
        BatchFiles.Messages(3, (m, i) => m.With("PID-3", $"PAT{i + 1}^^^CLINIC01^MR").With("ORC-3", $"VAX-{i + 1}^MYEHR")), 3);

    private static readonly VxuBuilder Layout = SampleVxu.Valid251();

    private StorageHarness registry = null!;

    [SetUp]
    public async Task Start() => registry = await StorageHarness.StartAsync();

    [TearDown]
    public async Task Stop() => await registry.DisposeAsync();

    [Test]
    public void Ingest_NewPatient_EveryRowPointsAtItsFileMessageAndLine()
    {
        var run = registry.Ingest(File);

        int first = FirstLine(2);
        string[] expected =
        [
            $"message {run.FileName} MSG2 {first}",
            $"patient created {run.FileName} MSG2, updated {run.FileName} MSG2 {first + Layout.LineOf("PID") - 1}",
            $"patient_identifier {run.FileName} MSG2 {first + Layout.LineOf("PID") - 1}",
            $"next_of_kin {run.FileName} MSG2 {first + Layout.LineOf("NK1") - 1}",
            $"vaccination created {run.FileName} MSG2 {first + Layout.LineOf("RXA") - 1}, {run.FileName} MSG2 {first + Layout.LineOf("RXA") - 1}",
            .. Enumerable.Range(1, 4).Select(n => $"observation {n} {run.FileName} MSG2 {first + Layout.LineOf($"OBX[{n}]") - 1}"),
            $"vaccination_vis 1 {run.FileName} MSG2 {first + Layout.LineOf("OBX[3]") - 1}", // its first OBX: the published date
        ];
        Assert.That(Provenance("PAT2"), Is.EqualTo(expected));
    }

    [Test]
    public void Ingest_UpdateFromALaterFile_MovesUpdatedProvenanceAndKeepsCreated()
    {
        var original = registry.Ingest(File);
        var update = SampleVxu.Valid251().With("MSH-10", "UPD1").With("PID-3", "PAT2^^^CLINIC01^MR").With("PID-11.1", "9 ELM ST")
            .With("ORC-3", "VAX-2^MYEHR").With("RXA-21", "U");

        var later = registry.Ingest(update.Text);

        string[] expected =
        [
            $"patient created {original.FileName} MSG2, updated {later.FileName} UPD1 {Layout.LineOf("PID")}",
            $"patient_identifier {original.FileName} MSG2 {FirstLine(2) + Layout.LineOf("PID") - 1}",
            $"next_of_kin {later.FileName} UPD1 {Layout.LineOf("NK1")}",
            $"vaccination created {original.FileName} MSG2 {FirstLine(2) + Layout.LineOf("RXA") - 1}, {later.FileName} UPD1 {Layout.LineOf("RXA")}",
            .. Enumerable.Range(1, 4).Select(n => $"observation {n} {later.FileName} UPD1 {Layout.LineOf($"OBX[{n}]")}"),
            $"vaccination_vis 1 {later.FileName} UPD1 {Layout.LineOf("OBX[3]")}",
        ];
        Assert.That(Provenance("PAT2").Where(p => !p.StartsWith("message ", StringComparison.Ordinal)), Is.EqualTo(expected));
    }

    [Test]
    public void Ingest_SameContentFromALaterFile_MovesNoProvenance()
    {
        registry.Ingest(File);
        var before = Provenance("PAT2");

        registry.Ingest(File.Replace("|MSG", "|AGAIN-MSG", StringComparison.Ordinal));

        Assert.That(Provenance("PAT2"), Is.EqualTo(before));
    }

    private static int FirstLine(int message) => 3 + (MessageLines * (message - 1));

    /// <summary>"table [what] file control-id line" for every row about the patient, in a fixed order.</summary>
    private List<string> Provenance(string patient) => registry.Query<string>(
        """
        WITH f AS (SELECT id, file_name FROM registry.submission_file),
             m AS (SELECT id, control_id FROM registry.message),
             p AS (SELECT * FROM registry.patient WHERE id_value = @patient)
        SELECT t FROM (
        SELECT 1 AS k, 0 AS n, format('message %s %s %s', f.file_name, m.control_id, m.first_line) AS t
          FROM registry.message m JOIN f ON f.id = m.file_id
          WHERE m.id IN (SELECT created_message_id FROM p UNION SELECT updated_message_id FROM p)
        UNION ALL
        SELECT 2, 0, format('patient created %s %s, updated %s %s %s', cf.file_name, cm.control_id, uf.file_name, um.control_id, p.updated_line)
          FROM p JOIN f cf ON cf.id = p.created_file_id JOIN m cm ON cm.id = p.created_message_id
                 JOIN f uf ON uf.id = p.updated_file_id JOIN m um ON um.id = p.updated_message_id
        UNION ALL
        SELECT 3, 0, format('patient_identifier %s %s %s', f.file_name, m.control_id, i.line)
          FROM registry.patient_identifier i JOIN p ON p.id = i.patient_id JOIN f ON f.id = i.file_id JOIN m ON m.id = i.message_id
        UNION ALL
        SELECT 4, 0, format('next_of_kin %s %s %s', f.file_name, m.control_id, k.line)
          FROM registry.next_of_kin k JOIN p ON p.id = k.patient_id JOIN f ON f.id = k.file_id JOIN m ON m.id = k.message_id
        UNION ALL
        SELECT 5, 0, format('vaccination created %s %s %s, %s %s %s', cf.file_name, cm.control_id, v.created_line, f.file_name, m.control_id, v.line)
          FROM registry.vaccination v JOIN p ON p.id = v.patient_id JOIN f cf ON cf.id = v.created_file_id JOIN m cm ON cm.id = v.created_message_id
               JOIN f ON f.id = v.file_id JOIN m ON m.id = v.message_id
        UNION ALL
        SELECT 6, o.ordinal, format('observation %s %s %s %s', o.ordinal, f.file_name, m.control_id, o.line)
          FROM registry.observation o JOIN registry.vaccination v ON v.id = o.vaccination_id JOIN p ON p.id = v.patient_id
               JOIN f ON f.id = o.file_id JOIN m ON m.id = o.message_id
        UNION ALL
        SELECT 7, d.ordinal, format('vaccination_vis %s %s %s %s', d.ordinal, f.file_name, m.control_id, d.line)
          FROM registry.vaccination_vis d JOIN registry.vaccination v ON v.id = d.vaccination_id JOIN p ON p.id = v.patient_id
               JOIN f ON f.id = d.file_id JOIN m ON m.id = d.message_id
        ) rows ORDER BY k, n
        """,
        new { patient }).ToList();
}
