using Registry.Ingest.Tests.Support;

namespace Registry.Ingest.Tests.Storage;

/// <summary>
/// A vaccination is identified by (sending facility, ORC-3) when ORC-3 is sent, else by (patient,
/// CVX, administration date). Sent again, with RXA-21 A or U, the one row is updated and the
/// observations of each code sent are replaced, never doubled; codes not sent are kept.
/// </summary>
[TestFixture]
internal sealed class VaccinationStorageTests
{
    private static readonly VxuBuilder First = SampleVxu.Valid251().With("MSH-10", "MSG1");

    private StorageHarness registry = null!;

    [SetUp]
    public async Task Start() => registry = await StorageHarness.StartAsync();

    [TearDown]
    public async Task Stop() => await registry.DisposeAsync();

    [TestCase("A", Delivery.SeparateFiles)]
    [TestCase("U", Delivery.SeparateFiles)]
    [TestCase("A", Delivery.OneChunk)]
    [TestCase("U", Delivery.OneChunk)]
    [TestCase("U", Delivery.ChunkPerMessage)]
    public void Ingest_SameOrderNumberAgain_UpdatesTheOneRowAndReplacesItsObservations(string action, Delivery delivery)
    {
        var again = First.With("MSH-10", "MSG2").With("RXA-21", action).With("RXA-15", "LOT999")
            .With("OBX[1]-5", "V03^VFC eligible - Uninsured^HL70064");

        registry.Send(delivery, First, again);

        Assert.That(registry.Query<string>("SELECT filler_order_id || ' ' || lot_number || ' ' || action_code || ' ' || vfc_eligibility FROM registry.vaccination"),
            Is.EqualTo(new[] { $"VAX-0001 LOT999 {action} V03" }));
        Assert.That(registry.Query<string>("SELECT code || ' ' || value FROM registry.observation ORDER BY ordinal"),
            Is.EqualTo(new[] { "64994-7 V03", "30963-3 VXC50", "29768-9 20150807", "29769-7 20240515" }));
        Assert.That(registry.Count("vaccination_vis"), Is.EqualTo(1));
    }

    [TestCase(Delivery.SeparateFiles)]
    [TestCase(Delivery.OneChunk)]
    [TestCase(Delivery.ChunkPerMessage)]
    public void Ingest_UpdateLeavingTheLotEmpty_KeepsTheStoredLotAndQuotesClearIt(Delivery delivery)
    {
        var empty = First.With("MSH-10", "MSG2").With("RXA-21", "U").With("RXA-15", string.Empty).With("RXA-6", string.Empty);
        var cleared = First.With("MSH-10", "MSG3").With("RXA-21", "U").With("RXA-15", "\"\"");

        registry.Send(delivery, First, empty);
        var kept = registry.Query<string>("SELECT coalesce(lot_number, 'null') || ' ' || coalesce(amount::text, 'null') FROM registry.vaccination");
        registry.Send(Delivery.SeparateFiles, cleared);

        Assert.That(kept, Is.EqualTo(new[] { "LOT123 0.5" }), "empty means no change");
        Assert.That(registry.Query<string>("SELECT coalesce(lot_number, 'null') FROM registry.vaccination"), Is.EqualTo(new[] { "null" }), "\"\" clears");
    }

    [TestCase(Delivery.SeparateFiles)]
    [TestCase(Delivery.OneChunk)]
    [TestCase(Delivery.ChunkPerMessage)]
    public void Ingest_UpdateWithAmountAndExpirationAsQuotes_ClearsThemAndALaterValueWins(Delivery delivery)
    {
        var cleared = First.With("MSH-10", "MSG2").With("RXA-21", "U").With("RXA-6", "\"\"").With("RXA-16", "\"\"").With("RXA-17", "\"\"");
        var expiration = First.With("MSH-10", "MSG3").With("RXA-21", "U").With("RXA-6", string.Empty).With("RXA-16", "20261231");

        registry.Send(delivery, First, cleared);
        var afterClear = Typed();
        registry.Send(delivery, expiration);

        Assert.That(afterClear, Is.EqualTo(new[] { "null null null" }), "\"\" clears");
        Assert.That(Typed(), Is.EqualTo(new[] { "null 2026-12-31 SKB" }), "empty keeps the clear, a value replaces it");
    }

    [TestCase(Delivery.SeparateFiles)]
    [TestCase(Delivery.OneChunk)]
    [TestCase(Delivery.ChunkPerMessage)]
    public void Ingest_SameOrderNumberForAnotherPatient_IsThatPatientsOwnVaccination(Delivery delivery)
    {
        // An EHR numbering orders per patient: order 1 of one patient is not order 1 of another.
        var first = First.With("ORC-3", "1^MYEHR");
        var other = First.With("MSH-10", "MSG2").With("PID-3", "OTHER99^^^CLINIC01^MR").With("ORC-3", "1^MYEHR").With("RXA-5", "08^HepB^CVX");

        registry.Send(delivery, first, other);

        Assert.That(registry.Query<string>("SELECT p.id_value || ' ' || v.cvx_code FROM registry.vaccination v JOIN registry.patient p ON p.id = v.patient_id ORDER BY 1"),
            Is.EqualTo(new[] { "OTHER99 08", "PAT12345 141" }));
    }

    [TestCase(Delivery.SeparateFiles)]
    [TestCase(Delivery.OneChunk)]
    public void Ingest_MeaninglessOrderNumber9999_IdentifiesNothing(Delivery delivery)
    {
        // The CDC guide's refusals carry ORC-3 9999: two refusals are two vaccinations, of their own patients.
        var refusal = First.With("ORC-3", "9999^CDC").With("RXA-20", "RE").With("RXA-18", "00^Parental decision^NIP002").With("RXA-9", "");
        var another = refusal.With("MSH-10", "MSG2").With("RXA-5", "08^HepB^CVX");
        var otherPatient = refusal.With("MSH-10", "MSG3").With("PID-3", "OTHER99^^^CLINIC01^MR");

        registry.Send(delivery, refusal, another, otherPatient);

        Assert.That(registry.Query<string>("SELECT p.id_value || ' ' || v.cvx_code || ' ' || coalesce(v.filler_order_id, 'null') FROM registry.vaccination v JOIN registry.patient p ON p.id = v.patient_id ORDER BY 1"),
            Is.EqualTo(new[] { "OTHER99 141 null", "PAT12345 08 null", "PAT12345 141 null" }));
    }

    [TestCase(Delivery.SeparateFiles)]
    [TestCase(Delivery.OneChunk)]
    [TestCase(Delivery.ChunkPerMessage)]
    public void Ingest_ProviderSentAgain_ReplacesTheWholeProviderNeverHalfOfIt(Delivery delivery)
    {
        var named = First.With("RXA-10", "222^NURSE^NANCY");
        var idOnly = First.With("MSH-10", "MSG2").With("RXA-21", "U").With("RXA-10", "333");
        var notSent = First.With("MSH-10", "MSG3").With("RXA-21", "U").With("RXA-10", string.Empty).With("RXA-15", "LOT2");
        var cleared = First.With("MSH-10", "MSG4").With("RXA-21", "U").With("RXA-10", "\"\"");

        registry.Send(delivery, named, idOnly);
        var replaced = Provider();
        registry.Send(delivery, notSent);
        var kept = Provider();
        registry.Send(delivery, cleared);

        Assert.That(replaced, Is.EqualTo(new[] { "333 null" }), "another provider's name must not stay beside the new id");
        Assert.That(kept, Is.EqualTo(new[] { "333 null" }), "not sent keeps the provider");
        Assert.That(Provider(), Is.EqualTo(new[] { "null null" }), "\"\" clears it");
    }

    private List<string> Provider() => registry.Query<string>(
        "SELECT coalesce(administering_provider_id, 'null') || ' ' || coalesce(administering_provider, 'null') FROM registry.vaccination");

    [TestCase(Delivery.SeparateFiles)]
    [TestCase(Delivery.OneChunk)]
    [TestCase(Delivery.ChunkPerMessage)]
    public void Ingest_RouteEligibilityAndFundingSentAsQuotes_AreCleared(Delivery delivery)
    {
        var cleared = First.With("MSH-10", "MSG2").With("RXA-21", "U").With("RXR-1", "\"\"").With("OBX[1]-5", "\"\"").With("OBX[2]-5", "\"\"");

        registry.Send(delivery, First, cleared);

        Assert.That(registry.Query<string>("SELECT coalesce(route, 'null') || ' ' || coalesce(site, 'null') || ' ' || coalesce(vfc_eligibility, 'null') || ' ' || coalesce(funding_source, 'null') FROM registry.vaccination"),
            Is.EqualTo(new[] { "null LD null null" }));
    }

    [TestCase(Delivery.SeparateFiles)]
    [TestCase(Delivery.OneChunk)]
    [TestCase(Delivery.ChunkPerMessage)]
    public void Ingest_RefusalUpdatedIntoAGivenDose_LosesItsRefusalReason(Delivery delivery)
    {
        var refused = First.With("RXA-20", "RE").With("RXA-18", "00^Parental decision^NIP002").With("RXA-9", string.Empty).With("RXA-15", string.Empty);
        var given = First.With("MSH-10", "MSG2").With("RXA-21", "U");

        registry.Send(delivery, refused, given);

        Assert.That(registry.Query<string>("SELECT completion_status || ' ' || coalesce(refusal_reason, 'null') FROM registry.vaccination"), Is.EqualTo(new[] { "CP null" }));
    }

    /// <summary>§1: RXA-9 sent as "" clears the stored source (a historical record corrected into a dose given here); left empty, it is kept.</summary>
    [TestCase(Delivery.SeparateFiles)]
    [TestCase(Delivery.OneChunk)]
    [TestCase(Delivery.ChunkPerMessage)]
    public void Ingest_InformationSourceSentAsQuotes_IsClearedAndLeftEmptyIsKept(Delivery delivery)
    {
        var historical = First.With("RXA-9", "01^Historical^NIP001");
        var cleared = First.With("MSH-10", "MSG2").With("RXA-21", "U").With("RXA-9", "\"\"");
        var keptAgain = First.With("MSH-10", "MSG3").With("RXA-21", "U").With("RXA-9", "01^Historical^NIP001").With("ORC-3", "VAX-0002^MYEHR").With("RXA-3", "20240510");
        var leftEmpty = keptAgain.With("MSH-10", "MSG4").With("RXA-9", string.Empty);

        registry.Send(delivery, historical, cleared, keptAgain, leftEmpty);

        Assert.That(registry.Query<string>("SELECT filler_order_id || ' ' || coalesce(information_source, 'null') FROM registry.vaccination ORDER BY filler_order_id"),
            Is.EqualTo(new[] { "VAX-0001 null", "VAX-0002 01" }));
    }

    /// <summary>A given dose later sent as refused keeps nothing of the dose that was not given: no source, lot, manufacturer, amount, expiration, route, site, eligibility or funding.</summary>
    [TestCase(Delivery.SeparateFiles)]
    [TestCase(Delivery.OneChunk)]
    [TestCase(Delivery.ChunkPerMessage)]
    public void Ingest_GivenDoseUpdatedIntoARefusal_KeepsNoneOfTheGivenDosesDetails(Delivery delivery)
    {
        var refused = SampleVxu.Valid251().With("MSH-10", "MSG2").With("RXA-21", "U").With("RXA-20", "RE").With("RXA-18", "00^Parental decision^NIP002")
            .With("RXA-9", string.Empty).With("RXA-6", "0").With("RXA-7", string.Empty).With("RXA-15", string.Empty).With("RXA-16", string.Empty).With("RXA-17", string.Empty)
            .Without("RXR").Without("OBX[4]").Without("OBX[3]").Without("OBX[2]").Without("OBX[1]");

        registry.Send(delivery, First, refused);

        Assert.That(registry.Query<string>(
            """
            SELECT concat_ws(' ', completion_status, refusal_reason, coalesce(information_source, '-'), coalesce(lot_number, '-'), coalesce(mvx_code, '-'),
                             amount, coalesce(amount_units, '-'), coalesce(expiration_date::text, '-'), coalesce(route, '-'), coalesce(site, '-'),
                             coalesce(vfc_eligibility, '-'), coalesce(funding_source, '-'))
            FROM registry.vaccination
            """), Is.EqualTo(new[] { "RE 00 - - - 0 - - - - - -" }));
        Assert.That(registry.Query<string>("SELECT code FROM registry.observation ORDER BY ordinal"), Is.EqualTo(new[] { "29768-9", "29769-7" }),
            "nor its eligibility and funding observations; the VIS it was given stays");
    }

    /// <summary>Refused, then given again, in one file: the refusal took the eligibility and funding observations, however the file is cut.</summary>
    [TestCase(Delivery.SeparateFiles)]
    [TestCase(Delivery.OneChunk)]
    [TestCase(Delivery.ChunkPerMessage)]
    public void Ingest_GivenDoseRefusedThenGivenAgainWithoutObservations_KeepsNoEligibilityObservations(Delivery delivery)
    {
        var refused = SampleVxu.Valid251().With("MSH-10", "MSG2").With("RXA-21", "U").With("RXA-20", "RE").With("RXA-18", "00^Parental decision^NIP002")
            .With("RXA-9", string.Empty).Without("OBX[4]").Without("OBX[3]").Without("OBX[2]").Without("OBX[1]");
        var givenAgain = SampleVxu.Valid251().With("MSH-10", "MSG3").With("RXA-21", "U").Without("OBX[4]").Without("OBX[3]").Without("OBX[2]").Without("OBX[1]");
        registry.Ingest(First.Text);

        registry.Send(delivery, refused, givenAgain);

        Assert.That(registry.Query<string>("SELECT concat_ws(' ', completion_status, coalesce(vfc_eligibility, '-'), coalesce(funding_source, '-')) FROM registry.vaccination"),
            Is.EqualTo(new[] { "CP - -" }));
        Assert.That(registry.Query<string>("SELECT code FROM registry.observation ORDER BY ordinal"), Is.EqualTo(new[] { "29768-9", "29769-7" }));
    }

    [TestCase(Delivery.SeparateFiles)]
    [TestCase(Delivery.OneChunk)]
    public void Ingest_RefusalResentWithoutItsReason_KeepsIt(Delivery delivery)
    {
        var refused = First.With("RXA-20", "RE").With("RXA-18", "00^Parental decision^NIP002").With("RXA-9", string.Empty).With("RXA-15", string.Empty);
        var again = refused.With("MSH-10", "MSG2").With("RXA-21", "U").With("RXA-18", string.Empty);

        registry.Send(delivery, refused, again);

        Assert.That(registry.Query<string>("SELECT completion_status || ' ' || coalesce(refusal_reason, 'null') FROM registry.vaccination"), Is.EqualTo(new[] { "RE 00" }));
    }

    [TestCase(Delivery.SeparateFiles)]
    [TestCase(Delivery.OneChunk)]
    [TestCase(Delivery.ChunkPerMessage)]
    public void Ingest_Delete_IsTheVaccinationsLastChangeInItsProvenance(Delivery delivery)
    {
        var delete = First.With("MSH-10", "MSG2").With("RXA-21", "D");

        registry.Send(delivery, First, delete);

        Assert.That(registry.Query<string>(
            """
            SELECT m.control_id || ' ' || v.action_code || ' ' || (v.line = m.first_line + 5) || ' ' || (v.deleted_at IS NOT NULL)
            FROM registry.vaccination v JOIN registry.message m ON m.id = v.message_id
            """),
            Is.EqualTo(new[] { "MSG2 D true true" }));
    }

    [Test]
    public void Ingest_EscapedNulInValues_IsDroppedAndTheFileIsStored()
    {
        var run = registry.Ingest(First.With("MSH-10", @"MSG\X00\1").With("RXA-15", @"LOT\X00\9").With("RXA-10", @"1\X00\2^NURSE").Text);

        Assert.That(run.Ack, Does.Contain("MSA|AA|"));
        Assert.That(registry.Query<string>("SELECT m.control_id || ' ' || v.lot_number || ' ' || v.administering_provider_id FROM registry.vaccination v JOIN registry.message m ON m.id = v.message_id"),
            Is.EqualTo(new[] { "MSG1 LOT9 12" }));
    }

    private List<string> Typed() => registry.Query<string>(
        "SELECT coalesce(amount::text, 'null') || ' ' || coalesce(expiration_date::text, 'null') || ' ' || coalesce(mvx_code, 'null') FROM registry.vaccination");

    [Test]
    public void Ingest_ClearThenNotSentInOneChunk_KeepsTheClear()
    {
        registry.Ingest(First.Text);
        var cleared = First.With("MSH-10", "MSG2").With("RXA-21", "U").With("RXA-6", "\"\"").With("RXA-16", "\"\"");
        var notSent = First.With("MSH-10", "MSG3").With("RXA-21", "U").With("RXA-6", string.Empty).With("RXA-16", string.Empty).With("RXA-15", "LOT777");

        registry.Ingest(cleared.Text + notSent.Text);

        Assert.That(registry.Query<string>("SELECT coalesce(amount::text, 'null') || ' ' || coalesce(expiration_date::text, 'null') || ' ' || lot_number FROM registry.vaccination"),
            Is.EqualTo(new[] { "null null LOT777" }));
    }

    [Test]
    public void Ingest_NewVaccinationWithQuotedSiteAndManufacturer_StoresNullNotQuotes()
    {
        registry.Ingest(First.With("RXR-2", "\"\"").With("RXA-17", "\"\"").Text);

        Assert.That(registry.Query<string>("SELECT coalesce(site, 'null') || ' ' || coalesce(mvx_code, 'null') FROM registry.vaccination"), Is.EqualTo(new[] { "null null" }));
    }

    [Test]
    public void Ingest_OneOrderNumberForTwoVaccinesInAMessage_StoresBothByPatientVaccineAndDate()
    {
        // As the NDIIS examples send: before, the hepatitis B dose overwrote the influenza dose.
        var sameOrder = SampleVxu.TwoVaccinations251().With("ORC[2]-3", "VAX-0001^MYEHR");

        registry.Ingest(sameOrder.Text);
        registry.Ingest(sameOrder.With("MSH-10", "AGAIN").Text);

        Assert.That(registry.Query<string>("SELECT coalesce(filler_order_id, 'none') || ' ' || cvx_code FROM registry.vaccination ORDER BY cvx_code"),
            Is.EqualTo(new[] { "none 08", "none 141" }), "stored once each, by patient, vaccine and date");
    }

    [Test]
    public void Ingest_OneOrderNumberForTwoFluDosesAndAHepatitisBDose_StoresTheFluDoseOnce()
    {
        // Flu, hepatitis B, flu again under one ORC-3: the ORC-3 identifies none of them, so the
        // two flu doses of one day are one record by patient, vaccine and date.
        var third = SampleVxu.TwoVaccinations251().With("ORC[2]-3", "VAX-0001^MYEHR").Append(
            "ORC|RE||VAX-0001^MYEHR",
            "RXA|0|1|" + SampleVxu.AdministrationDate + "||141^Influenza^CVX|0.5|mL^mL^UCUM||00^New immunization record^NIP001|^NURSE^NANCY|^^^CLINIC01||||LOT777|20250630|SKB^GlaxoSmithKline^MVX|||CP|A");

        registry.Ingest(third.Text);

        Assert.That(registry.Query<string>("SELECT coalesce(filler_order_id, 'none') || ' ' || cvx_code || ' ' || lot_number FROM registry.vaccination ORDER BY cvx_code"),
            Is.EqualTo(new[] { "none 08 HB2024A", "none 141 LOT777" }));
    }

    [TestCase(Delivery.SeparateFiles)]
    [TestCase(Delivery.OneChunk)]
    [TestCase(Delivery.ChunkPerMessage)]
    public void Ingest_UpdateWithoutTheVisObservations_ReplacesTheCodesSentAndKeepsTheVis(Delivery delivery)
    {
        var fewer = First.With("MSH-10", "MSG2").With("RXA-21", "U").With("OBX[1]-5", "V03^VFC eligible - Uninsured^HL70064").Without("OBX[4]").Without("OBX[3]");

        registry.Send(delivery, First, fewer);

        Assert.That(registry.Query<string>("SELECT code || ' ' || value FROM registry.observation ORDER BY code"),
            Is.EqualTo(new[] { "29768-9 20150807", "29769-7 20240515", "30963-3 VXC50", "64994-7 V03" }), "a message is part of a history: what it leaves out stays");
        Assert.That(registry.Query<int>("SELECT ordinal FROM registry.observation ORDER BY ordinal"), Is.Unique);
        Assert.That(registry.Count("vaccination_vis"), Is.EqualTo(1), "no VIS code was sent again");
        Assert.That(registry.Query<string>("SELECT vfc_eligibility || ' ' || funding_source FROM registry.vaccination"), Is.EqualTo(new[] { "V03 VXC50" }));
    }

    [TestCase(Delivery.SeparateFiles)]
    [TestCase(Delivery.OneChunk)]
    [TestCase(Delivery.ChunkPerMessage)]
    public void Ingest_UpdateWithoutAnyObservation_KeepsThemAllAndTheirColumns(Delivery delivery)
    {
        var lotOnly = First.With("MSH-10", "MSG2").With("RXA-21", "U").With("RXA-15", "LOT999").Without("OBX[4]").Without("OBX[3]").Without("OBX[2]").Without("OBX[1]");

        registry.Send(delivery, First, lotOnly);

        Assert.That(registry.Query<string>("SELECT code || ' ' || value FROM registry.observation ORDER BY ordinal"),
            Is.EqualTo(new[] { "64994-7 V02", "30963-3 VXC50", "29768-9 20150807", "29769-7 20240515" }));
        Assert.That(registry.Count("vaccination_vis"), Is.EqualTo(1));
        Assert.That(registry.Query<string>("SELECT lot_number || ' ' || vfc_eligibility || ' ' || funding_source FROM registry.vaccination"), Is.EqualTo(new[] { "LOT999 V02 VXC50" }));
    }

    [TestCase(Delivery.SeparateFiles)]
    [TestCase(Delivery.OneChunk)]
    [TestCase(Delivery.ChunkPerMessage)]
    public void Ingest_UpdateWithOneVisCode_ReplacesTheWholeVisGroup(Delivery delivery)
    {
        // The presentation date alone: the VIS documents are the ones it describes now.
        var presented = First.With("MSH-10", "MSG2").With("RXA-21", "U").Without("OBX[3]").With("OBX[3]-5", "20240516").Without("OBX[2]").Without("OBX[1]");

        registry.Send(delivery, First, presented);

        Assert.That(registry.Query<string>("SELECT code || ' ' || value FROM registry.observation ORDER BY code"),
            Is.EqualTo(new[] { "29769-7 20240516", "30963-3 VXC50", "64994-7 V02" }));
        Assert.That(registry.Query<string>("SELECT coalesce(published_on::text, 'none') || ' ' || presented_on FROM registry.vaccination_vis"), Is.EqualTo(new[] { "none 2024-05-16" }));
    }

    [TestCase(Delivery.SeparateFiles)]
    [TestCase(Delivery.OneChunk)]
    [TestCase(Delivery.ChunkPerMessage)]
    public void Ingest_WithoutOrderNumber_IsMatchedByPatientVaccineAndDate(Delivery delivery)
    {
        var withoutOrc3 = First.With("ORC-3", string.Empty);

        registry.Send(delivery, withoutOrc3, withoutOrc3.With("MSH-10", "MSG2").With("RXA-15", "LOT999"));

        Assert.That(registry.Query<string>("SELECT coalesce(filler_order_id, 'none') || ' ' || cvx_code || ' ' || administered_on || ' ' || lot_number FROM registry.vaccination"),
            Is.EqualTo(new[] { "none 141 2024-05-15 LOT999" }));
        Assert.That(registry.Count("observation"), Is.EqualTo(4));
    }

    [TestCase("RXA-3", "20240514", TestName = "{m}(another date)")]
    [TestCase("RXA-5", "08^Hep B, adolescent or pediatric^CVX", TestName = "{m}(another vaccine)")]
    [TestCase("PID-3", "PAT99999^^^CLINIC01^MR", TestName = "{m}(another patient)")]
    public void Ingest_WithoutOrderNumberAndAnotherEvent_IsAnotherVaccination(string position, string value)
    {
        var withoutOrc3 = First.With("ORC-3", string.Empty);

        registry.Ingest(withoutOrc3.Text + withoutOrc3.With("MSH-10", "MSG2").With(position, value).Text);

        Assert.That(registry.Count("vaccination"), Is.EqualTo(2));
        Assert.That(registry.Count("observation"), Is.EqualTo(8));
    }

    [Test]
    public void Ingest_OrderGroupDroppedForAnError_StoresTheRestOfTheMessage()
    {
        var run = registry.Ingest(SampleVxu.TwoVaccinations251().With("MSH-10", "MSG1").With("RXA[2]-5", "XYZ^Unknown^CVX").Text);

        Assert.That(run.ParsedAck.Codes, Is.EqualTo(new[] { "AE" }));
        Assert.That(registry.Query<string>("SELECT filler_order_id FROM registry.vaccination"), Is.EqualTo(new[] { "VAX-0001" }));
        Assert.That(registry.Query<string>("SELECT ack_code || ' ' || stored FROM registry.message"), Is.EqualTo(new[] { "AE true" }));
        Assert.That(registry.Count("patient"), Is.EqualTo(1));
    }

    [Test]
    public void Ingest_RejectedMessage_LogsTheMessageButStoresNoPatientOrVaccination()
    {
        registry.Ingest(First.With("PID-7", string.Empty).Text);

        Assert.That(registry.Query<string>("SELECT ack_code || ' ' || stored FROM registry.message"), Is.EqualTo(new[] { "AE false" }));
        Assert.That(registry.Query<string>("SELECT rule_id FROM registry.message_issue"), Is.EqualTo(new[] { "pid-7-missing" }));
        Assert.That(registry.Count("patient") + registry.Count("vaccination"), Is.Zero);
    }

    [Test]
    public void Ingest_SameOrderNumberFromAnotherFacility_IsAnotherVaccination()
    {
        registry.Ingest(First.Text);

        registry.Ingest(First.With("MSH-10", "MSG2").With("MSH-4", "CLINIC02").Text);

        Assert.That(registry.Query<string>("SELECT sending_facility || ' ' || filler_order_id FROM registry.vaccination ORDER BY 1"),
            Is.EqualTo(new[] { "CLINIC01 VAX-0001", "CLINIC02 VAX-0001" }));
    }
}
