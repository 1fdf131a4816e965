using Registry.Ingest.Immunization.Validation;
using Registry.Ingest.Immunization.Vxu;
using Registry.Ingest.Tests.Support;

namespace Registry.Ingest.Tests.Immunization.Vxu;

/// <summary>Order-group behaviour beyond one rule at a time: which checks apply to which kind of dose.</summary>
[TestFixture]
internal sealed class VxuValidatorOrderGroupTests
{
    [Test]
    public void Validate_OrderNumberOfAnotherVaccineAndThenOfTheSameOne_NamesTheOtherVaccine()
    {
        // Vaccination 3 repeats vaccination 1 (same vaccine and day) under the ORC-3 that 2, another vaccine, also used.
        var two = SampleVxu.TwoVaccinations251().With("ORC[2]-3", "VAX-0001^MYEHR");
        var segments = two.Segments.ToList();
        var message = two.Append([.. segments.Skip(segments.FindIndex(l => l.StartsWith("ORC", StringComparison.Ordinal))).Take(6)]);

        var result = VxuValidation.Validate(message);

        var reused = result.Issues.Where(i => i.Rule.Id == "orc-3-reused").ToList();
        Assert.That(reused.Select(i => i.Vaccination), Is.EqualTo(new int?[] { 2, 3 }));
        Assert.That(reused[1].Text, Does.StartWith("This filler order number (ORC-3) was also sent for vaccination 2 of this message, another vaccine or date"));
    }

    [TestCase("RE", "refused (RE)")]
    [TestCase("NA", "not administered (NA)")]
    public void Validate_RefusedOrNotAdministeredWithoutRxa9_IsOnlyRecordedAsSuch(string status, string shown)
    {
        // R1.5: RXA-9 shall be empty when nothing was given, so its absence is no warning.
        var message = SampleVxu.TwoVaccinations251().With("RXA[2]-20", status).With("RXA[2]-9", "").With("RXA[2]-18", status == "RE" ? "00^Parental decision^NIP002" : "");

        var result = VxuValidation.Validate(message);

        Assert.That(result.Issues.Select(i => i.Rule), Is.EqualTo(new[] { Rules.RefusalRecorded }));
        Assert.That(result.Issues[0].Text, Does.Contain(shown));
        Assert.That(result.AckCode, Is.EqualTo(AckCode.AA));
        Assert.That(result.Update!.Vaccinations[1].CompletionStatus, Is.EqualTo(status));
    }

    [Test]
    public void Validate_EvidenceOfImmunityAsTheCdcGuideSendsIt_IsNoDoseToWarnAbout()
    {
        // CDC IG R1.5: CVX 998 (no vaccine administered), RXA-6 999, RXA-9 empty, CP, ORC-3 9999,
        // and an OBX 59784-9 naming the disease. No dose: nothing of a dose is missing.
        var message = SampleVxu.Valid251()
            .Without("OBX").Without("RXR")
            .With("ORC-3", "9999^CDC")
            .Replace("RXA", "RXA|0|1|20240515|20240515|998^No vaccine administered^CVX|999||||||||||||||CP|A")
            .Append("OBX|1|CE|59784-9^Disease with presumed immunity^LN|1|38907003^Varicella infection^SCT||||||F");

        foreach (var profile in new[] { "icare", "ndiis" })
        {
            var result = VxuValidation.Validate(message, ValidationPolicy.From(new ValidationOptions { Profile = profile }));

            Assert.That(result.Issues.Select(i => i.Rule.Id), Is.Empty, profile);
            Assert.That(result.AckCode, Is.EqualTo(AckCode.AA), profile);
            Assert.That(result.Update!.Vaccinations.Select(v => (v.CvxCode, v.CompletionStatus)), Is.EqualTo(new[] { ("998", "CP") }), profile);
        }
    }

    [Test]
    public void Validate_AdministeredDoseWithoutItsDetails_IsStillWarnedAbout()
    {
        // The same record with a real vaccine is a dose: its missing details are warned about.
        var message = SampleVxu.Valid251()
            .Without("OBX").Without("RXR")
            .Replace("RXA", "RXA|0|1|20240515|20240515|21^Varicella^CVX|999||||||||||||||CP|A");

        var result = VxuValidation.Validate(message);

        Assert.That(result.Issues.Select(i => i.Rule.Id), Is.SupersetOf(new[] { "rxa-9-missing", "rxa-6-missing", "rxa-15-missing", "rxa-17-missing" }));
    }

    [TestCase("RE")]
    [TestCase("NA")]
    public void Validate_RefusedOrNotAdministeredWithAnRxa9OutsideTheTable_IsNotWarnedAbout(string status)
    {
        var message = SampleVxu.TwoVaccinations251().With("RXA[2]-20", status).With("RXA[2]-9", "99").With("RXA[2]-18", status == "RE" ? "00^Parental decision^NIP002" : "");

        var result = VxuValidation.Validate(message);

        Assert.That(result.Issues.Select(i => i.Rule), Is.EqualTo(new[] { Rules.RefusalRecorded }));
    }

    [TestCase("00^New immunization record^NIP001", "rxa-16-expired")]
    [TestCase("01^Historical information - source unspecified^NIP001", "rxa-9-historical")]
    public void Validate_LotExpiredBeforeTheDose_IsWarnedAboutOnlyForADoseGivenHere(string source, string rules)
    {
        var message = SampleVxu.TwoVaccinations251().With("RXA[2]-9", source).With("RXA[2]-16", "20000101");

        var result = VxuValidation.Validate(message);

        Assert.That(string.Join(" ", result.Issues.Select(i => i.Rule.Id)), Is.EqualTo(rules));
    }

    [Test]
    public void Validate_DeleteWithBadDoseDetails_IsCheckedOnlyForWhatNamesTheVaccination()
    {
        var delete = SampleVxu.TwoVaccinations251().With("RXA[2]-21", "D").With("RXA[2]-9", "99").With("RXA[2]-17", "XYZ").With("RXA[2]-16", "20000101").With("RXR[2]-1", "ZZ");
        var badIdentity = delete.With("RXA[2]-5", "9999^Not a vaccine^CVX");

        var result = VxuValidation.Validate(delete);
        var unnamed = VxuValidation.Validate(badIdentity);

        Assert.That(result.Issues, Is.Empty, () => string.Join("; ", result.Issues.Select(i => i.Rule.Id)));
        Assert.That(unnamed.Issues.Select(i => (i.Rule.Id, i.Severity)), Does.Contain(("rxa-5-unknown", Severity.Error)));
    }

    [TestCase("CP")]
    [TestCase("PA")]
    [TestCase("")]
    public void Validate_GivenDoseWithoutRxa9_WarnsAndTreatsItAsAdministered(string status)
    {
        var message = SampleVxu.TwoVaccinations251().With("RXA[2]-20", status).With("RXA[2]-9", "");

        var result = VxuValidation.Validate(message);

        Assert.That(result.Issues.Select(i => i.Rule), Is.EqualTo(new[] { Rules.InformationSourceMissing }));
        Assert.That(result.Update!.Vaccinations[1].IsAdministered, Is.True);
    }

    [Test]
    public void Validate_HistoricalDoseWithoutLotManufacturerOrFunding_IsOnlyRecordedAsHistorical()
    {
        var message = SampleVxu.TwoVaccinations251()
            .With("RXA[2]-9", "01^Historical information - source unspecified^NIP001")
            .With("RXA[2]-6", "999")
            .With("RXA[2]-15", "")
            .With("RXA[2]-17", "")
            .Without("OBX[5]")
            .Without("OBX[5]");

        var result = VxuValidation.Validate(message);

        Assert.That(result.Issues.Select(i => i.Rule), Is.EqualTo(new[] { Rules.HistoricalDose }));
        Assert.That(result.Issues[0].Text, Does.Contain("RXA-9 01"));
    }

    [TestCase("-0.5", "CP", "00", "rxa-6-invalid", null)]
    [TestCase("0", "CP", "00", "rxa-6-invalid", null)]
    [TestCase("1,0", "CP", "00", "rxa-6-invalid", null)]
    [TestCase("1e3", "CP", "01", "rxa-6-invalid rxa-9-historical", null)]
    [TestCase("0", "CP", "01", "rxa-9-historical", "0")]
    [TestCase("999", "CP", "01", "rxa-9-historical", null)]
    [TestCase("999", "CP", "00", "rxa-6-missing", null)]
    [TestCase("0.25", "CP", "00", "", "0.25")]
    public void Validate_Amount_IsStoredOnlyWhenADoseVolume(string amount, string status, string source, string rules, string? stored)
    {
        var message = SampleVxu.TwoVaccinations251().With("RXA[2]-6", amount).With("RXA[2]-20", status).With("RXA[2]-9", $"{source}^x^NIP001");

        var result = VxuValidation.Validate(message);

        Assert.That(string.Join(" ", result.Issues.Select(i => i.Rule.Id).Order(StringComparer.Ordinal)), Is.EqualTo(rules));
        Assert.That(result.Update!.Vaccinations[1].Amount?.ToString(System.Globalization.CultureInfo.InvariantCulture), Is.EqualTo(stored));
    }

    [Test]
    public void Validate_231DoseWithEligibilityInPv1_TakesItFromThere()
    {
        // The CDC 2.3.1 guide's place for VFC eligibility: PV1-20, for the visit.
        var message = SampleVxu.Valid231().Without("OBX[1]").InsertAfter("NK1", "PV1||R||||||||||||||||||V04^20240515");

        var result = VxuValidation.Validate(message);

        Assert.That(result.Issues, Is.Empty);
        Assert.That(result.Update!.Vaccinations[0].VfcEligibility, Is.EqualTo("V04"));
    }

    /// <summary>Several PV1-20 repetitions are an eligibility history: the dose takes the one in effect on its date (RXA-3 is 2024-05-15).</summary>
    [TestCase("V01^20230101~V02^20240301", "V02")]
    [TestCase("V02^20240301~V01^20230101", "V02")]
    [TestCase("V01^20230101~V02^20240601", "V01")]
    [TestCase("V03^20240515~V04", "V03")]
    [TestCase("V05~V04^20240601", "V05")]
    [TestCase("V03~V04", "V03")]
    public void Validate_231EligibilityHistoryInPv1_TakesTheOneInEffectOnTheDosesDate(string pv120, string stored)
    {
        var message = SampleVxu.Valid231().Without("OBX[1]").InsertAfter("NK1", "PV1||R||||||||||||||||||" + pv120);

        var result = VxuValidation.Validate(message);

        Assert.That(result.Issues, Is.Empty);
        Assert.That(result.Update!.Vaccinations[0].VfcEligibility, Is.EqualTo(stored));
    }

    [TestCase("~V02", "V02", "", TestName = "{m}(after an empty repetition)")]
    [TestCase("V02^20240701", null, "vfc-eligibility-missing", TestName = "{m}(only one that starts after the dose)")]
    [TestCase("V02^20240701~V04", "V04", "", TestName = "{m}(one that starts after the dose, then an undated one)")]
    public void Validate_231EligibilityInPv1_IsTheOneInEffectOrNone(string pv120, string? stored, string rules)
    {
        var message = SampleVxu.Valid231().Without("OBX[1]").InsertAfter("NK1", "PV1||R||||||||||||||||||" + pv120);

        var result = VxuValidation.Validate(message);

        Assert.That(string.Join(" ", result.Issues.Select(i => i.Rule.Id)), Is.EqualTo(rules));
        Assert.That(result.Update!.Vaccinations[0].VfcEligibility, Is.EqualTo(stored));
    }

    [Test]
    public void Validate_231HistoricalDoseWithPv1Eligibility_DoesNotTakeTheVisitsEligibility()
    {
        var message = SampleVxu.Valid231().Without("OBX[1]").InsertAfter("NK1", "PV1||R||||||||||||||||||V02^20240515")
            .With("RXA-9", "01^Historical^NIP001");

        var result = VxuValidation.Validate(message);

        Assert.That(result.Update!.Vaccinations[0].VfcEligibility, Is.Null);
    }

    [TestCase("08^HepB^cvx")]
    [TestCase("08^HepB^HL70292")]
    [TestCase("90744^HepB^C4^08^HepB^hl70292")]
    [TestCase("58160-0820-52^HepB^^08^HepB^CVX")]
    [TestCase("08^HepB^^141^Influenza^CVX")]
    public void Validate_CvxNamedInAnotherCaseOrByItsHl7TableName_IsAccepted(string code)
    {
        var result = VxuValidation.Validate(SampleVxu.Valid251().With("RXA-5", code));

        Assert.That(result.Issues, Is.Empty);
        Assert.That(result.Update!.Vaccinations[0].CvxCode, Is.EqualTo("08"));
    }

    [TestCase("2.3.1", "V99", "vfc-eligibility-invalid", null)]
    [TestCase("2.5.1", "V04", "vfc-eligibility-missing", null)]
    public void Validate_Pv1EligibilityOutsideTheTableOrIn251_IsNotTaken(string version, string code, string rule, string? stored)
    {
        var message = (version == "2.3.1" ? SampleVxu.Valid231().Without("OBX[1]") : SampleVxu.Valid251().Without("OBX[1]"))
            .InsertAfter("NK1", $"PV1||R||||||||||||||||||{code}^20240515");

        var result = VxuValidation.Validate(message);

        Assert.That(result.Issues.Select(i => i.Rule.Id), Is.EqualTo(new[] { rule }));
        Assert.That(result.Update!.Vaccinations[0].VfcEligibility, Is.EqualTo(stored));
    }

    [TestCase("OBX[5]-5", "vfc-eligibility-missing")]
    [TestCase("OBX[6]-5", "funding-source-missing")]
    public void Validate_EligibilityOrFundingObservationWithoutValue_WarnsAsMissing(string position, string rule)
    {
        // An OBX with an empty OBX-5 says no more than no OBX at all.
        var message = SampleVxu.TwoVaccinations251().With(position, "");

        var result = VxuValidation.Validate(message);

        Assert.That(result.Issues.Select(i => (i.Rule.Id, i.Vaccination)), Is.EqualTo(new[] { (rule, (int?)2) }));
    }

    [Test]
    public void Validate_ManufacturerWithNameButNoMvxCode_WarnsAsMissing()
    {
        var message = SampleVxu.TwoVaccinations251().With("RXA[2]-17", "^Merck and Co., Inc.^MVX");

        var result = VxuValidation.Validate(message);

        Assert.That(result.Issues.Select(i => (i.Rule, i.Vaccination)), Is.EqualTo(new[] { (Rules.ManufacturerMissing, (int?)2) }));
        Assert.That(result.Update!.Vaccinations[1].MvxCode, Is.Null);
    }

    [Test]
    public void Validate_OrcWithoutRxaBeforeTheDose_IsLeftOutWithoutShiftingTheDosesNumber()
    {
        // An orphan ORC records no vaccination: the dose after it is still the 1st vaccination.
        var message = SampleVxu.Valid251().InsertBefore("ORC", "ORC|RE||IMM-0999^MYEHR").With("RXA-15", string.Empty);

        var result = VxuValidation.Validate(message);

        Assert.That(result.Issues.Select(i => (i.Rule.Id, i.Vaccination)), Is.EqualTo(new (string, int?)[] { ("orc-without-rxa", null), ("rxa-15-missing", 1) }));
        Assert.That((result.VaccinationsRead, result.VaccinationsAccepted, result.Update!.Vaccinations.Single().Number), Is.EqualTo((1, 1, 1)));
    }

    [Test]
    public void Process_OrcWithoutRxa_HeadlineSaysNoVaccinationWasDropped()
    {
        using var output = TempFolder.ForCaller();
        var message = SampleVxu.Valid251().InsertBefore("ORC", "ORC|RE||IMM-0999^MYEHR");

        var run = PipelineRun.Of(System.Text.Encoding.ASCII.GetBytes(message.Text), output);

        Assert.That(run.Report, Does.Contain(": AE, accepted in part (no vaccination dropped; the segments its errors name were left out)"));
        Assert.That(run.Report, Does.Contain("  ERROR at ORC, line 5 [orc-without-rxa]"));
    }
}
