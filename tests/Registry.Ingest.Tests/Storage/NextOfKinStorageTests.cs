using Registry.Ingest.Tests.Support;

namespace Registry.Ingest.Tests.Storage;

/// <summary>
/// Next of kin are kept per patient, relationship and name; a later message naming the same person
/// updates the row (a field left empty keeps its value), however the messages are delivered.
/// </summary>
[TestFixture]
internal sealed class NextOfKinStorageTests
{
    private static readonly VxuBuilder First = SampleVxu.Valid251().With("MSH-10", "MSG1");

    private StorageHarness registry = null!;

    [SetUp]
    public async Task Start() => registry = await StorageHarness.StartAsync();

    [TearDown]
    public async Task Stop() => await registry.DisposeAsync();

    [TestCase(Delivery.SeparateFiles)]
    [TestCase(Delivery.OneChunk)]
    [TestCase(Delivery.ChunkPerMessage)]
    public void Ingest_SamePersonAgainWithoutPhoneAndNewCity_KeepsThePhoneAndTakesTheCity(Delivery delivery)
    {
        var again = First.With("MSH-10", "MSG2").Replace("NK1", "NK1|1|SAMPLE^MARGARET^^^^^L|MTH^Mother^HL70063|^^FARGO^ND^58102^USA^L");

        registry.Send(delivery, First, again);

        Assert.That(registry.Query<string>("SELECT concat_ws(' ', relationship, family_name, given_name, city, phone_area, phone_local) FROM registry.next_of_kin"),
            Is.EqualTo(new[] { "MTH SAMPLE MARGARET FARGO 701 5551234" }));
    }

    [TestCase(Delivery.SeparateFiles)]
    [TestCase(Delivery.OneChunk)]
    [TestCase(Delivery.ChunkPerMessage)]
    public void Ingest_SamePersonAgainWithAnAddressOfQuotesAndEmptyParts_ReplacesTheWholeAddress(Delivery delivery)
    {
        // An address is one value: sent, its parts left empty are no longer the old ones.
        var again = First.With("MSH-10", "MSG2").Replace("NK1", "NK1|1|SAMPLE^MARGARET^^^^^L|MTH^Mother^HL70063|\"\"^^^^\"\"^USA^L|^PRN^PH^^^\"\"^\"\"");

        registry.Send(delivery, First, again);

        Assert.That(registry.Query<string>("SELECT concat_ws(' ', coalesce(street, 'null'), coalesce(city, 'null'), coalesce(state, 'null'), coalesce(zip, 'null'), coalesce(phone_area, 'null'), coalesce(phone_local, 'null')) FROM registry.next_of_kin"),
            Is.EqualTo(new[] { "null null null null null null" }));
    }

    [TestCase(false)]
    [TestCase(true)]
    public void Ingest_NewPersonWithQuotedStreet_StoresNullNotQuotes(bool patientKnown)
    {
        if (patientKnown)
        {
            registry.Ingest(First.Text);
        }

        registry.Ingest(First.With("MSH-10", "MSG2").Replace("NK1", "NK1|1|SAMPLE^JOHN^^^^^L|FTH^Father^HL70063|\"\"^^BISMARCK").Text);

        Assert.That(registry.Query<string>("SELECT coalesce(street, 'null') || ' ' || city FROM registry.next_of_kin WHERE relationship = 'FTH'"), Is.EqualTo(new[] { "null BISMARCK" }));
    }

    [TestCase(Delivery.SeparateFiles)]
    [TestCase(Delivery.OneChunk)]
    public void Ingest_AnotherPerson_IsAddedNotReplacing(Delivery delivery)
    {
        var again = First.With("MSH-10", "MSG2").Replace("NK1", "NK1|1|SAMPLE^JOHN^^^^^L|FTH^Father^HL70063");

        registry.Send(delivery, First, again);

        Assert.That(registry.Query<string>("SELECT relationship || ' ' || given_name FROM registry.next_of_kin ORDER BY 1"),
            Is.EqualTo(new[] { "FTH JOHN", "MTH MARGARET" }));
    }

    [TestCase(Delivery.SeparateFiles)]
    [TestCase(Delivery.OneChunk)]
    [TestCase(Delivery.ChunkPerMessage)]
    public void Ingest_SamePersonInAnotherCase_IsOneRowWithTheLatestSpelling(Delivery delivery)
    {
        var again = First.With("MSH-10", "MSG2").Replace("NK1", "NK1|1|Sample^Margaret^^^^^L|MTH^Mother^HL70063|^^FARGO");

        registry.Send(delivery, First, again);

        Assert.That(registry.Query<string>("SELECT concat_ws(' ', relationship, family_name, given_name, city, phone_local) FROM registry.next_of_kin"),
            Is.EqualTo(new[] { "MTH Sample Margaret FARGO 5551234" }));
    }

    [Test]
    public void Ingest_NamesThatDifferBeyondAsciiCase_AreTwoPeople()
    {
        // Only ASCII letters fold, as in the table's unique index, whatever the server's locale.
        var accented = First.With("MSH-10", "MSG2").Replace("NK1", "NK1|1|SAMPLE^MARGARET^^^^^L|MTH^Mother^HL70063").Append("NK1|2|SAMPL\u00c9^JOS\u00c9|FTH^Father^HL70063", "NK1|3|sampl\u00e9^jos\u00e9|FTH^Father^HL70063");

        registry.Send(Delivery.OneChunk, First, accented);

        Assert.That(registry.Count("next_of_kin"), Is.EqualTo(3));
    }
}
