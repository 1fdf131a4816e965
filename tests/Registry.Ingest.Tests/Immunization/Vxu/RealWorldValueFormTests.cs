using Registry.Ingest.Immunization.Records;
using Registry.Ingest.Immunization.Validation;
using Registry.Ingest.Tests.Support;

namespace Registry.Ingest.Tests.Immunization.Vxu;

/// <summary>
/// Valid values in the forms real EHRs send them: the standard code as the alternate after a local
/// one, a coded ID sent with CE's components, padding where a code is empty, a date/time with its
/// degree of precision. None of them may cost the clinic a value, a vaccination or a message.
/// </summary>
[TestFixture]
internal sealed class RealWorldValueFormTests
{
    private static VxuBuilder Message => SampleVxu.Valid251();

    [Test]
    public void Validate_StandardCodesAsTheAlternateAfterLocalOnes_AreTaken()
    {
        var message = Message
            .With("OBX[1]-5", "MCD^Medicaid^99LOC^V02^VFC eligible - Medicaid/Medicaid Managed Care^HL70064")
            .With("OBX[2]-5", "PUB^Public^L^VXC50^Public^CDCPHINVS")
            .With("RXA-17", "GSK^GlaxoSmithKline^L^SKB^GlaxoSmithKline^MVX")
            .With("RXR-1", "IM-ARM^Intramuscular^L^C28161^Intramuscular^NCIT")
            .With("RXR-2", "LARM^Left arm^L^LD^Left Deltoid^HL70163")
            .With("PID-10", "W^White^L^2106-3^White^CDCREC")
            .With("PID-22", "N^Not Hispanic or Latino^HL70189^2186-5^Not Hispanic or Latino^CDCREC");

        var result = VxuValidation.Validate(message);

        Assert.That(result.Issues.Select(i => i.Rule.Id), Is.Empty);
        var vaccination = result.Update!.Vaccinations.Single();
        Assert.That((vaccination.VfcEligibility, vaccination.FundingSource, vaccination.MvxCode, vaccination.Route, vaccination.Site), Is.EqualTo(("V02", "VXC50", "SKB", "C28161", "LD")));
        Assert.That(result.Update.Patient.Races, Is.EqualTo(new[] { "2106-3" }));
        Assert.That(result.Update.Patient.Ethnicity, Is.EqualTo("2186-5"));
    }

    [Test]
    public void Validate_HistoricalSourceAsTheAlternate_IsAHistoricalDose()
    {
        // A local code first, NIP001's 01 as the alternate: the clinic reports a dose given elsewhere.
        var message = Message.With("RXA-9", "LOC^Historical^99L^01^Historical information - source unspecified^NIP001")
            .With("RXA-15", "").With("RXA-17", "").Without("OBX");

        var result = VxuValidation.Validate(message);

        Assert.That(result.Issues.Select(i => i.Rule.Id), Is.EqualTo(new[] { "rxa-9-historical" }));
        Assert.That(result.Update!.Vaccinations.Single().InformationSource, Is.EqualTo("01"));
    }

    [Test]
    public void Validate_UnknownSourceOnlyAsTheAlternate_IsReportedAtTheAlternate()
    {
        var issue = VxuValidation.Validate(Message.With("RXA-9", "^^^77^Unknown^NIP001")).Issues.Single(i => i.Rule.Id == "rxa-9-invalid");

        Assert.That(issue.Text, Does.Contain("'77'"));
        Assert.That(issue.Location!.Value with { Line = 0 }, Is.EqualTo(new Registry.Ingest.Hl7.Hl7Location("RXA", 1, 9, 1, 4)));
    }

    [Test]
    public void Validate_RelationshipAsTheAlternate_KeepsTheNextOfKin()
    {
        var result = VxuValidation.Validate(Message.With("NK1-3", "MOM^Mom^99LOCAL^MTH^Mother^HL70063"));

        Assert.That(result.Issues, Is.Empty, () => string.Join("; ", result.Issues.Select(i => i.Rule.Id)));
        Assert.That(result.Update!.NextOfKin.Single().Relationship, Is.EqualTo("MTH"));
    }

    [Test]
    public void Validate_RaceOnlyAsTheAlternate_IsKept()
    {
        var result = VxuValidation.Validate(Message.With("PID-10", "^^^2106-3^White^CDCREC~^^^9999-9^Unknown^CDCREC"));

        var issue = result.Issues.Single();
        Assert.That(issue.Rule.Id, Is.EqualTo("pid-10-invalid"));
        Assert.That(issue.Location!.Value with { Line = 0 }, Is.EqualTo(new Registry.Ingest.Hl7.Hl7Location("PID", 1, 10, 2, 4)));
        Assert.That(result.Update!.Patient.Races, Is.EqualTo(new[] { "2106-3" }));
    }

    [Test]
    public void Validate_231ProvidersTypedInRxa10_GiveTheVaccinatorAndTheOrderer()
    {
        // The CDC 2.3.1 guide's form: who ordered (OEI) and who gave (VEI) the dose, in any order, no ORC.
        var message = SampleVxu.Valid231().Without("ORC")
            .With("RXA-10", "1234567892^LUSTER^JOHN^^^DR^MD^^^^^^OEI~1234567891^OBRIAN^ROBERT^A^^^RN^^^^^^VEI");

        var result = VxuValidation.Validate(message);

        Assert.That(result.Issues, Is.Empty, () => string.Join("; ", result.Issues.Select(i => i.Rule.Id)));
        var vaccination = result.Update!.Vaccinations.Single();
        Assert.That(vaccination.AdministeringProvider, Is.EqualTo(new Practitioner("1234567891", "OBRIAN", "ROBERT")));
        Assert.That(vaccination.OrderingProvider, Is.EqualTo(new Practitioner("1234567892", "LUSTER", "JOHN")));
    }

    [Test]
    public void Validate_OrderingProviderInOrc12_IsNotTakenFromRxa10()
    {
        var message = Message.With("RXA-10", "1234567891^OBRIAN^ROBERT^^^^^^^^^^VEI~1234567892^LUSTER^JOHN^^^^^^^^^^OEI");

        var vaccination = VxuValidation.Validate(message).Update!.Vaccinations.Single();

        Assert.That(vaccination.OrderingProvider!.Id, Is.EqualTo("1234567890"));
        Assert.That(vaccination.AdministeringProvider!.Id, Is.EqualTo("1234567891"));
    }

    [Test]
    public void Validate_231CountyInPid12_IsTheAddressCounty()
    {
        var result = VxuValidation.Validate(SampleVxu.Valid231().With("PID-12", "17031"));

        Assert.That(result.Issues, Is.Empty, () => string.Join("; ", result.Issues.Select(i => i.Rule.Id)));
        Assert.That(PostalAddress.Kept(result.Update!.Patient.Addresses)!.County, Is.EqualTo("17031"));
    }

    [Test]
    public void Validate_CountyInTheAddressAndPid12_KeepsTheAddressCounty()
    {
        var message = SampleVxu.Valid231().With("PID-11", "123 MAIN ST^^BISMARCK^ND^58501^USA^L^^38015").With("PID-12", "17031");

        var result = VxuValidation.Validate(message);

        Assert.That(PostalAddress.Kept(result.Update!.Patient.Addresses)!.County, Is.EqualTo("38015"));
    }

    [Test]
    public void Validate_EmptyMsh4FromAClinicWithKnownFacilities_IsOnlyMissing()
    {
        // Not also "'' is not one the registry has on file", at MSH-4.2 of an empty field.
        var result = VxuValidation.Validate(Message.With("MSH-4", ""), new ValidationOptions { Clinics = { ["DCS0067"] = ["FACILITY9"] } }, clinic: "DCS0067");

        Assert.That(result.Issues.Select(i => i.Rule.Id), Is.EqualTo(new[] { "msh-4-missing" }));
    }

    [TestCase("facility9", "FACILITY9")]
    [TestCase("FACILITY9 ", "FACILITY9")]
    [TestCase("Facility9^Main site^L", "FACILITY9")]
    public void Validate_Msh4OnFileInAnotherCase_IsAcceptedAndStoredUnderTheSpellingOnFile(string sent, string stored)
    {
        // The check ignores case, so storage must match under one spelling: else a clinic whose
        // EHR sends "facility9" one day stores its patients twice and its deletes miss, unwarned.
        var result = VxuValidation.Validate(Message.With("MSH-4", sent), new ValidationOptions { Clinics = { ["DCS0067"] = ["FACILITY9"] } }, clinic: "DCS0067");

        Assert.That(result.Issues, Is.Empty);
        Assert.That(result.Update!.Header.SendingFacility, Is.EqualTo(stored));
    }

    [Test]
    public void Validate_Msh4OfAClinicWithoutFacilitiesOnFile_IsStoredAsSent()
    {
        var result = VxuValidation.Validate(Message.With("MSH-4", "facility9"), new ValidationOptions { Clinics = { ["OTHER"] = ["FACILITY9"] } }, clinic: "DCS0067");

        Assert.That(result.Update!.Header.SendingFacility, Is.EqualTo("facility9"));
    }

    [TestCase("RXA-17", "SKB^GlaxoSmithKline^MV", "RXA", 17)]
    [TestCase("OBX[1]-5", "V02^VFC eligible^HL70065", "OBX", 5)]
    [TestCase("OBX[2]-5", "VXC50^Public^HL70396", "OBX", 5)]
    [TestCase("OBX[2]-5", "LOC^Local^99L^VXC50^Public^HL70396", "OBX", 5)]
    public void Validate_CodeOfItsTableNamedWithAnotherCodingSystem_IsReadAndTold(string field, string sent, string segment, int at)
    {
        var result = VxuValidation.Validate(Message.With(field, sent));

        var issue = result.Issues.Single();
        Assert.That((issue.Rule.Id, issue.Location!.Value.SegmentId, issue.Location.Value.Field, issue.Location.Value.Component), Is.EqualTo(("coding-system-unexpected", segment, at, sent.Contains("99L", StringComparison.Ordinal) ? 6 : 3)));
        Assert.That(result.Update!.Vaccinations.Single().MvxCode, Is.Not.Null);
    }

    [TestCase("RXA-17", "SKB^GlaxoSmithKline^mvx")]
    [TestCase("RXA-17", "SKB")]
    [TestCase("RXA-17", "GSK^Glaxo^99LOC^SKB^GlaxoSmithKline^MVX")]
    [TestCase("OBX[1]-5", "MCD^Medicaid^99LOC^V02^VFC eligible^HL70064")]
    [TestCase("OBX[2]-5", "PBF^Public funds^NIP008")]
    [TestCase("OBX[2]-5", "VXC50^Public")]
    public void Validate_CodeWithItsOwnOrNoCodingSystem_IsNotTold(string field, string sent)
    {
        var result = VxuValidation.Validate(Message.With(field, sent));

        Assert.That(result.Issues.Select(i => i.Rule.Id), Has.None.EqualTo("coding-system-unexpected"));
    }

    [Test]
    public void Validate_LocalFundingThenAStandardOneInALaterObx_TakesTheStandardOne()
    {
        var message = Message.With("OBX[2]-5", "PUBLIC^Public^L")
            .Append("OBX|5|CE|30963-3^Vaccine funding source^LN|2|VXC50^Public^CDCPHINVS||||||F")
            .With("OBX[1]-5", "XX^Local^L")
            .Append("OBX|6|CE|64994-7^Vaccine funding program eligibility category^LN|1|V02^VFC eligible - Medicaid^HL70064||||||F");

        var result = VxuValidation.Validate(message);

        Assert.That(result.Issues.Select(i => i.Rule.Id), Is.EquivalentTo(new[] { "funding-source-invalid", "vfc-eligibility-invalid" }), "each ignored value is still reported");
        var vaccination = result.Update!.Vaccinations.Single();
        Assert.That((vaccination.FundingSource, vaccination.VfcEligibility), Is.EqualTo(("VXC50", "V02")));
    }

    [Test]
    public void Validate_StandardFundingThenAnotherObx_KeepsTheFirst()
    {
        var message = Message.Append("OBX|5|CE|30963-3^Vaccine funding source^LN|2|PHC70^Private^CDCPHINVS||||||F");

        var vaccination = VxuValidation.Validate(message).Update!.Vaccinations.Single();

        Assert.That(vaccination.FundingSource, Is.EqualTo("VXC50"));
    }

    [Test]
    public void Validate_AliasSentBeforeTheLegalName_ChecksAndKeepsTheLegalName()
    {
        var result = VxuValidation.Validate(Message.With("PID-5", "SMITTY^^^^^^A~SMITH^JOHN^Q^^^^L"));

        Assert.That(result.Issues, Is.Empty, () => string.Join("; ", result.Issues.Select(i => i.Rule.Id)));
        var kept = PersonName.Kept(result.Update!.Patient.Names)!;
        Assert.That((kept.Family, kept.Given), Is.EqualTo(("SMITH", "JOHN")));
    }

    [TestCase("^ALEXANDRA", "has no family name (PID-5.1).")]
    [TestCase("SAMPLE", "has no given name (PID-5.2).")]
    [TestCase("^^QUINN", "has no family name (PID-5.1) and no given name (PID-5.2).")]
    public void Validate_IncompleteLegalName_SaysWhichPartIsMissing(string name, string says)
    {
        var issue = VxuValidation.Validate(Message.With("PID-5", name)).Issues.Single();

        Assert.That(issue.Rule.Id, Is.EqualTo("pid-5-missing"));
        Assert.That(issue.Text, Is.EqualTo("The patient's legal name in PID-5 " + says));
    }

    [Test]
    public void Validate_EmptyRepetitionBeforeTheName_ChecksAndKeepsTheNameSent()
    {
        var result = VxuValidation.Validate(Message.With("PID-5", "~SMITH^JOHN"));

        Assert.That(result.Issues, Is.Empty, () => string.Join("; ", result.Issues.Select(i => i.Rule.Id)));
        var kept = PersonName.Kept(result.Update!.Patient.Names)!;
        Assert.That((kept.Family, kept.Given), Is.EqualTo(("SMITH", "JOHN")));
    }

    [Test]
    public void Validate_LegalNameWithoutGivenNameAfterACompleteAlias_IsMissingAtItsRepetition()
    {
        var result = VxuValidation.Validate(Message.With("PID-5", "DOE^JANE^^^^^A~SMITH^^^^^^L"));

        var issue = result.Issues.Single();
        Assert.That(issue.Rule.Id, Is.EqualTo("pid-5-missing"));
        Assert.That(issue.Location!.Value with { Line = 0 }, Is.EqualTo(new Registry.Ingest.Hl7.Hl7Location("PID", 1, 5, 2)));
        Assert.That(result.Update, Is.Null);
    }

    [Test]
    public void Validate_NdiisProfileAndEligibilityAsTheAlternate_KeepsTheVaccination()
    {
        var message = Message.With("OBX[1]-5", "MCD^Medicaid^99LOC^V02^VFC eligible^HL70064");

        var result = VxuValidation.Validate(message, ValidationPolicy.From(new ValidationOptions { Profile = "ndiis" }));

        Assert.That(result.Issues, Is.Empty, () => string.Join("; ", result.Issues.Select(i => i.Rule.Id)));
        Assert.That(result.Update!.Vaccinations.Single().VfcEligibility, Is.EqualTo("V02"));
    }

    [Test]
    public void Validate_LocalCodeWithoutAStandardAlternate_IsStillReportedWhereItIs()
    {
        var result = VxuValidation.Validate(Message.With("OBX[1]-5", "MCD^Medicaid^99LOC"));

        var issue = result.Issues.Single();
        Assert.That(issue.Rule.Id, Is.EqualTo("vfc-eligibility-invalid"));
        Assert.That(issue.Location!.Value with { Line = 0 }, Is.EqualTo(new Registry.Ingest.Hl7.Hl7Location("OBX", 1, 5, 1, 1)));
    }

    [Test]
    public void Validate_CodedIdsSentWithCeComponents_ReadTheirCode()
    {
        var message = Message.With("PID-8", "F^Female^HL70001").With("PID-24", "Y^Yes^HL70136").With("PID-25", "1")
            .With("PD1-12", "N^No^HL70136").With("PD1-16", "A^Active^HL70441");

        var result = VxuValidation.Validate(message);

        Assert.That(result.Issues.Select(i => i.Rule.Id), Is.Empty);
        var patient = result.Update!.Patient;
        Assert.That((patient.Sex, patient.MultipleBirthIndicator, patient.ProtectionIndicator, patient.RegistryStatus), Is.EqualTo(("F", "Y", "N", "A")));
    }

    [TestCase("H^Hispanic or Latino^HL70189", "2135-2")]
    [TestCase("N^Not Hispanic or Latino^HL70189", "2186-5")]
    [TestCase("U^Unknown^HL70189", "UNK")]
    [TestCase("N", "2186-5")]
    public void Validate_EthnicityAsHl7Table0189Code_IsStoredAsItsCdcrecCode(string sent, string stored)
    {
        var result = VxuValidation.Validate(SampleVxu.Valid231().With("PID-22", sent));

        Assert.That(result.Issues.Select(i => i.Rule.Id), Has.None.EqualTo("pid-22-invalid"));
        Assert.That(result.Update!.Patient.Ethnicity, Is.EqualTo(stored));
    }

    [TestCase("PBF^Public funds^NIP008", "VXC50")]
    [TestCase("PVF^Private funds^NIP008", "PHC70")]
    [TestCase("MLF^Military funds^NIP008", "PHC68")]
    [TestCase("OTH^Other^NIP008", "OTH")]
    [TestCase("PBF", "VXC50")]
    public void Validate_FundingAsNip008Code_IsStoredAsItsCdcphinvsCodeEvenWhereRequired(string sent, string stored)
    {
        var message = SampleVxu.Valid231().With("OBX[2]-3", "30963-3^VACCINE PURCHASED WITH^LN").With("OBX[2]-5", sent);

        var usual = VxuValidation.Validate(message);
        var ndiis = VxuValidation.Validate(message, new ValidationOptions { Profile = ValidationProfiles.Ndiis });

        Assert.That(usual.Issues.Select(i => i.Rule.Id), Is.Empty);
        Assert.That(usual.Update!.Vaccinations.Single().FundingSource, Is.EqualTo(stored));
        Assert.That(ndiis.Update!.Vaccinations.Single().FundingSource, Is.EqualTo(stored), "ndiis requires a funding source: the dose is kept");
    }

    [Test]
    public void Validate_PbfOfAnotherCodingSystem_IsNotTakenForPublicFunds()
    {
        var result = VxuValidation.Validate(SampleVxu.Valid231().With("OBX[2]-5", "PBF^Public^99LOCAL"));

        Assert.That(result.Issues.Select(i => i.Rule.Id), Is.EqualTo(new[] { "funding-source-invalid" }));
    }

    [Test]
    public void Validate_CodesWithEscapeSequences_AreMatchedAsDecoded()
    {
        // Highlighting (\H\…\N\) is formatting, not part of a value: the ACK quotes these as
        // 08 and MSD, so the codes must be looked up as 08 and MSD too.
        var result = VxuValidation.Validate(Message.With("RXA-5", "\\H\\141\\N\\^Flu^CVX").With("RXA-17", "\\H\\SKB\\N\\^GSK^MVX"));

        Assert.That(result.Issues.Select(i => i.Rule.Id), Is.Empty);
        var vaccination = result.Update!.Vaccinations.Single();
        Assert.That((vaccination.CvxCode, vaccination.MvxCode), Is.EqualTo(("141", "SKB")));
    }

    [Test]
    public void Validate_HOfAnotherCodingSystem_IsNotTakenForHispanic()
    {
        var result = VxuValidation.Validate(Message.With("PID-22", "H^Hmong^99LOC"));

        Assert.That(result.Issues.Select(i => i.Rule.Id), Is.EqualTo(new[] { "pid-22-invalid" }));
        Assert.That(result.Update!.Patient.Ethnicity, Is.Null);
    }

    [Test]
    public void Validate_ProtectionIndicatorInLowerCase_IsReadLikePid24()
    {
        var result = VxuValidation.Validate(Message.With("PD1-12", "y").With("PID-24", "y"));

        Assert.That(result.Issues.Select(i => i.Rule.Id), Is.Empty);
        Assert.That((result.Update!.Patient.ProtectionIndicator, result.Update.Patient.MultipleBirthIndicator), Is.EqualTo(("Y", "Y")));
    }

    /// <summary>Two VIS documents each followed by its presented date, with no OBX-4 or with the same one: two documents, not the second overwriting the first.</summary>
    [TestCase("", "")]
    [TestCase("1", "1")]
    public void Validate_VisDocumentsWithoutDistinctSubIds_AreEachKeptWithTheirDates(string first, string second)
    {
        var message = Message.Without("OBX[4]").Without("OBX[3]").Append(
            $"OBX|3|CE|69764-9^Document type^LN|{first}|253088698300003511070517^DTaP VIS^cdcgs1vis||||||F",
            $"OBX|4|DT|29769-7^Date VIS presented^LN|{first}|20240510||||||F",
            $"OBX|5|CE|69764-9^Document type^LN|{second}|253088698300012711120420^HepB VIS^cdcgs1vis||||||F",
            $"OBX|6|DT|29769-7^Date VIS presented^LN|{second}|20240515||||||F");

        var result = VxuValidation.Validate(message);

        Assert.That(result.Issues.Select(i => i.Rule.Id), Is.Empty);
        string? subId = first.Length == 0 ? null : first;
        Assert.That(result.Update!.Vaccinations.Single().VisDocuments, Is.EqualTo(new[]
        {
            new VisDocument(subId, "253088698300003511070517", null, null, new DateOnly(2024, 5, 10)),
            new VisDocument(subId, "253088698300012711120420", null, null, new DateOnly(2024, 5, 15)),
        }));
    }

    [TestCase("~00^New immunization record^NIP001", "00")]
    [TestCase("~~01^Historical^NIP001", "01")]
    public void Validate_InformationSourceAfterAnEmptyRepetition_IsTheOneSent(string sent, string stored)
    {
        var result = VxuValidation.Validate(Message.With("RXA-9", sent));

        Assert.That(result.Issues.Select(i => i.Rule.Id), Has.None.EqualTo("rxa-9-missing"));
        Assert.That(result.Update!.Vaccinations.Single().InformationSource, Is.EqualTo(stored));
    }

    [Test]
    public void Validate_PaddedCompletionStatusAndActionCode_AreEmptyNotInvalid()
    {
        // Fixed-width exports pad empty fields: RXA-20 empty is complete (CP), RXA-21 empty is an add.
        var result = VxuValidation.Validate(Message.With("RXA-20", "  ").With("RXA-21", "  "));

        Assert.That(result.Issues.Select(i => i.Rule.Id), Is.EqualTo(new[] { "rxa-21-missing" }));
        var vaccination = result.Update!.Vaccinations.Single();
        Assert.That((vaccination.CompletionStatus, vaccination.ActionCode), Is.EqualTo(("CP", "A")));
    }

    [TestCase("PID-7", "        ", "pid-7-missing")]
    [TestCase("RXA-3", "        ", "rxa-3-missing")]
    [TestCase("ORC-3", "      ^CLINIC01", "orc-3-missing")]
    [TestCase("NK1-2", "   ^   ", "nk1-2-missing")]
    public void Validate_ValueOfSpacesOnly_IsMissingNotInvalid(string field, string sent, string rule)
    {
        // Fixed-width EHR exports pad empty fields: an order number of spaces can never name the
        // dose again, a next of kin of spaces has no name, a date of spaces was not sent.
        var result = VxuValidation.Validate(Message.With(field, sent));

        Assert.That(result.Issues.Select(i => i.Rule.Id), Does.Contain(rule).And.None.EndsWith("-invalid"));
    }

    [Test]
    public void Validate_LongValueEndingInAnEmoji_IsEchoedCutBeforeIt()
    {
        // The echo of a sent value is cut at 40 UTF-16 units: here between an emoji's two halves.
        var result = VxuValidation.Validate(Message.With("RXA-17", new string('A', 39) + "\uD83D\uDE00B"));

        var text = result.Issues.Single(i => i.Rule.Id == "rxa-17-unknown").Text;
        Assert.That(text, Does.Contain("'" + new string('A', 39) + "...'"));
        Assert.That(text, Does.Not.Contain("\uD83D").And.Not.Contain("\uFFFD"));
    }

    [TestCase("\u2028")]
    [TestCase("\u2029")]
    [TestCase("\t")]
    public void Validate_ValueWithALineOrParagraphSeparator_IsEchoedOnOneLine(string separator)
    {
        // A receiver may break a line at U+2028/U+2029 as at CR: an echo stays one line.
        var result = VxuValidation.Validate(Message.With("RXA-17", "ZZ" + separator + "Z"));

        var text = result.Issues.Single(i => i.Rule.Id == "rxa-17-unknown").Text;
        Assert.That(text, Does.Contain("'ZZ Z'"));
    }

    [Test]
    public void Validate_LotOfSpacesOnly_IsAMissingLot()
    {
        var result = VxuValidation.Validate(Message.With("RXA-15", "   "));

        Assert.That(result.Issues.Select(i => i.Rule.Id), Is.EqualTo(new[] { "rxa-15-missing" }));
        Assert.That(result.Update!.Vaccinations.Single().LotNumber, Is.Null);
    }

    [TestCase("RXA-3", SampleVxu.AdministrationDate + "^D")]
    [TestCase("PID-7", SampleVxu.BirthDate + "^D")]
    [TestCase("MSH-7", SampleVxu.MessageDate + "^S")]
    public void Validate_DateWithItsDegreeOfPrecision_IsTheDate(string position, string value)
    {
        var result = VxuValidation.Validate(Message.With(position, value));

        Assert.That(result.Issues, Is.Empty, () => string.Join("; ", result.Issues.Select(i => i.Rule.Id)));
    }

    [Test]
    public void Validate_DateFollowedByAnythingElse_IsStillInvalid()
    {
        var result = VxuValidation.Validate(Message.With("RXA-3", SampleVxu.AdministrationDate + "^SOON"));

        Assert.That(result.Issues.Select(i => i.Rule.Id), Does.Contain("rxa-3-invalid"));
    }

    [Test]
    public void Validate_AdministrationTimeInUtcAndMessageTimeLocal_IsTheSameMomentNotTheFuture()
    {
        // 20:30 at -0500 on the 15th is 01:30 UTC on the 16th: one moment, two calendar dates.
        var message = Message.With("MSH-7", SampleVxu.AdministrationDate + "203000-0500").With("RXA-3", "20240516013000+0000").With("RXA-4", "");

        var result = VxuValidation.Validate(message);

        Assert.That(result.Issues.Select(i => i.Rule.Id), Does.Not.Contain("rxa-3-future"));
        Assert.That(result.Update!.Vaccinations, Has.Count.EqualTo(1));
    }

    [Test]
    public void Validate_AdministrationTimeWithOffsetAfterTheMessage_IsStillTheFuture()
    {
        var message = Message.With("MSH-7", SampleVxu.AdministrationDate + "203000-0500").With("RXA-3", "20240516023000+0000").With("RXA-4", "");

        var result = VxuValidation.Validate(message);

        Assert.That(result.Issues.Select(i => i.Rule.Id), Does.Contain("rxa-3-future"));
    }

    [Test]
    public void Validate_ManufacturerOnlyAsAnUnknownAlternate_IsReported()
    {
        var result = VxuValidation.Validate(Message.With("RXA-17", "^^^XYZ^Unknown^L"));

        Assert.That(result.Issues.Select(i => i.Rule.Id), Is.EqualTo(new[] { "rxa-17-unknown" }));
    }

    [Test]
    public void Validate_MessageTimeToTheDayWithAnOffset_IsNoInstantToCompareWith()
    {
        // 20240515-0500 is a day, not midnight: a dose at 01:00 UTC on the 16th is still the 15th there,
        // but without a time in MSH-7 the dates are compared as written.
        var message = Message.With("MSH-7", SampleVxu.AdministrationDate + "-0500").With("RXA-3", "20240516010000+0000").With("RXA-4", "");

        var result = VxuValidation.Validate(message);

        Assert.That(result.Issues.Select(i => i.Rule.Id), Does.Contain("rxa-3-future"));
    }

    [TestCase("PID-7", "20230415^")]
    [TestCase("PID-7", "20230415^D^")]
    [TestCase("RXA-3", "20240515^^")]
    [TestCase("MSH-7", "20240515103000^")]
    public void Validate_DateWithTrailingEmptyComponents_IsTheDate(string field, string value)
    {
        // §1: trailing empty components carry nothing; an EHR template that writes them out sends the date.
        var result = VxuValidation.Validate(Message.With(field, value));

        Assert.That(result.Issues, Is.Empty, () => string.Join("; ", result.Issues.Select(i => i.Rule.Id)));
        Assert.That(result.Update!.Patient.BirthDate, Is.EqualTo(new DateOnly(2023, 4, 15)));
        Assert.That(result.Update.Vaccinations.Single().AdministeredAt.Date, Is.EqualTo(new DateTime(2024, 5, 15)));
    }

    [TestCase("20230415^X")]
    [TestCase("20230415^^1")]
    public void Validate_DateWithMoreThanEmptyComponents_IsStillNotADate(string value)
    {
        var issue = VxuValidation.Validate(Message.With("PID-7", value)).Issues.Single();

        Assert.That(issue.Rule.Id, Is.EqualTo("pid-7-invalid"));
    }

    [Test]
    public void Validate_LotExpirationAndManufacturerAfterAnEmptyRepetition_AreRead()
    {
        var result = VxuValidation.Validate(Message.With("RXA-15", "~LOT777").With("RXA-16", "~20251231").With("RXA-17", "~MSD^Merck^MVX"));

        Assert.That(result.Issues, Is.Empty, () => string.Join("; ", result.Issues.Select(i => i.Rule.Id)));
        var vaccination = result.Update!.Vaccinations.Single();
        Assert.That((vaccination.LotNumber, vaccination.ExpirationDate, vaccination.MvxCode), Is.EqualTo(("LOT777", (DateOnly?)new DateOnly(2025, 12, 31), "MSD")));
    }

    [Test]
    public void Validate_OnlyEmptyRepetitionsOfTheLot_IsALotMissing()
    {
        var result = VxuValidation.Validate(Message.With("RXA-15", "~"));

        Assert.That(result.Issues.Select(i => i.Rule.Id), Is.EqualTo(new[] { "rxa-15-missing" }));
    }

    [Test]
    public void Validate_ActiveCodeWhoseNameSaysUnspecified_IsAProduct()
    {
        // CVX 196 is active (TDVAX): "Td, adsorbed, preservative free, adult use, Lf unspecified".
        var result = VxuValidation.Validate(Message.With("RXA-5", "196^Td, adsorbed, PF, adult use, Lf unspecified^CVX"));

        Assert.That(result.Issues, Is.Empty, () => string.Join("; ", result.Issues.Select(i => i.Rule.Id)));
    }

    [Test]
    public void Validate_InactiveUnspecifiedFormulationGivenHere_IsStillNotAProduct()
    {
        var issue = VxuValidation.Validate(Message.With("RXA-5", "88^influenza, unspecified formulation^CVX")).Issues.Single();

        Assert.That((issue.Rule.Id, issue.Text), Is.EqualTo(("rxa-5-not-in-use", "CVX 88 is an unspecified formulation: it names no vaccine product a dose given here (RXA-9 00) could be of.")));
    }

    [Test]
    public void Validate_InformationSourceSentAsDoubleQuotes_ClearsTheStoredOne()
    {
        // §1: "" deletes the stored value (an update turning a historical dose back into one given here).
        var result = VxuValidation.Validate(Message.With("RXA-9", "\"\""));

        Assert.That(result.Update!.Vaccinations.Single().InformationSource, Is.EqualTo(string.Empty));
        Assert.That(VxuValidation.Validate(Message.With("RXA-9", "")).Update!.Vaccinations.Single().InformationSource, Is.Null, "empty: no change");
    }

    [TestCase("RXA-16", "999912", TestName = "{m}(RXA-16 = 999912, the month of year 9999)")]
    [TestCase("RXA-3", "99991231235959-0600", TestName = "{m}(RXA-3 = 99991231235959-0600, in UTC past year 9999)")]
    [TestCase("PID-7", "99991231235959-0600", TestName = "{m}(PID-7 = 99991231235959-0600)")]
    [TestCase("PID-29", "99991231235959-0600", TestName = "{m}(PID-29 = 99991231235959-0600)")]
    [TestCase("MSH-7", "00010101000000+0100", TestName = "{m}(MSH-7 = 00010101000000+0100, in UTC before year 1)")]
    [TestCase("PID-7", "20991231-1430", TestName = "{m}(PID-7 = 20991231-1430, an offset no zone has)")]
    [TestCase("RXA-3", "20991231+1459", TestName = "{m}(RXA-3 = 20991231+1459)")]
    public void Validate_DateAtTheEdgeOfTheCalendar_IsCheckedNotThrown(string field, string value)
    {
        // With MSH-7's offset, a time with its own offset is compared as an instant.
        var message = Message.With("MSH-7", field == "MSH-7" ? value : "20240515103000-0600").With(field, value);

        var result = VxuValidation.Validate(message);

        Assert.That(result.Issues.Select(i => i.Rule.Id), Is.EqualTo(field switch
        {
            "RXA-16" => Array.Empty<string>(),
            "RXA-3" => new[] { "rxa-3-future", "vaccination-none" },
            "PID-7" => ["pid-7-future"],
            "PID-29" => ["pid-29-invalid"],
            _ => ["pid-7-future", "rxa-3-future"],
        }));
        if (field == "RXA-16")
        {
            Assert.That(result.Update!.Vaccinations.Single().ExpirationDate, Is.EqualTo(new DateOnly(9999, 12, 31)), "the end of the month");
        }
    }

    [TestCase("CP")]
    [TestCase("A")]
    public void Validate_CompletionStatusOrActionShiftedIntoRxa18_IsNoRefusal(string shifted)
    {
        // RXA-20 and RXA-21 written one field early (NDIIS example 4): nothing says the dose was not given.
        var result = VxuValidation.Validate(Message.With("RXA-18", shifted).With("RXA-19", "A").With("RXA-20", string.Empty).With("RXA-21", string.Empty));

        Assert.That(result.Issues.Select(i => i.Rule.Id), Has.None.EqualTo("rxa-20-refusal-implied"));
        Assert.That(result.Update!.Vaccinations.Single().CompletionStatus, Is.EqualTo("CP"));
    }

    [TestCase("202405151030-1430")]
    [TestCase("202405151030+1459")]
    public void Validate_MessageTimeWithAnOffsetNoZoneHas_IsReadAsWrittenNotThrown(string sent)
    {
        // HL7's syntax allows it; no moment has it, so dates are compared as written.
        var result = VxuValidation.Validate(Message.With("MSH-7", sent).With("RXA-3", "20240515103000-1430"));

        Assert.That(result.Issues, Is.Empty, () => string.Join("; ", result.Issues.Select(i => i.Rule.Id)));
    }

    [TestCase("^^CVX^08^Hep B^CVX", TestName = "{m}(nothing first, the CVX as the alternate)")]
    [TestCase("90744^HepB^CPT^08^Hep B^", TestName = "{m}(CPT first, the CVX as an alternate without its system)")]
    public void Validate_CvxAsTheAlternate_IsTheVaccine(string code)
    {
        var result = VxuValidation.Validate(Message.With("RXA-5", code));

        Assert.That(result.Issues, Is.Empty, () => string.Join("; ", result.Issues.Select(i => i.Rule.Id)));
        Assert.That(result.Update!.Vaccinations.Single().CvxCode, Is.EqualTo("08"));
    }

    [TestCase("99^x^CVX", "CVX 99 is reserved by the CDC, no vaccine: it names no vaccine product a dose given here (RXA-9 00) could be of.")]
    [TestCase("167^meningococcal, unknown serogroups^CVX", "CVX 167 is an unspecified formulation: it names no vaccine product a dose given here (RXA-9 00) could be of.")]
    [TestCase("999^unknown^CVX", "CVX 999 is an unknown vaccine: it names no vaccine product a dose given here (RXA-9 00) could be of.")]
    public void Validate_CodeThatNamesNoProductGivenHere_IsTold(string code, string says)
    {
        var issue = VxuValidation.Validate(Message.With("RXA-5", code)).Issues.Single();

        Assert.That((issue.Rule.Id, issue.Text), Is.EqualTo(("rxa-5-not-in-use", says)));
    }

    [Test]
    public void Validate_EligibilityAndRouteAfterAnEmptyRepetition_AreRead()
    {
        var result = VxuValidation.Validate(Message.With("OBX[1]-5", "~V03^VFC eligible - Uninsured^HL70064").With("RXR-1", "~SC^Subcutaneous^HL70162"));

        Assert.That(result.Issues, Is.Empty, () => string.Join("; ", result.Issues.Select(i => i.Rule.Id)));
        var vaccination = result.Update!.Vaccinations.Single();
        Assert.That((vaccination.VfcEligibility, vaccination.Route), Is.EqualTo(("V03", "SC")));
    }

    [Test]
    public void Validate_ManufacturerNamedWithHl7sOwnNameForTheMvxTable_IsNotTold()
    {
        var result = VxuValidation.Validate(Message.With("RXA-17", "MSD^Merck^HL70227"));

        Assert.That(result.Issues, Is.Empty, () => string.Join("; ", result.Issues.Select(i => i.Rule.Id)));
    }

    [Test]
    public void Validate_HistoricalSourceAfterAnEmptyRepetition_IsToldWhereItIs()
    {
        var issue = VxuValidation.Validate(Message.With("RXA-9", "~01^Historical^NIP001").With("RXA-15", "").With("RXA-17", "").Without("OBX")).Issues.Single();

        Assert.That(issue.Rule.Id, Is.EqualTo("rxa-9-historical"));
        Assert.That(issue.Location!.Value with { Line = 0 }, Is.EqualTo(new Registry.Ingest.Hl7.Hl7Location("RXA", 1, 9, 2)));
    }

    [TestCase("RE", "", TestName = "{m}(RE without its reason)")]
    [TestCase("", "00^Parental decision^NIP002", TestName = "{m}(RXA-20 empty, a reason in RXA-18)")]
    [TestCase("RE", "00^Parental decision^NIP002", TestName = "{m}(RE with its reason)")]
    public void Validate_RefusalWhereTheRegistryTakesNone_IsDroppedHoweverItIsSent(string status, string reason)
    {
        var policy = ValidationPolicy.From(new ValidationOptions { Severity = { ["rxa-20-refused"] = "E" } });
        var message = Message.With("RXA-20", status).With("RXA-18", reason);

        var result = VxuValidation.Validate(message.Append("ORC|RE||VAX-0002^MYEHR", Message.Segment("RXA").Replace("|141^", "|08^", StringComparison.Ordinal)), policy);

        Assert.That(result.Issues.Where(i => i.Severity == Severity.Error).Select(i => (i.Rule.Id, i.Vaccination)), Is.EqualTo(new (string, int?)[] { ("rxa-20-refused", 1) }));
        Assert.That(result.Update!.Vaccinations.Select(v => v.CvxCode), Is.EqualTo(new[] { "08" }), "the refusal dropped, the dose given kept");
    }
}
