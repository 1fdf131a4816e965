using Registry.Ingest.Tests.Support;

namespace Registry.Ingest.Tests.Storage;

/// <summary>
/// A new patient whose family name, given name and birth date exactly match a patient of another
/// sending facility is flagged as a possible duplicate of it (the one known first).
/// </summary>
[TestFixture]
internal sealed class PossibleDuplicateTests
{
    private static readonly VxuBuilder Clinic01 = SampleVxu.Valid251().With("MSH-10", "MSG1");

    private static readonly VxuBuilder Clinic02 = SampleVxu.Valid251()
        .With("MSH-10", "MSG2").With("MSH-4", "CLINIC02").With("PID-3", "X-77^^^CLINIC02^MR").With("ORC-3", "V-77^OTHEREHR");

    private StorageHarness registry = null!;

    [SetUp]
    public async Task Start() => registry = await StorageHarness.StartAsync();

    [TearDown]
    public async Task Stop() => await registry.DisposeAsync();

    [Test]
    public void Ingest_SameDemographicsFromAnotherFacility_FlagsTheNewPatientAsPossibleDuplicateOfTheFirst()
    {
        registry.Ingest(Clinic01.Text);
        registry.Ingest(Clinic02.With("PID-5", "sample^alexandra").Text);

        Assert.That(Links(), Is.EqualTo(new[] { "CLINIC01 -> none", "CLINIC02 -> CLINIC01" }));
    }

    /// <summary>
    /// Both patients are new in the same chunk: only the later one is flagged, as when they come in
    /// two files; not each as the other's duplicate, which would make the flags depend on where
    /// chunks end (Database:ChunkSize) rather than on the data.
    /// </summary>
    [Test]
    public void Ingest_SameDemographicsFromAnotherFacilityInOneFile_FlagsAsInTwoFiles()
    {
        registry.Ingest(Clinic01.Text + Clinic02.Text);

        Assert.That(Links(), Is.EqualTo(new[] { "CLINIC01 -> none", "CLINIC02 -> CLINIC01" }));
    }

    [TestCase("PID-7", "20230416", TestName = "{m}(another birth date)")]
    [TestCase("PID-5.2", "ALEXANDER", TestName = "{m}(another given name)")]
    [TestCase("PID-5.1", "SAMPLES", TestName = "{m}(another family name)")]
    public void Ingest_NotAnExactMatchAcrossFacilities_IsNotFlagged(string position, string value)
    {
        registry.Ingest(Clinic01.Text);
        registry.Ingest(Clinic02.With(position, value).Text);

        Assert.That(registry.Scalar<long>("SELECT count(*) FROM registry.patient WHERE possible_duplicate_of IS NOT NULL"), Is.Zero);
        Assert.That(registry.Count("patient"), Is.EqualTo(2));
    }

    [Test]
    public void Ingest_SameDemographicsUnderAnotherIdentifierOfTheSameFacility_IsFlaggedToo()
    {
        // One clinic's EHR that gave the patient a second record (an MR after a PI, a new MRN) is
        // the commonest duplicate of all; flagged, not merged.
        registry.Ingest(Clinic01.Text);
        registry.Ingest(Clinic02.With("MSH-4", "CLINIC01").Text);

        Assert.That(registry.Count("patient"), Is.EqualTo(2));
        Assert.That(registry.Scalar<long>("SELECT count(*) FROM registry.patient n JOIN registry.patient q ON q.id = n.possible_duplicate_of WHERE n.id > q.id"), Is.EqualTo(1));
    }

    private List<string> Links() => registry.Query<string>(
        """
        SELECT p.sending_facility || ' -> ' || coalesce(d.sending_facility, 'none')
        FROM registry.patient p LEFT JOIN registry.patient d ON d.id = p.possible_duplicate_of
        ORDER BY 1
        """);
}
