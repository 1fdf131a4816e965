using Registry.Ingest.Immunization.Records;
using Registry.Ingest.Immunization.Vxu;
using Registry.Ingest.Tests.Support;

namespace Registry.Ingest.Tests.Immunization.Vxu;

/// <summary>The valid messages every rule case starts from: accepted as they are, read completely.</summary>
[TestFixture]
internal sealed class VxuValidatorBaselineTests
{
    [Test]
    public void Validate_Valid251_IsAcceptedWithoutIssuesAndReadIntoRecords()
    {
        var result = VxuValidation.Validate(SampleVxu.Valid251());

        Assert.That(result.Issues, Is.Empty);
        Assert.That(result.AckCode, Is.EqualTo(AckCode.AA));
        Assert.That(result.VaccinationsRead, Is.EqualTo(1));
        Assert.That(result.VaccinationsAccepted, Is.EqualTo(1));
        var update = result.Update!;
        Assert.That(update, Is.Not.Null);
        Assert.That(update.Header, Is.EqualTo(new MessageHeaderInfo("MYEHR", "CLINIC01", "MSG00001", "P", "2.5.1", new DateTime(2024, 5, 15, 10, 30, 0))));
        AssertPatient(update.Patient);
        Assert.That(update.Patient.Names, Is.EqualTo(new[] { new PersonName("SAMPLE", "ALEXANDRA", "QUINN", null, "L") }));
        Assert.That(update.Patient.MotherMaidenName, Is.EqualTo("MOTHERLY"));
        Assert.That(update.Patient.Ethnicity, Is.EqualTo("2186-5"));
        Assert.That(update.Patient.PublicityCode, Is.EqualTo("02"));
        Assert.That(update.Patient.ProtectionIndicator, Is.EqualTo("N"));
        Assert.That(update.Patient.RegistryStatus, Is.EqualTo("A"));
        Assert.That(update.NextOfKin, Has.Count.EqualTo(1));
        Assert.That(update.NextOfKin[0].Name, Is.EqualTo(new PersonName("SAMPLE", "MARGARET", null, null, "L")));
        Assert.That(update.NextOfKin[0].Relationship, Is.EqualTo("MTH"));

        var vaccination = update.Vaccinations.Single();
        AssertInfluenzaDose(vaccination, route: "C28161");
        Assert.That(vaccination.Number, Is.EqualTo(1));
        Assert.That(vaccination.Line, Is.EqualTo(6));
        Assert.That(vaccination.FillerOrderId, Is.EqualTo("VAX-0001"));
        Assert.That(vaccination.FillerOrderAuthority, Is.EqualTo("MYEHR"));
        Assert.That(vaccination.ActionCode, Is.EqualTo("A"));
        Assert.That(vaccination.AmountUnits, Is.EqualTo("mL"));
        Assert.That(vaccination.OrderingProvider, Is.EqualTo(new Practitioner("1234567890", "PRESCRIBER", "PAT")));
        Assert.That(vaccination.AdministeringProvider, Is.EqualTo(new Practitioner(null, "NURSE", "NANCY")));
        Assert.That(vaccination.AdministeredAtFacility, Is.EqualTo("CLINIC01"));
        Assert.That(vaccination.Observations.Select(o => o.Code), Is.EqualTo(new[] { "64994-7", "30963-3", "29768-9", "29769-7" }));
        Assert.That(vaccination.VisDocuments, Is.EqualTo(new[] { new VisDocument("3", null, null, new DateOnly(2015, 8, 7), new DateOnly(2024, 5, 15)) }));
    }

    [Test]
    public void Validate_HeaderCodesPaddedWithSpaces_AreTakenAsTheCodes()
    {
        // Fixed-width exports pad fields; a padded processing id must not be refused, nor stored as another one.
        var message = SampleVxu.Valid251().With("MSH-9", "VXU ^V04 ^VXU_V04").With("MSH-11", "P ").With("MSH-12", " 2.5.1 ");

        var result = VxuValidation.Validate(message);

        Assert.That(result.Issues, Is.Empty);
        Assert.That(result.AckCode, Is.EqualTo(AckCode.AA));
        Assert.That((result.Update!.Header.ProcessingId, result.Update.Header.Version), Is.EqualTo(("P", "2.5.1")));
    }

    [TestCase("^2.16.840.1.113883.19.3.1^ISO", "2.16.840.1.113883.19.3.1")]
    [TestCase("DCS0067^2.16.840.1.113883.19.3.1^ISO", "DCS0067")]
    [TestCase(" DCS0067 ", "DCS0067")]
    public void Validate_SendingFacility_IsTheNamespaceIdElseTheUniversalId(string msh4, string facility)
    {
        var result = VxuValidation.Validate(SampleVxu.Valid251().With("MSH-4", msh4));

        Assert.That(result.Issues, Is.Empty);
        Assert.That(result.Update!.Header.SendingFacility, Is.EqualTo(facility));
    }

    [TestCase("")]
    [TestCase("^^ISO")]
    [TestCase("  ^  ^ISO")]
    public void Validate_SendingFacilityWithNeitherId_RejectsTheMessage(string msh4)
    {
        var result = VxuValidation.Validate(SampleVxu.Valid251().With("MSH-4", msh4));

        Assert.That(result.Issues.Select(i => i.Rule.Id), Is.EqualTo(new[] { "msh-4-missing" }));
        Assert.That(result.Update, Is.Null);
    }

    [Test]
    public void Validate_ControlIdOfSpacesOnly_IsMissing()
    {
        var result = VxuValidation.Validate(SampleVxu.Valid251().With("MSH-10", "   "));

        Assert.That(result.Issues.Select(i => i.Rule.Id), Is.EqualTo(new[] { "msh-10-missing" }));
        Assert.That(result.AckCode, Is.EqualTo(AckCode.AE));
        Assert.That(result.Update, Is.Null, "rejected like a message without MSH-10");
    }

    [Test]
    public void Validate_UnsupportedVersionAndNoControlId_ReportsBoth()
    {
        var result = VxuValidation.Validate(SampleVxu.Valid251().With("MSH-12", "2.4").With("MSH-10", ""));

        Assert.That(result.Issues.Select(i => i.Rule.Id), Is.EqualTo(new[] { "msh-12-version", "msh-10-missing" }));
        Assert.That(result.AckCode, Is.EqualTo(AckCode.AR));
    }

    [TestCase("20991231", TestName = "{m}(in the future)")]
    [TestCase("20240231", TestName = "{m}(no such day)")]
    [TestCase("202403", TestName = "{m}(to the month only)")]
    public void Validate_DeathDateNotUsable_IsReportedAndIgnored(string date)
    {
        var result = VxuValidation.Validate(SampleVxu.Valid251().With("PID-29", date).With("PID-30", "Y"));

        Assert.That(result.Issues.Select(i => i.Rule.Id), Is.EqualTo(new[] { "pid-29-invalid" }));
        Assert.That((result.Update!.Patient.DeathDate, result.Update.Patient.DeathIndicator), Is.EqualTo(((DateOnly?)null, "Y")));
    }

    [Test]
    public void Validate_BirthAndDeathFieldsInLowerCase_AreTakenAsTheirCodes()
    {
        var result = VxuValidation.Validate(SampleVxu.Valid251().With("PID-24", "y").With("PID-25", "2").With("PID-30", "n"));

        Assert.That(result.Issues, Is.Empty);
        Assert.That((result.Update!.Patient.MultipleBirthIndicator, result.Update.Patient.BirthOrder, result.Update.Patient.DeathIndicator), Is.EqualTo(("Y", (int?)2, "N")));
    }

    [Test]
    public void Validate_TwoVaccinations251_AcceptsBothInOrder()
    {
        var result = VxuValidation.Validate(SampleVxu.TwoVaccinations251());

        Assert.That(result.Issues, Is.Empty);
        Assert.That(result.AckCode, Is.EqualTo(AckCode.AA));
        Assert.That(result.VaccinationsRead, Is.EqualTo(2));
        Assert.That(result.VaccinationsAccepted, Is.EqualTo(2));
        var second = result.Update!.Vaccinations[1];
        Assert.That(second.Number, Is.EqualTo(2));
        Assert.That(second.CvxCode, Is.EqualTo("08"));
        Assert.That(second.MvxCode, Is.EqualTo("MSD"));
        Assert.That(second.LotNumber, Is.EqualTo("HB2024A"));
        Assert.That(second.Route, Is.EqualTo("IM"));
        Assert.That(second.Site, Is.EqualTo("RT"));
        Assert.That(second.VfcEligibility, Is.EqualTo("V03"));
        Assert.That(second.FundingSource, Is.EqualTo("VXC51"));
        Assert.That(second.FillerOrderId, Is.EqualTo("VAX-0002"));
    }

    [Test]
    public void Validate_Valid231_IsAcceptedWithoutIssuesAndReadIntoRecords()
    {
        var result = VxuValidation.Validate(SampleVxu.Valid231());

        Assert.That(result.Issues, Is.Empty);
        Assert.That(result.AckCode, Is.EqualTo(AckCode.AA));
        var update = result.Update!;
        Assert.That(update, Is.Not.Null);
        Assert.That(update.Header, Is.EqualTo(new MessageHeaderInfo("MYEHR", "CLINIC01", "MSG00002", "P", "2.3.1", new DateTime(2024, 5, 15, 10, 30, 0))));
        AssertPatient(update.Patient);
        Assert.That(update.Patient.Names, Is.EqualTo(new[] { new PersonName("SAMPLE", "ALEXANDRA", "QUINN", null, null) }));
        Assert.That(update.NextOfKin.Select(k => k.Relationship), Is.EqualTo(new[] { "MTH" }));
        var vaccination = update.Vaccinations.Single();
        AssertInfluenzaDose(vaccination, route: "IM");
        Assert.That(vaccination.FillerOrderId, Is.EqualTo("VAX-0001"));
        Assert.That(vaccination.AdministeredUntil, Is.EqualTo(new DateTime(2024, 5, 15)));
        Assert.That(vaccination.ActionCode, Is.EqualTo("A"), "2.3.1 has no RXA-21: an add");
        Assert.That(vaccination.VisDocuments, Is.EqualTo(new[] { new VisDocument(null, null, null, new DateOnly(2015, 8, 7), new DateOnly(2024, 5, 15)) }));
    }

    [Test]
    public void Validate_Valid231WithoutOrc_IsAcceptedWithoutIssues()
    {
        var result = VxuValidation.Validate(SampleVxu.Valid231().Without("ORC"));

        Assert.That(result.Issues, Is.Empty);
        Assert.That(result.AckCode, Is.EqualTo(AckCode.AA));
        var vaccination = result.Update!.Vaccinations.Single();
        AssertInfluenzaDose(vaccination, route: "IM");
        Assert.That(vaccination.FillerOrderId, Is.Null);
    }

    [Test]
    public void Validate_Valid231WithTwoRxaAndNoOrc_StartsAGroupAtEachRxa()
    {
        var message = SampleVxu.Valid231().Without("ORC");
        message = message.Append(
            message.Segment("RXA").Replace("141^Influenza", "08^Hep B", StringComparison.Ordinal),
            message.Segment("RXR"),
            "OBX|1|CE|64994-7^Vaccine funding program eligibility category^LN||V01^Not VFC eligible^HL70064||||||F",
            "OBX|2|CE|30963-3^Vaccine funding source^LN||PHC70^Private funds^CDCPHINVS||||||F");

        var result = VxuValidation.Validate(message);

        Assert.That(result.Issues, Is.Empty);
        Assert.That(result.Update!.Vaccinations.Select(v => (v.Number, v.CvxCode)), Is.EqualTo(new[] { (1, "141"), (2, "08") }));
        Assert.That(result.Update.Vaccinations.Select(v => v.VfcEligibility), Is.EqualTo(new[] { "V02", "V01" }), "each OBX belongs to the RXA before it");
    }

    private static void AssertPatient(Patient patient)
    {
        Assert.That(patient.PrimaryIdentifier, Is.EqualTo(new PatientIdentifier("PAT12345", "MR", "CLINIC01")));
        Assert.That(patient.Identifiers, Is.EqualTo(new[] { patient.PrimaryIdentifier }));
        Assert.That(patient.BirthDate, Is.EqualTo(new DateOnly(2023, 4, 15)));
        Assert.That(patient.Sex, Is.EqualTo("F"));
        Assert.That(patient.Races, Is.EqualTo(new[] { "2106-3" }));
        Assert.That(patient.Addresses, Is.EqualTo(new[] { new PostalAddress("123 MAIN ST", null, "BISMARCK", "ND", "58501", "USA", "L", null) }));
        Assert.That(patient.Phones, Has.Count.EqualTo(1));
        Assert.That(patient.Phones[0].AreaCode, Is.EqualTo("701"));
        Assert.That(patient.Phones[0].LocalNumber, Is.EqualTo("5551234"));
    }

    private static void AssertInfluenzaDose(Vaccination vaccination, string route)
    {
        Assert.That(vaccination.AdministeredAt, Is.EqualTo(new DateTime(2024, 5, 15)));
        Assert.That(vaccination.CvxCode, Is.EqualTo("141"));
        Assert.That(vaccination.Amount, Is.EqualTo(0.5m));
        Assert.That(vaccination.InformationSource, Is.EqualTo("00"));
        Assert.That(vaccination.IsAdministered, Is.True);
        Assert.That(vaccination.LotNumber, Is.EqualTo("LOT123"));
        Assert.That(vaccination.ExpirationDate, Is.EqualTo(new DateOnly(2025, 6, 30)));
        Assert.That(vaccination.MvxCode, Is.EqualTo("SKB"));
        Assert.That(vaccination.CompletionStatus, Is.EqualTo("CP"));
        Assert.That(vaccination.Route, Is.EqualTo(route));
        Assert.That(vaccination.Site, Is.EqualTo("LD"));
        Assert.That(vaccination.VfcEligibility, Is.EqualTo("V02"));
        Assert.That(vaccination.FundingSource, Is.EqualTo("VXC50"));
    }
}
