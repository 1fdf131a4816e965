using Registry.Ingest.Tests.Support;

namespace Registry.Ingest.Tests.Storage;

/// <summary>
/// A patient is identified by sending facility and PID-3 identifier (type MR, else the first) with its
/// assigning authority. A later message updates it: a field left empty keeps its value, a field sent
/// as <c>""</c> clears it, a new value replaces it, whether the messages come in one chunk, in two
/// chunks of one file or in two files.
/// </summary>
[TestFixture]
internal sealed class PatientStorageTests
{
    private StorageHarness registry = null!;

    [SetUp]
    public async Task Start() => registry = await StorageHarness.StartAsync();

    [TearDown]
    public async Task Stop() => await registry.DisposeAsync();

    [TestCase(Delivery.SeparateFiles)]
    [TestCase(Delivery.OneChunk)]
    [TestCase(Delivery.ChunkPerMessage)]
    public void Ingest_SecondMessageForThePatient_KeepsEmptyFieldsClearsQuotedOnesReplacesTheRest(Delivery delivery)
    {
        var second = SampleVxu.Valid251()
            .With("MSH-10", "MSG2")
            .With("PID-6", string.Empty)      // mother's maiden name not sent: kept
            .With("PID-8", string.Empty)      // sex not sent: kept
            .With("PID-5.3", "\"\"")          // middle name sent as "": cleared
            .With("PID-11.3", "FARGO")        // city: replaced
            .With("PID-11.5", "\"\"");        // zip sent as "": cleared

        registry.Send(delivery, SampleVxu.Valid251().With("MSH-10", "MSG1"), second);

        var patient = registry.Query<(string? Family, string? Given, string? Middle, string? Maiden, string? Sex, string? Street, string? City, string? Zip)>(
            "SELECT family_name, given_name, middle_name, mother_maiden_name, sex, street, city, zip FROM registry.patient");
        Assert.That(patient, Is.EqualTo(new[] { ("SAMPLE", "ALEXANDRA", (string?)null, "MOTHERLY", "F", "123 MAIN ST", "FARGO", (string?)null) }));
    }

    [Test]
    public void Ingest_IdentifierLongerThanAnIndexTakes_RejectsItsMessageAndStoresTheRest()
    {
        // 3,000 characters: past the ~2,700 bytes a btree index row takes, which failed the whole file.
        var text = SampleVxu.Valid251().With("MSH-10", "MSG1").With("PID-3", new string('7', 3000) + "^^^CLINIC01^MR").Text
            + SampleVxu.Valid251().With("MSH-10", "MSG2").Text;

        var run = registry.Ingest(text);

        Assert.That(run.Outcome.Counts.MessagesRead, Is.EqualTo(2));
        Assert.That(run.Ack, Does.Contain("MSA|AE|MSG1").And.Contain("MSA|AA|MSG2").And.Contain("[value-too-long]"));
        Assert.That(registry.Count("patient"), Is.EqualTo(1));
        Assert.That(registry.Scalar<string>("SELECT status FROM registry.submission_file"), Is.EqualTo("processed"));
    }

    [TestCase(Delivery.SeparateFiles)]
    [TestCase(Delivery.OneChunk)]
    [TestCase(Delivery.ChunkPerMessage)]
    public void Ingest_RacesBirthOrderAndDeathDateSentAsQuotes_AreClearedAndLeftEmptyAreKept(Delivery delivery)
    {
        var first = SampleVxu.Valid251().With("MSH-10", "MSG1")
            .With("PID-10", "2106-3^White^CDCREC~2054-5^Black or African-American^CDCREC")
            .With("PID-24", "Y").With("PID-25", "2").With("PID-29", "20240510").With("PID-30", "Y");
        var empty = SampleVxu.Valid251().With("MSH-10", "MSG2").With("PID-10", string.Empty);
        var quoted = SampleVxu.Valid251().With("MSH-10", "MSG3").With("PID-10", "\"\"").With("PID-25", "\"\"").With("PID-29", "\"\"").With("PID-30", "\"\"");

        registry.Send(delivery, first, empty);
        var kept = Typed();
        registry.Send(delivery, quoted);

        Assert.That(kept, Is.EqualTo(new[] { "2054-5,2106-3 2 2024-05-10 Y" }), "empty keeps");
        Assert.That(Typed(), Is.EqualTo(new[] { "null null null null" }), "\"\" clears");
    }

    [Test]
    public void Ingest_ValueSentAfterQuotesInOneChunk_IsTheOneStored()
    {
        var first = SampleVxu.Valid251().With("MSH-10", "MSG1").With("PID-25", "2").With("PID-29", "20240510");
        var quoted = SampleVxu.Valid251().With("MSH-10", "MSG2").With("PID-10", "\"\"").With("PID-25", "\"\"").With("PID-29", "\"\"");
        var again = SampleVxu.Valid251().With("MSH-10", "MSG3").With("PID-10", "2028-9^Asian^CDCREC").With("PID-25", "3").With("PID-29", string.Empty);

        registry.Ingest(first.Text);
        registry.Ingest(quoted.Text + again.Text);

        Assert.That(Typed(), Is.EqualTo(new[] { "2028-9 3 null null" }), "the later message's values win; its empty death date keeps the earlier message's clear");
    }

    private List<string> Typed() => registry.Query<string>(
        "SELECT CASE WHEN races IS NULL THEN 'null' ELSE array_to_string(ARRAY(SELECT unnest(races) ORDER BY 1), ',') END || ' ' || coalesce(birth_order::text, 'null') || ' ' || coalesce(death_date::text, 'null') || ' ' || coalesce(death_indicator, 'null') FROM registry.patient");

    [TestCase(Delivery.SeparateFiles)]
    [TestCase(Delivery.OneChunk)]
    [TestCase(Delivery.ChunkPerMessage)]
    public void Ingest_IdentifiersSentAgainAndNew_AccumulateWithoutDuplicates(Delivery delivery)
    {
        var first = SampleVxu.Valid251().With("MSH-10", "MSG1");
        var second = first.With("MSH-10", "MSG2").With("PID-3", "123-45-6789^^^SSA^SS~PAT12345^^^CLINIC01^MR");
        var third = first.With("MSH-10", "MSG3").With("PID-3", "PAT12345^^^CLINIC01^MR~123-45-6789^^^SSA^SS");

        registry.Send(delivery, first, second, third);

        Assert.That(registry.Count("patient"), Is.EqualTo(1));
        Assert.That(registry.Query<string>("SELECT value || ' ' || type || ' ' || authority FROM registry.patient_identifier ORDER BY 1"),
            Is.EqualTo(new[] { "123-45-6789 SS SSA", "PAT12345 MR CLINIC01" }));
    }

    [Test]
    public void Ingest_SameIdentifierFromAnotherFacilityOrAuthority_IsAnotherPatient()
    {
        var clinic01 = SampleVxu.Valid251().With("MSH-10", "MSG1");
        var clinic02 = clinic01.With("MSH-10", "MSG2").With("MSH-4", "CLINIC02").With("ORC-3", "VAX-0001^OTHEREHR");
        var otherAuthority = clinic01.With("MSH-10", "MSG3").With("PID-3", "PAT12345^^^OTHERAUTH^MR").With("ORC-3", "VAX-0003^MYEHR");

        registry.Ingest(clinic01.Text + clinic02.Text + otherAuthority.Text);

        Assert.That(registry.Query<string>("SELECT sending_facility || ' ' || id_value || ' ' || id_authority FROM registry.patient ORDER BY 1"),
            Is.EqualTo(new[] { "CLINIC01 PAT12345 CLINIC01", "CLINIC01 PAT12345 OTHERAUTH", "CLINIC02 PAT12345 CLINIC01" }));
    }

    /// <summary>
    /// A field whose repetitions are <c>""</c> and a value is that value (the null repetition says
    /// nothing of it); repetitions that are all <c>""</c> clear as <c>""</c> does; a race sent twice is one.
    /// </summary>
    [TestCase(Delivery.SeparateFiles)]
    [TestCase(Delivery.OneChunk)]
    [TestCase(Delivery.ChunkPerMessage)]
    public void Ingest_QuotedRepetitionsBesideValues_KeepTheValuesAndAllQuotedClears(Delivery delivery)
    {
        var first = SampleVxu.Valid251().With("MSH-10", "MSG1").With("PID-10", "2106-3^White^CDCREC~2106-3^White^CDCREC~2054-5^Black^CDCREC");
        var second = SampleVxu.Valid251().With("MSH-10", "MSG2")
            .With("PID-11", "\"\"~9 OAK^^PEORIA^IL^61602^^H")
            .With("PID-13", "\"\"~^PRN^PH^^^309^5559999");

        registry.Send(delivery, first);
        var races = registry.Query<string>("SELECT array_to_string(races, ',') FROM registry.patient");
        registry.Send(delivery, second, SampleVxu.Valid251().With("MSH-10", "MSG3").With("PID-10", "\"\"~\"\"").With("PID-11", string.Empty).With("PID-13", string.Empty));

        Assert.That(races, Is.EqualTo(new[] { "2106-3,2054-5" }).Or.EqualTo(new[] { "2054-5,2106-3" }));
        Assert.That(registry.Query<string>("SELECT concat_ws(',', street, city, zip, phone_area, phone_local, coalesce(array_to_string(races, ','), 'no races')) FROM registry.patient"),
            Is.EqualTo(new[] { "9 OAK,PEORIA,61602,309,5559999,no races" }));
    }

    /// <summary>
    /// An assigning authority sent only as its universal id (an OID) is that authority, as for
    /// MSH-4: two children numbered 777 by two systems were one patient, the second overwriting
    /// the first, when the authority was read from the namespace id alone.
    /// </summary>
    [Test]
    public void Ingest_AuthoritiesSentOnlyAsOids_AreTheirOwnAuthorities()
    {
        var first = SampleVxu.Valid251().With("MSH-10", "MSG1").With("PID-3", "777^^^&2.16.840.1.113883.3.1&ISO^MR").With("ORC-3", "VAX-1^^2.16.840.1.113883.3.1^ISO");
        var other = first.With("MSH-10", "MSG2").With("PID-3", "777^^^&2.16.840.1.113883.3.2&ISO^MR").With("PID-5", "TWO^BOBBY^^^^^L").With("ORC-3", "VAX-2^^2.16.840.1.113883.3.2^ISO");
        var again = first.With("MSH-10", "MSG3").With("PID-8", "M");

        registry.Ingest(first.Text + other.Text + again.Text);

        Assert.That(registry.Query<string>("SELECT id_authority || ' ' || family_name || ' ' || sex FROM registry.patient ORDER BY id"),
            Is.EqualTo(new[] { "2.16.840.1.113883.3.1 SAMPLE M", "2.16.840.1.113883.3.2 TWO F" }));
        Assert.That(registry.Query<string>("SELECT value || ' ' || authority FROM registry.patient_identifier ORDER BY patient_id"),
            Is.EqualTo(new[] { "777 2.16.840.1.113883.3.1", "777 2.16.840.1.113883.3.2" }));
        Assert.That(registry.Query<string>("SELECT filler_order_id || ' ' || filler_order_authority FROM registry.vaccination ORDER BY id"),
            Is.EqualTo(new[] { "VAX-1 2.16.840.1.113883.3.1", "VAX-2 2.16.840.1.113883.3.2" }));
    }

    [TestCase(Delivery.SeparateFiles)]
    [TestCase(Delivery.OneChunk)]
    [TestCase(Delivery.ChunkPerMessage)]
    public void Ingest_WholeAddressAndPhoneSentAsQuotes_ClearEveryPartOfThem(Delivery delivery)
    {
        var cleared = SampleVxu.Valid251().With("MSH-10", "MSG2").With("PID-11", "\"\"").With("PID-13", "\"\"").With("NK1-4", "\"\"").With("NK1-5", "\"\"");

        registry.Send(delivery, SampleVxu.Valid251().With("MSH-10", "MSG1").With("PID-13", "^PRN^PH^^^701^5551234~^NET^X.400^a@example.org"), cleared);

        Assert.That(registry.Query<string>("SELECT concat_ws(',', street, city, state, zip, country, phone_area, phone_local, email) FROM registry.patient"), Is.EqualTo(new[] { string.Empty }));
        Assert.That(registry.Query<string>("SELECT concat_ws(',', street, city, state, zip, phone_area, phone_local) FROM registry.next_of_kin"), Is.EqualTo(new[] { string.Empty }));
    }

    [TestCase(Delivery.SeparateFiles)]
    [TestCase(Delivery.OneChunk)]
    public void Ingest_QuotesBesideANewNumber_ReplaceTheNumberAndKeepTheEmail(Delivery delivery)
    {
        // A "" repetition beside a real one says nothing: of the number, nor of the e-mail.
        var newNumber = SampleVxu.Valid251().With("MSH-10", "MSG2").With("PID-13", "\"\"~^PRN^PH^^^309^5559999");

        registry.Send(delivery, SampleVxu.Valid251().With("MSH-10", "MSG1").With("PID-13", "^PRN^PH^^^309^5551212~^NET^X.400^kid@example.com"), newNumber);

        Assert.That(registry.Query<string>("SELECT concat_ws(',', phone_area, phone_local, email) FROM registry.patient"), Is.EqualTo(new[] { "309,5559999,kid@example.com" }));
    }

    [Test]
    public void Ingest_SeveralAddressesAndPhones_KeepsTheFirstThatSaysWhereAndTheFirstNumber()
    {
        // An EHR that sends a type-only address and the e-mail first must not lose the real ones.
        registry.Ingest(SampleVxu.Valid251()
            .With("PID-11", "^^^^^^M~1 MAIN ST^^SPRINGFIELD^IL^62701^^H")
            .With("PID-13", "^NET^X.400^jane@example.org~^PRN^PH^^^217^5551234")
            .With("NK1-5", "^NET^X.400^mom@example.org~^PRN^PH^^^217^5559876").Text);

        Assert.That(registry.Query<string>("SELECT concat_ws(',', street, city, state, zip, phone_area, phone_local, email) FROM registry.patient"),
            Is.EqualTo(new[] { "1 MAIN ST,SPRINGFIELD,IL,62701,217,5551234,jane@example.org" }));
        Assert.That(registry.Query<string>("SELECT concat_ws(',', phone_area, phone_local) FROM registry.next_of_kin"), Is.EqualTo(new[] { "217,5559876" }));
    }

    [Test]
    public void Ingest_FacilityPaddedWithSpaces_IsTheSameFacility()
    {
        registry.Send(Delivery.SeparateFiles, SampleVxu.Valid251().With("MSH-10", "MSG1"), SampleVxu.Valid251().With("MSH-10", "MSG2").With("MSH-4", "CLINIC01   ").With("PID-8", "M"));

        Assert.That(registry.Query<string>("SELECT sending_facility || ' ' || sex FROM registry.patient"), Is.EqualTo(new[] { "CLINIC01 M" }));
    }

    [TestCase(Delivery.SeparateFiles)]
    [TestCase(Delivery.OneChunk)]
    [TestCase(Delivery.ChunkPerMessage)]
    public void Ingest_MoveRenameAndNewNumber_ReplaceTheWholeAddressNameAndPhone(Delivery delivery)
    {
        // Each is one value: the old apartment, zip, middle name or area code must not survive beside the new one.
        var first = SampleVxu.Valid251().With("MSH-10", "MSG1").With("PID-11", "1 OLD RD^APT 4^BISMARCK^ND^58501^USA^L^^015").With("PID-5", "BABY^GIRL^ANN^^^^L");
        var moved = SampleVxu.Valid251().With("MSH-10", "MSG2").With("PID-11", "900 LAKE SHORE DR^^CHICAGO^IL").With("PID-5", "SMITH^EMMA^^^^^L").With("PID-13", "^PRN^PH^^^^5559999");

        registry.Send(delivery, first, moved);

        Assert.That(registry.Query<string>("SELECT concat_ws(',', family_name, given_name, middle_name, street, street2, city, state, zip, country, county, phone_area, phone_local) FROM registry.patient"),
            Is.EqualTo(new[] { "SMITH,EMMA,900 LAKE SHORE DR,CHICAGO,IL,5559999" }));
    }

    [Test]
    public void Ingest_BirthPlaceAddressBeforeTheHomeOne_KeepsTheHomeAddressAndAliasNamesDoNotReplaceTheLegalOne()
    {
        registry.Ingest(SampleVxu.Valid251()
            .With("PID-11", "^^^WI^^^BDL~123 MAIN ST^^SPRINGFIELD^IL^62701^USA^L")
            .With("PID-5", "SUNNY^NICK^^^^^A~SAMPLE^ALEXANDRA^^^^^L").Text);

        Assert.That(registry.Query<string>("SELECT concat_ws(',', family_name, given_name, street, city, state) FROM registry.patient"),
            Is.EqualTo(new[] { "SAMPLE,ALEXANDRA,123 MAIN ST,SPRINGFIELD,IL" }));
    }
}
