using Registry.Ingest.Hl7;
using Registry.Ingest.Immunization.Records;
using Registry.Ingest.Immunization.Validation;
using Registry.Ingest.Immunization.Vxu;
using Registry.Ingest.Tests.Support;
using static Registry.Ingest.Immunization.Validation.Severity;
using static Registry.Ingest.Tests.Immunization.Validation.RuleEffect;

namespace Registry.Ingest.Tests.Immunization.Validation;

/// <summary>
/// One case per rule of the catalogue that a message can fire. Order-group rules are fired in the
/// second of two vaccinations, so their location (RXA 2, OBX 5…) and vaccination number are checked
/// against the group they belong to, and the first vaccination must survive.
/// </summary>
internal static class RuleCases
{
    private static readonly VxuBuilder One = SampleVxu.Valid251();
    private static readonly VxuBuilder Two = SampleVxu.TwoVaccinations251();

    public static IReadOnlyList<RuleCase> All { get; } =
    [
        // Message cannot be processed.
        new(Rules.MessageUnparseable, "an RXR written with a tab after its id", RunFile(One.Text.Replace("RXR|", "RXR\t", StringComparison.Ordinal)),
            Error, 102, null, At("MSH", 1), null, MessageRejected),
        new(Rules.MessageCutShort, "a file in a batch that ends inside the message's last segment, with no line break and no BTS/FTS",
            RunFile("FHS|^~\\&|MYEHR|CLINIC01\rBHS|^~\\&|MYEHR|CLINIC01\r" + One.Text.TrimEnd('\r', '\n')[..^4]),
            Error, 102, null, At("MSH", 1), null, MessageRejected),
        new(Rules.MessageTypeUnsupported, "MSH-9 = ADT^A04^ADT_A01", Run(One.With("MSH-9", "ADT^A04^ADT_A01")),
            Error, 200, null, At("MSH", 1, 9, 1), null, MessageRejected),
        new(Rules.TriggerEventUnsupported, "MSH-9 = VXU^V05^VXU_V04", Run(One.With("MSH-9", "VXU^V05^VXU_V04")),
            Error, 201, null, At("MSH", 1, 9, 2), null, MessageRejected),
        new(Rules.MessageTypeMissing, "MSH-9 empty", Run(One.With("MSH-9", "")),
            Error, 200, null, At("MSH", 1, 9, 1), null, MessageRejected),
        new(Rules.TriggerEventMissing, "MSH-9 = VXU (no event)", Run(One.With("MSH-9", "VXU")),
            Error, 201, null, At("MSH", 1, 9, 2), null, MessageRejected),
        new(Rules.ProcessingIdMissing, "MSH-11 empty", Run(One.With("MSH-11", "")),
            Error, 202, null, At("MSH", 1, 11, 1), null, MessageRejected),
        new(Rules.VersionMissing, "MSH-12 empty", Run(One.With("MSH-12", "")),
            Error, 203, null, At("MSH", 1, 12, 1), null, MessageRejected),
        new(Rules.ProcessingIdUnsupported, "MSH-11 = X", Run(One.With("MSH-11", "X")),
            Error, 202, null, At("MSH", 1, 11, 1), null, MessageRejected),
        new(Rules.VersionUnsupported, "MSH-12 = 2.4", Run(One.With("MSH-12", "2.4")),
            Error, 203, null, At("MSH", 1, 12, 1), null, MessageRejected),
        new(Rules.ControlIdMissing, "MSH-10 empty", Run(One.With("MSH-10", "")),
            Error, 101, 7, At("MSH", 1, 10), null, MessageRejected),
        new(Rules.ControlIdRepeated, "the second of two messages of a file with one MSH-10", () => VxuValidation.ValidateFile(One.Text + One.With("PID-8", "M").Text)[1],
            Warning, 205, null, At("MSH", 1, 10), null, Recorded, u => Assert.That(u.Patient.Sex, Is.EqualTo("M"))),
        new(Rules.SendingFacilityMissing, "MSH-4 empty", Run(One.With("MSH-4", "")),
            Error, 101, 7, At("MSH", 1, 4), null, MessageRejected),
        new(Rules.KeyValueTooLong, "PID-3.1 of 3,000 characters (the index of patients refused the whole file)", Run(One.With("PID-3", new string('7', 3000) + "^^^CLINIC01^MR")),
            Error, 102, 4, At("PID", 1, 3, 1), null, MessageRejected),
        new(Rules.MessageTimeInvalid, "MSH-7 = 20240231103000 (no 31 February)", Run(One.With("MSH-7", "20240231103000")),
            Warning, 102, 2, At("MSH", 1, 7), null, ValueIgnored, u => Assert.That(u.Header.MessageTime, Is.Null)),
        new(Rules.SendingFacilityMismatch, "file of clinic DCS0067, which sends as FACILITY9, with MSH-4 CLINIC01",
            () => VxuValidation.Validate(One, new ValidationOptions { Clinics = { ["DCS0067"] = ["FACILITY9"] } }, clinic: "DCS0067"),
            Warning, 103, 3, At("MSH", 1, 4, 1), null, Recorded, u => Assert.That(u.Header.SendingFacility, Is.EqualTo("CLINIC01"))),

        // Segment structure.
        new(Rules.PatientSegmentMissing, "no PID", Run(One.Without("PID")),
            Error, 100, 7, At("PID", 1), null, MessageRejected),
        new(Rules.SegmentOutOfOrder, "NK1 moved before PID", Run(One.Without("NK1").InsertBefore("PID", One.Segment("NK1"))),
            Error, 100, null, At("NK1", 1), null, MessageRejected),
        new(Rules.PatientSegmentRepeated, "PID sent twice", Run(One.InsertAfter("PID", One.Segment("PID"))),
            Error, 100, null, At("PID", 2), null, MessageRejected),
        new(Rules.SegmentContinued, "an RXA split across two lines inside RXA-5's text", RunFile(One.Text.Replace("141^Influenza, split virus,", "141^Influenza, split\rvirus,", StringComparison.Ordinal)),
            Warning, 100, null, At("RXA", 1), null, Recorded, u => Assert.That(u.Vaccinations.Single().CvxCode, Is.EqualTo("141"))),
        new(Rules.NoVaccinations, "no order group", Run(One.Without("ORC").Without("RXA").Without("RXR").Without("OBX")),
            Error, 100, 7, null, null, MessageRejected),
        new(Rules.RxaWithoutOrc, "2.5.1 second RXA without its ORC", Run(Two.Without("ORC[2]")),
            Error, 100, null, At("RXA", 2), 2, VaccinationDropped),
        new(Rules.OrcWithoutRxa, "an ORC at the end with no RXA", Run(One.Append("ORC|RE||VAX-0009^MYEHR")),
            Error, 100, 7, At("ORC", 2), null, EmptyGroupLeftOut),
        new(Rules.ObservationOutsideGroup, "an OBX between NK1 and the first ORC", Run(One.InsertAfter("NK1", "OBX|1|CE|64994-7^Vaccine funding program eligibility category^LN|1|V01^Not VFC eligible^HL70064||||||F")),
            Warning, 100, 8, At("OBX", 1), null, ValueIgnored, u => Assert.That(u.Vaccinations[0].VfcEligibility, Is.EqualTo("V02"))),
        new(Rules.RouteSegmentOutsideGroup, "the second group's RXR before its RXA", Run(Two.Without("RXR[2]").InsertAfter("ORC[2]", "RXR|SC^Subcutaneous^HL70162|LA^Left Arm^HL70163")),
            Warning, 100, 8, At("RXR", 2), 2, ValueIgnored, u => Assert.That((Second(u).Route, Second(u).Site), Is.EqualTo(((string?)null, (string?)null)))),
        new(Rules.RouteSegmentRepeated, "a second RXR in the second group", Run(Two.InsertAfter("RXR[2]", "RXR|SC^Subcutaneous^HL70162|LA^Left Arm^HL70163")),
            Warning, 100, 8, At("RXR", 3), 2, ValueIgnored, u => Assert.That((Second(u).Route, Second(u).Site), Is.EqualTo(("IM", "RT")))),

        // Patient.
        new(Rules.PatientIdentifierMissing, "PID-3 without an id number", Run(One.With("PID-3", "^^^CLINIC01^MR")),
            Error, 101, 7, At("PID", 1, 3), null, MessageRejected),
        new(Rules.PatientIdentifierTypeUnknown, "PID-3.5 = QQ", Run(One.With("PID-3.5", "QQ")),
            Warning, 103, 5, At("PID", 1, 3, 5), null, ValueIgnored,
            u => Assert.That(u.Patient.PrimaryIdentifier, Is.EqualTo(new PatientIdentifier("PAT12345", null, "CLINIC01")))),
        new(Rules.PatientIdInPid2, "PID-2 = OLD777", Run(One.With("PID-2", "OLD777")),
            Warning, 102, 8, At("PID", 1, 2), null, ValueIgnored, u => Assert.That(u.Patient.Identifiers.Select(i => i.Value), Is.EqualTo(new[] { "PAT12345" }))),
        new(Rules.PatientNameMissing, "PID-5 without family name", Run(One.With("PID-5", "^ALEXANDRA^QUINN")),
            Error, 101, 7, At("PID", 1, 5), null, MessageRejected),
        new(Rules.BirthDateMissing, "PID-7 empty", Run(One.With("PID-7", "")),
            Error, 101, 7, At("PID", 1, 7), null, MessageRejected),
        new(Rules.BirthDateInvalid, "PID-7 = 19981912", Run(One.With("PID-7", "19981912")),
            Error, 102, 2, At("PID", 1, 7), null, MessageRejected),
        new(Rules.BirthDateInFuture, "PID-7 the day after the message", Run(One.With("PID-7", "20240516")),
            Error, 102, 1, At("PID", 1, 7), null, MessageRejected),
        new(Rules.SexUnknown, "PID-8 = X", Run(One.With("PID-8", "X")),
            Warning, 103, 5, At("PID", 1, 8), null, ValueIgnored, u => Assert.That(u.Patient.Sex, Is.Null)),
        new(Rules.PhoneMisplaced, "PID-12 = (701)001-0001^PRN^^701^0010002 (shifted)", Run(One.With("PID-12", "(701)001-0001^PRN^^701^0010002")),
            Warning, 102, 4, At("PID", 1, 12), null, ValueIgnored, u => Assert.That(PostalAddress.Kept(u.Patient.Addresses)!.County, Is.Null)),
        new(Rules.PhoneInvalid, "PID-13 = ((701)001-0001^PRN^PH^^^701^0010002", Run(One.With("PID-13", "((701)001-0001^PRN^PH^^^701^0010002")),
            Warning, 102, 4, At("PID", 1, 13, 1), null, Recorded, u => Assert.That(u.Patient.Phones.Single().LocalNumber, Is.EqualTo("0010002"))),
        new(Rules.RaceUnknown, "PID-10 = 9999-9", Run(One.With("PID-10", "9999-9^Martian^CDCREC")),
            Warning, 103, 5, At("PID", 1, 10, 1), null, ValueIgnored, u => Assert.That(u.Patient.Races, Is.Empty)),
        new(Rules.EthnicityUnknown, "PID-22 = 2222-2", Run(One.With("PID-22", "2222-2^Unknown^CDCREC")),
            Warning, 103, 5, At("PID", 1, 22, 1), null, ValueIgnored, u => Assert.That(u.Patient.Ethnicity, Is.Null)),
        new(Rules.PublicityUnknown, "PD1-11 = 99", Run(One.With("PD1-11", "99^Never^HL70215")),
            Warning, 103, 5, At("PD1", 1, 11, 1), null, ValueIgnored, u => Assert.That(u.Patient.PublicityCode, Is.Null)),
        new(Rules.MultipleBirthInvalid, "PID-24 = X", Run(One.With("PID-24", "X")),
            Warning, 103, 5, At("PID", 1, 24), null, ValueIgnored, u => Assert.That(u.Patient.MultipleBirthIndicator, Is.Null)),
        new(Rules.BirthOrderInvalid, "PID-25 = 0", Run(One.With("PID-25", "0")),
            Warning, 102, 4, At("PID", 1, 25), null, ValueIgnored, u => Assert.That(u.Patient.BirthOrder, Is.Null)),
        new(Rules.DeathDateInvalid, "PID-29 before the birth date", Run(One.With("PID-29", "19990101")),
            Warning, 102, 1, At("PID", 1, 29), null, ValueIgnored, u => Assert.That(u.Patient.DeathDate, Is.Null)),
        new(Rules.DeathIndicatorInvalid, "PID-30 = Q", Run(One.With("PID-30", "Q")),
            Warning, 103, 5, At("PID", 1, 30), null, ValueIgnored, u => Assert.That(u.Patient.DeathIndicator, Is.Null)),
        new(Rules.ProtectionIndicatorInvalid, "PD1-12 = X", Run(One.With("PD1-12", "X")),
            Warning, 103, 5, At("PD1", 1, 12), null, ValueIgnored, u => Assert.That(u.Patient.ProtectionIndicator, Is.Null)),
        new(Rules.RegistryStatusUnknown, "PD1-16 = Z", Run(One.With("PD1-16", "Z")),
            Warning, 103, 5, At("PD1", 1, 16), null, ValueIgnored, u => Assert.That(u.Patient.RegistryStatus, Is.Null)),
        new(Rules.NextOfKinRelationshipUnknown, "NK1-3 = XYZ", Run(One.With("NK1-3", "XYZ^Neighbour^HL70063")),
            Warning, 103, 5, At("NK1", 1, 3, 1), null, ValueIgnored, u => Assert.That(u.NextOfKin, Is.Empty)),
        new(Rules.NextOfKinNameMissing, "NK1-2 empty", Run(One.With("NK1-2", "")),
            Warning, 101, 7, At("NK1", 1, 2), null, ValueIgnored, u => Assert.That(u.NextOfKin, Is.Empty)),

        // Order group: errors drop the vaccination.
        new(Rules.AdministrationDateMissing, "RXA[2]-3 empty", Run(Two.With("RXA[2]-3", "")),
            Error, 101, 7, At("RXA", 2, 3), 2, VaccinationDropped),
        new(Rules.AdministrationDateInvalid, "RXA[2]-3 = 20241305", Run(Two.With("RXA[2]-3", "20241305")),
            Error, 102, 2, At("RXA", 2, 3), 2, VaccinationDropped),
        new(Rules.AdministrationDateInFuture, "RXA[2]-3 the day after the message", Run(Two.With("RXA[2]-3", "20240516")),
            Error, 102, 1, At("RXA", 2, 3), 2, VaccinationDropped),
        new(Rules.AdministrationBeforeBirth, "RXA[2]-3 the day before birth", Run(Two.With("RXA[2]-3", "20230414")),
            Error, 102, 1, At("RXA", 2, 3), 2, VaccinationDropped),
        new(Rules.VaccineCodeMissing, "RXA[2]-5 empty", Run(Two.With("RXA[2]-5", "")),
            Error, 101, 7, At("RXA", 2, 5), 2, VaccinationDropped),
        new(Rules.VaccineCodeUnknown, "RXA[2]-5 = 9999^…^CVX", Run(Two.With("RXA[2]-5", "9999^Nothing^CVX")),
            Error, 103, 5, At("RXA", 2, 5, 1), 2, VaccinationDropped),
        new(Rules.CompletionStatusInvalid, "RXA[2]-20 = XX", Run(Two.With("RXA[2]-20", "XX")),
            Error, 103, 5, At("RXA", 2, 20), 2, VaccinationDropped),
        new(Rules.ActionCodeInvalid, "RXA[2]-21 = X", Run(Two.With("RXA[2]-21", "X")),
            Error, 103, 5, At("RXA", 2, 21), 2, VaccinationDropped),

        // Order group: warnings.
        new(Rules.ActionCodeMissing, "RXA[2]-21 empty", Run(Two.With("RXA[2]-21", "")),
            Warning, 101, 7, At("RXA", 2, 21), 2, Recorded, u => Assert.That(Second(u).ActionCode, Is.EqualTo("A"))),
        new(Rules.FillerOrderMissing, "ORC[2]-3 empty", Run(Two.With("ORC[2]-3", "")),
            Warning, 101, 7, At("ORC", 2, 3), 2, Recorded, u => Assert.That(Second(u).FillerOrderId, Is.Null)),
        new(Rules.FillerOrderRepeated, "ORC[2]-3 = ORC[1]-3, same vaccine and date",
            Run(Two.With("ORC[2]-3", "VAX-0001^MYEHR").With("RXA[2]-5", "141^Influenza, split virus, trivalent, preservative^CVX")),
            Warning, 205, null, At("ORC", 2, 3), 2, Recorded, u => Assert.That(u.Vaccinations.Select(v => v.FillerOrderId), Is.EqualTo(new[] { "VAX-0001", "VAX-0001" }))),
        new(Rules.FillerOrderReused, "ORC[2]-3 = ORC[1]-3, another vaccine", Run(Two.With("ORC[2]-3", "VAX-0001^MYEHR")),
            Warning, 205, null, At("ORC", 2, 3), 2, Recorded, u => Assert.That(u.Vaccinations.Select(v => v.FillerOrderId ?? "none"), Is.EqualTo(new[] { "none", "none" }))),
        new(Rules.InformationSourceMissing, "RXA[2]-9 empty", Run(Two.With("RXA[2]-9", "")),
            Warning, 101, 7, At("RXA", 2, 9), 2, Recorded, u => Assert.That((Second(u).InformationSource, Second(u).IsAdministered), Is.EqualTo(((string?)null, true)))),
        new(Rules.InformationSourceInvalid, "RXA[2]-9 = 99", Run(Two.With("RXA[2]-9", "99^Unknown^NIP001")),
            Warning, 103, 5, At("RXA", 2, 9, 1), 2, ValueIgnored, u => Assert.That((Second(u).InformationSource, Second(u).IsAdministered), Is.EqualTo(((string?)null, true)))),
        new(Rules.AmountMissing, "RXA[2]-6 empty", Run(Two.With("RXA[2]-6", "")),
            Warning, 101, 7, At("RXA", 2, 6), 2, Recorded, u => Assert.That(Second(u).Amount, Is.Null)),
        new(Rules.AmountInvalid, "RXA[2]-6 = 0,5", Run(Two.With("RXA[2]-6", "0,5")),
            Warning, 102, 4, At("RXA", 2, 6), 2, ValueIgnored, u => Assert.That(Second(u).Amount, Is.Null)),
        new(Rules.LotNumberMissing, "RXA[2]-15 empty", Run(Two.With("RXA[2]-15", "")),
            Warning, 101, 7, At("RXA", 2, 15), 2, Recorded, u => Assert.That(Second(u).LotNumber, Is.Null)),
        new(Rules.LotNumberMalformed, "RXA[2]-15 = HB2024A^X", Run(Two.With("RXA[2]-15", "HB2024A^X")),
            Warning, 102, 4, new Hl7Location("RXA", 2, 15, 1), 2, ValueIgnored, u => Assert.That(Second(u).LotNumber, Is.Null)),
        new(Rules.AdministrationAfterDeath, "PID-29 = 20240514, between RXA[1]-3 (20240513) and RXA[2]-3 (20240515)", Run(Two.With("PID-29", "20240514").With("RXA[1]-3", "20240513")),
            Warning, 102, 1, At("RXA", 2, 3), 2, Recorded, u => Assert.That(Second(u).AdministeredAt.Date, Is.EqualTo(new DateTime(2024, 5, 15)))),
        new(Rules.VaccineCodeNotAProduct, "RXA[2]-5 = 45 (Hep B, unspecified formulation) for a dose given here", Run(Two.With("RXA[2]-5", "45^Hep B, unspecified formulation^CVX")),
            Warning, 103, 3, At("RXA", 2, 5), 2, Recorded, u => Assert.That(Second(u).CvxCode, Is.EqualTo("45"))),
        new(Rules.RefusalReasonMissing, "RXA[2]-20 = RE, RXA[2]-18 empty", Run(Two.With("RXA[2]-20", "RE")),
            Warning, 101, 7, At("RXA", 2, 18), 2, Recorded, u => Assert.That((Second(u).CompletionStatus, Second(u).RefusalReason), Is.EqualTo(("RE", (string?)null)))),
        new(Rules.CompletionStatusImpliedRefusal, "RXA[2]-20 empty, RXA[2]-18 = 00 (parental decision)", Run(Two.With("RXA[2]-20", "").With("RXA[2]-18", "00^Parental decision^NIP002")),
            Warning, 101, 7, At("RXA", 2, 20), 2, Recorded, u => Assert.That((Second(u).CompletionStatus, Second(u).RefusalReason), Is.EqualTo(("RE", "00")))),
        new(Rules.RefusalReasonWithGivenDose, "RXA[2]-20 = CP, RXA[2]-18 = 00 (parental decision)", Run(Two.With("RXA[2]-18", "00^Parental decision^NIP002")),
            Warning, 102, 3, new Hl7Location("RXA", 2, 18, 1, 1), 2, ValueIgnored, u => Assert.That((Second(u).CompletionStatus, Second(u).RefusalReason), Is.EqualTo(("CP", string.Empty)))),
        new(Rules.ExpirationBeforeAdministration, "RXA[2]-16 before RXA-3", Run(Two.With("RXA[2]-16", "20240101")),
            Warning, 102, 1, At("RXA", 2, 16), 2, Recorded, u => Assert.That(Second(u).ExpirationDate, Is.EqualTo(new DateOnly(2024, 1, 1)))),
        new(Rules.ExpirationInvalid, "RXA[2]-16 = 20241340", Run(Two.With("RXA[2]-16", "20241340")),
            Warning, 102, 2, new Hl7Location("RXA", 2, 16, 1), 2, ValueIgnored, u => Assert.That(Second(u).ExpirationDate, Is.Null)),
        new(Rules.ManufacturerMissing, "RXA[2]-17 empty", Run(Two.With("RXA[2]-17", "")),
            Warning, 101, 7, At("RXA", 2, 17), 2, Recorded, u => Assert.That(Second(u).MvxCode, Is.Null)),
        new(Rules.ManufacturerUnknown, "RXA[2]-17 = ZZZ", Run(Two.With("RXA[2]-17", "ZZZ^Nobody^MVX")),
            Warning, 103, 5, At("RXA", 2, 17, 1), 2, ValueIgnored, u => Assert.That(Second(u).MvxCode, Is.Null)),
        new(Rules.RouteUnknown, "RXR[2]-1 = XX", Run(Two.With("RXR[2]-1", "XX^Bad^HL70162")),
            Warning, 103, 5, At("RXR", 2, 1, 1), 2, ValueIgnored, u => Assert.That(Second(u).Route, Is.Null)),
        new(Rules.SiteUnknown, "RXR[2]-2 = ZZ", Run(Two.With("RXR[2]-2", "ZZ^Bad^HL70163")),
            Warning, 103, 5, At("RXR", 2, 2, 1), 2, ValueIgnored, u => Assert.That(Second(u).Site, Is.Null)),
        new(Rules.EligibilityMissing, "no OBX 64994-7 in the second group", Run(Two.Without("OBX[5]")),
            Warning, 101, 6, At("RXA", 2), 2, Recorded, u => Assert.That(Second(u).VfcEligibility, Is.Null)),
        new(Rules.EligibilityUnknown, "OBX[5]-5 = V99", Run(Two.With("OBX[5]-5", "V99^Bad^HL70064")),
            Warning, 103, 5, At("OBX", 5, 5, 1), 2, ValueIgnored, u => Assert.That(Second(u).VfcEligibility, Is.Null)),
        new(Rules.FundingSourceMissing, "no OBX 30963-3 in the second group", Run(Two.Without("OBX[6]")),
            Warning, 101, 6, At("RXA", 2), 2, Recorded, u => Assert.That(Second(u).FundingSource, Is.Null)),
        new(Rules.FundingSourceUnknown, "OBX[6]-5 = PHC99", Run(Two.With("OBX[6]-5", "PHC99^Bad^CDCPHINVS")),
            Warning, 103, 5, At("OBX", 6, 5, 1), 2, ValueIgnored, u => Assert.That(Second(u).FundingSource, Is.Null)),
        new(Rules.CodingSystemUnexpected, "OBX[6]-5 = VXC51^Public VFC^HL70396", Run(Two.With("OBX[6]-5", "VXC51^Public VFC^HL70396")),
            Warning, 103, 4, At("OBX", 6, 5, 3), 2, Recorded, u => Assert.That(Second(u).FundingSource, Is.EqualTo("VXC51"))),
        new(Rules.ObservationCodeMissing, "OBX[7]-3 empty (a VIS date)", Run(Two.With("OBX[7]-3", "")),
            Warning, 101, 7, At("OBX", 7, 3), 2, ValueIgnored, u => Assert.That(Second(u).Observations.Select(o => o.Code), Is.EqualTo(new[] { "64994-7", "30963-3", "29769-7" }))),
        new(Rules.ObservationStatusMissing, "OBX[6]-11 empty, F in OBX[6]-9", Run(Two.With("OBX[6]-11", "").With("OBX[6]-9", "F")),
            Warning, 101, 7, At("OBX", 6, 11), 2, Recorded, u => Assert.That(Second(u).FundingSource, Is.EqualTo("VXC51"))),
        new(Rules.ObservationStatusInvalid, "OBX[6]-11 = 20140714 (OBX-14 shifted)", Run(Two.With("OBX[6]-11", "20140714")),
            Warning, 103, 5, At("OBX", 6, 11, 1), 2, Recorded, u => Assert.That(Second(u).FundingSource, Is.EqualTo("VXC51"))),
        new(Rules.ObservationDateInvalid, "VIS published OBX[7]-5 = 20231340", Run(Two.With("OBX[7]-5", "20231340")),
            Warning, 102, 2, At("OBX", 7, 5, 1), 2, ValueIgnored,
            u => Assert.That(Second(u).VisDocuments, Is.EqualTo(new[] { new VisDocument("3", null, null, null, new DateOnly(2024, 5, 15)) }))),

        // Information.
        new(Rules.RefusalRecorded, "RXA[2]-20 = RE, RXA[2]-18 = 00", Run(Two.With("RXA[2]-20", "RE").With("RXA[2]-18", "00^Parental decision^NIP002")),
            Information, 0, null, At("RXA", 2, 20), 2, Recorded, u => Assert.That(Second(u).CompletionStatus, Is.EqualTo("RE"))),
        new(Rules.HistoricalDose, "RXA[2]-9 = 01", Run(Two.With("RXA[2]-9", "01^Historical information - source unspecified^NIP001")),
            Information, 0, null, At("RXA", 2, 9), 2, Recorded, u => Assert.That((Second(u).InformationSource, Second(u).IsAdministered), Is.EqualTo(("01", false)))),
    ];

    private static Func<MessageResult> Run(VxuBuilder message) => () => VxuValidation.Validate(message);

    private static Func<MessageResult> RunFile(string text) => () => VxuValidation.ValidateFile(text).Single();

    /// <summary>A segment, field or component location; components are of the first repetition.</summary>
    private static Hl7Location At(string segment, int sequence, int field = 0, int component = 0) =>
        new(segment, sequence, field, component > 0 ? 1 : 0, component);

    private static Vaccination Second(VaccinationUpdate update) => update.Vaccinations.Single(v => v.Number == 2);
}
