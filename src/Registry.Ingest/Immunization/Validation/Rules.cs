using static Registry.Ingest.Immunization.Validation.RuleScope;
using static Registry.Ingest.Immunization.Validation.Severity;

namespace Registry.Ingest.Immunization.Validation;

/// <summary>
/// The validation catalogue (rules document §6 and more). Ids are stable: configuration, reports
/// and stored issues refer to them. Problem texts may hold {0} for a code value, never patient data.
/// </summary>
internal static class Rules
{
    // Message cannot be processed at all.
    public static readonly ValidationRule MessageUnparseable = new("message-unparseable", "MSH", Error, Message, 102, null,
        "The message could not be read: {0}.", "Fix the message structure: each segment on its own line, starting with a 3-letter id such as PID and the field separator from MSH-1.");
    public static readonly ValidationRule MessageInternalError = new("message-internal-error", "MSH", Error, Message, 207, null,
        "The registry could not check this message: its own software failed on it ({0}). Nothing from the message was stored; the file's other messages were processed.", "Nothing in your system needs to change for this: tell the registry's help desk the file name and this message's control id, and send the message again once they say it is fixed.");
    public static readonly ValidationRule MessageCutShort = new("message-cut-short", "MSH", Error, Message, 102, null,
        "The message was not read: {0}.", "Send this message again, in a file sent whole: check that the sending system finishes writing a file (ending it with BTS and FTS) before it is uploaded, and that the upload completes.");
    public static readonly ValidationRule MessageTypeUnsupported = new("msh-9-type", "MSH-9", Error, Message, 200, null,
        "Message type '{0}' is not accepted; this interface accepts VXU (vaccination update) messages only.", "Send immunizations as VXU^V04 messages.");
    public static readonly ValidationRule TriggerEventUnsupported = new("msh-9-event", "MSH-9.2", Error, Message, 201, null,
        "Trigger event '{0}' is not accepted; VXU messages must use event V04.", "Set MSH-9 to VXU^V04^VXU_V04.");
    public static readonly ValidationRule MessageTypeMissing = new("msh-9-missing", "MSH-9", Error, Message, 200, null,
        "The message type (MSH-9) is empty, so the message cannot be read as a vaccination update.", "Set MSH-9 to VXU^V04^VXU_V04 (2.5.1) or VXU^V04 (2.3.1).");
    public static readonly ValidationRule TriggerEventMissing = new("msh-9-event-missing", "MSH-9.2", Error, Message, 201, null,
        "MSH-9 names the message type VXU but no trigger event (MSH-9.2); VXU messages must use event V04.", "Set MSH-9 to VXU^V04^VXU_V04 (2.5.1) or VXU^V04 (2.3.1).");
    public static readonly ValidationRule ProcessingIdUnsupported = new("msh-11-processing-id", "MSH-11", Error, Message, 202, null,
        "Processing id '{0}' is not accepted; use P (production), T (training/test) or D (debug).", "Set MSH-11 to P for real data, or T while testing.");
    public static readonly ValidationRule ProcessingIdMissing = new("msh-11-missing", "MSH-11", Error, Message, 202, null,
        "The processing id (MSH-11) is empty, so it is not known whether the message holds real (P) or test (T) data.", "Set MSH-11 to P for real data, or T while testing.");
    public static readonly ValidationRule VersionUnsupported = new("msh-12-version", "MSH-12", Error, Message, 203, null,
        "HL7 version '{0}' is not accepted; this interface reads versions 2.5.1 and 2.3.1.", "Set MSH-12 to 2.5.1 (preferred) or 2.3.1 and send the matching message format.");
    public static readonly ValidationRule VersionMissing = new("msh-12-missing", "MSH-12", Error, Message, 203, null,
        "The HL7 version (MSH-12) is empty; this interface reads versions 2.5.1 and 2.3.1 and must know which one a message follows.", "Set MSH-12 to 2.5.1 (preferred) or 2.3.1 and send the matching message format.");
    public static readonly ValidationRule ControlIdMissing = new("msh-10-missing", "MSH-10", Error, Message, 101, 7,
        "The message control id (MSH-10) is empty, so the acknowledgement cannot be matched to the message.", "Give every message a unique control id in MSH-10.");
    public static readonly ValidationRule ControlIdRepeated = new("msh-10-repeated", "MSH-10", Warning, Value, 205, null,
        "The message control id (MSH-10) is the same as message {0}'s in this file, so the two acknowledgements cannot be told apart.", "Give every message a control id of its own in MSH-10, e.g. from a counter that never restarts.");
    public static readonly ValidationRule SendingFacilityMissing = new("msh-4-missing", "MSH-4", Error, Message, 101, 7,
        "The sending facility (MSH-4) is empty (no namespace id and no universal id); patients and order numbers are known per sending facility, so nothing in the message can be stored.", "Put your facility's id, as the registry knows it, in MSH-4.");
    public static readonly ValidationRule KeyValueTooLong = new("value-too-long", "MSH-4, PID-3, PID-5, NK1-2, ORC-3", Error, Message, 102, 4,
        "This value holds {0} characters, more than the {1} the registry keeps in a value that identifies or matches a patient, a next of kin, a vaccination or a facility, so nothing in the message can be stored.", "Check the export: a value this long is usually several fields run together or a note in the wrong field; send the identifier or name alone.");
    public static readonly ValidationRule MessageTimeInvalid = new("msh-7-invalid", "MSH-7", Warning, Value, 102, 2,
        "The message date/time (MSH-7) is missing or not a valid date/time (YYYYMMDDHHMMSS); the time the file was read is used instead.", "Put the date and time the message was created in MSH-7, e.g. 20240131142500.");
    public static readonly ValidationRule SendingFacilityMismatch = new("msh-4-clinic", "MSH-4", Warning, Value, 103, 3,
        "The sending facility '{0}' in MSH-4 is not one the registry has on file for clinic '{1}' named in the file name.", "Check MSH-4 against the facility id the registry assigned to your clinic, or upload the file under your own clinic's name.");

    // Segment structure.
    public static readonly ValidationRule PatientSegmentMissing = new("pid-missing", "PID", Error, Message, 100, 7,
        "The message has no PID (patient) segment.", "Every VXU needs one PID segment right after MSH (and SFT, if sent).");
    public static readonly ValidationRule SegmentOutOfOrder = new("segment-order", "before PID", Error, Message, 100, null,
        "The {0} segment comes before PID but belongs after it.", "Order the segments MSH, PID, PD1, NK1, PV1, ORC, RXA, RXR, OBX.");
    public static readonly ValidationRule PatientSegmentRepeated = new("pid-repeated", "PID", Error, Message, 100, null,
        "The message has more than one PID segment; one message must describe one patient.", "Send each patient in a message of their own.");
    public static readonly ValidationRule SegmentContinued = new("segment-continued", "line", Warning, Value, 100, null,
        "This line does not start a segment; it was read as the rest of the {0} segment on the line before, split by a line break inside a value.", "Send a line break inside a value as the escape \\.br\\ or a space: a raw line break ends the segment, and text after it that looks like a segment is read as one.");
    public static readonly ValidationRule NoVaccinations = new("vaccination-none", "RXA", Error, Message, 100, 7,
        "The message records no vaccination that could be accepted, so there is nothing to store.", "Include at least one valid ORC/RXA order group; where the message has other errors, they say why its order groups were not accepted.");
    public static readonly ValidationRule RxaWithoutOrc = new("rxa-without-orc", "RXA", Error, OrderGroup, 100, null,
        "This RXA has no ORC segment before it; version 2.5.1 requires an ORC at the start of every order group.", "Send ORC (with the filler order number in ORC-3) before each RXA.");
    public static readonly ValidationRule OrcWithoutRxa = new("orc-without-rxa", "ORC", Error, OrderGroup, 100, 7,
        "This ORC is not followed by an RXA, so it records no vaccination.", "Follow each ORC with the RXA it orders.");
    public static readonly ValidationRule ObservationOutsideGroup = new("obx-outside-group", "OBX", Warning, Value, 100, 8,
        "This OBX does not follow an RXA of its order group (it comes before the first RXA, or after an ORC that has no RXA yet), so it belongs to no vaccination and was ignored.", "Put OBX segments after the RXA (and RXR) they describe: ORC, RXA, RXR, then OBX.");
    public static readonly ValidationRule RouteSegmentRepeated = new("rxr-repeated", "RXR", Warning, Value, 100, 8,
        "Only one RXR is allowed per vaccination; this extra RXR was ignored.", "Send one RXR after each RXA.");
    public static readonly ValidationRule RouteSegmentOutsideGroup = new("rxr-outside-group", "RXR", Warning, Value, 100, 8,
        "This RXR does not follow an RXA of its order group (it comes before the first RXA, or after an ORC that has no RXA yet), so its route and site were ignored.", "Send RXR right after the RXA it describes: ORC, RXA, RXR, then OBX.");

    // Patient. PID and NK1 rules never quote the value: when a sender shifts fields, the "code" in
    // PID-8, PID-10 or NK1-3 is a birth date, an address or a name.
    public static readonly ValidationRule PatientIdentifierMissing = new("pid-3-missing", "PID-3", Error, Message, 101, 7,
        "The patient identifier list (PID-3) holds no identifier.", "Send the patient's medical record number in PID-3.1 with its type (MR) in PID-3.5 and your facility in PID-3.4.");
    public static readonly ValidationRule PatientIdentifierTypeUnknown = new("pid-3-type", "PID-3.5", Warning, Value, 103, 5,
        "The identifier type in PID-3.5 is not in HL7 table 0203.", "Use a table 0203 code such as MR (medical record number), PI, PT, SS or MA.");
    public static readonly ValidationRule PatientIdInPid2 = new("pid-2-used", "PID-2", Warning, Value, 102, 8,
        "PID-2 (patient id) is not supported and was ignored.", "Send patient identifiers in PID-3, not PID-2.");
    public static readonly ValidationRule PatientNameMissing = new("pid-5-missing", "PID-5", Error, Message, 101, 7,
        "The patient's legal name in PID-5 has no {0}.", "Send the patient's legal name as Family^Given^Middle in PID-5.");
    public static readonly ValidationRule BirthDateMissing = new("pid-7-missing", "PID-7", Error, Message, 101, 7,
        "The patient's birth date (PID-7) is missing.", "Send the birth date as YYYYMMDD in PID-7.");
    public static readonly ValidationRule BirthDateInvalid = new("pid-7-invalid", "PID-7", Error, Message, 102, 2,
        "The patient's birth date (PID-7) is not a valid calendar date in the form YYYYMMDD.", "Send the birth date as YYYYMMDD, e.g. 20230415.");
    public static readonly ValidationRule BirthDateInFuture = new("pid-7-future", "PID-7", Error, Message, 102, 1,
        "The patient's birth date (PID-7) is after the message date or in the future.", "Check the birth date; it cannot be later than the date the message was sent.");
    public static readonly ValidationRule SexUnknown = new("pid-8-invalid", "PID-8", Warning, Value, 103, 5,
        "The administrative sex in PID-8 is not in HL7 table 0001 (F, M, O, U); it was ignored.", "Send F, M, O or U in PID-8.");
    public static readonly ValidationRule PhoneMisplaced = new("pid-phone-misplaced", "PID-11/PID-12", Warning, Value, 102, 4,
        "{0} holds what looks like a phone number, which belongs in PID-13 (the PID fields seem shifted); it was ignored.", "Send the address in PID-11 (the county in PID-11.9) and the phone number in PID-13, each in its own field.");
    public static readonly ValidationRule PhoneInvalid = new("pid-13-invalid", "PID-13", Warning, Value, 102, 4,
        "A phone number in PID-13 (XTN-1) is not a well-formed number (7 or 10 digits, parentheses paired); it was stored as sent.", "Send the area code in PID-13.6 and the local number in PID-13.7, digits only (^PRN^PH^^^312^5551212).");
    public static readonly ValidationRule RaceUnknown = new("pid-10-invalid", "PID-10", Warning, Value, 103, 5,
        "A race in PID-10 is not a CDC race code; it was ignored.", "Send CDC race codes (e.g. 2106-3 White, 2054-5 Black or African American) with coding system CDCREC.");
    public static readonly ValidationRule EthnicityUnknown = new("pid-22-invalid", "PID-22", Warning, Value, 103, 5,
        "The ethnicity in PID-22 is not a CDC ethnicity code; it was ignored.", "Send 2135-2 (Hispanic or Latino), 2186-5 (not Hispanic or Latino) or UNK with coding system CDCREC.");
    public static readonly ValidationRule PublicityUnknown = new("pd1-11-invalid", "PD1-11", Warning, Value, 103, 5,
        "The publicity code in PD1-11 is not in HL7 table 0215; it was ignored.", "Send a table 0215 code (01 no reminder/recall, 02 reminder/recall any method, and so on).");
    public static readonly ValidationRule MultipleBirthInvalid = new("pid-24-invalid", "PID-24", Warning, Value, 103, 5,
        "The multiple birth indicator in PID-24 must be Y or N; it was ignored.", "Send Y (one of twins, triplets or more) or N in PID-24.");
    public static readonly ValidationRule BirthOrderInvalid = new("pid-25-invalid", "PID-25", Warning, Value, 102, 4,
        "The birth order in PID-25 is not a whole number from 1; it was ignored.", "Send the birth order as 1, 2, 3 and so on in PID-25 (with PID-24 = Y), or leave it empty.");
    public static readonly ValidationRule DeathDateInvalid = new("pid-29-invalid", "PID-29", Warning, Value, 102, 1,
        "The death date in PID-29 is not a real date to the day, or is in the future or before the birth date; it was ignored.", "Send the date of death as YYYYMMDD, or leave PID-29 empty.");
    public static readonly ValidationRule DeathIndicatorInvalid = new("pid-30-invalid", "PID-30", Warning, Value, 103, 5,
        "The death indicator in PID-30 must be Y or N; it was ignored.", "Send Y (the patient has died) or N in PID-30.");
    public static readonly ValidationRule ProtectionIndicatorInvalid = new("pd1-12-invalid", "PD1-12", Warning, Value, 103, 5,
        "The protection indicator in PD1-12 must be Y or N; it was ignored.", "Send Y (protect: do not share) or N in PD1-12.");
    public static readonly ValidationRule RegistryStatusUnknown = new("pd1-16-invalid", "PD1-16", Warning, Value, 103, 5,
        "The registry status in PD1-16 is not in HL7 table 0441; it was ignored.", "Send A (active), I (inactive), L, M, P, U or O in PD1-16.");
    public static readonly ValidationRule NextOfKinRelationshipUnknown = new("nk1-3-invalid", "NK1-3", Warning, Value, 103, 5,
        "The relationship in NK1-3 is missing or not in HL7 table 0063; this next-of-kin was ignored.", "Send a table 0063 code such as MTH (mother), FTH (father) or GRD (guardian).");
    public static readonly ValidationRule NextOfKinNameMissing = new("nk1-2-missing", "NK1-2", Warning, Value, 101, 7,
        "The next-of-kin name (NK1-2) is missing; this next-of-kin was ignored.", "Send the responsible person's name as Family^Given in NK1-2.");

    // Order group: errors drop the vaccination.
    public static readonly ValidationRule AdministrationDateMissing = new("rxa-3-missing", "RXA-3", Error, OrderGroup, 101, 7,
        "The administration date (RXA-3) is missing.", "Send the date the vaccine was given as YYYYMMDD in RXA-3.");
    public static readonly ValidationRule AdministrationDateInvalid = new("rxa-3-invalid", "RXA-3", Error, OrderGroup, 102, 2,
        "The administration date (RXA-3) '{0}' is not a valid date (YYYYMMDD[HHMM[SS]]).", "Send the date the vaccine was given as YYYYMMDD, e.g. 20240131.");
    public static readonly ValidationRule AdministrationDateInFuture = new("rxa-3-future", "RXA-3", Error, OrderGroup, 102, 1,
        "The administration date (RXA-3) {0} is after the message date or in the future.", "Check the administration date; a vaccination cannot be recorded before it happens.");
    public static readonly ValidationRule AdministrationBeforeBirth = new("rxa-3-before-birth", "RXA-3", Error, OrderGroup, 102, 1,
        "The administration date (RXA-3) {0} is before the patient's birth date.", "Check the administration date and the birth date in PID-7.");
    public static readonly ValidationRule VaccineCodeMissing = new("rxa-5-missing", "RXA-5", Error, OrderGroup, 101, 7,
        "The vaccine code (RXA-5) is missing.", "Send the CVX code in RXA-5, e.g. 08^Hep B, adolescent or pediatric^CVX.");
    public static readonly ValidationRule VaccineCodeUnknown = new("rxa-5-unknown", "RXA-5", Error, OrderGroup, 103, 5,
        "Vaccine code '{0}' in RXA-5 is not in the CDC's list of CVX codes.", "Send a CDC CVX code in RXA-5.1 with coding system CVX in RXA-5.3 (NDC and CPT codes are not accepted).");
    public static readonly ValidationRule CompletionStatusInvalid = new("rxa-20-invalid", "RXA-20", Error, OrderGroup, 103, 5,
        "Completion status '{0}' in RXA-20 is not in HL7 table 0322 (CP, RE, NA, PA).", "Send CP (complete), PA (partially administered), RE (refused) or NA (not administered) in RXA-20.");
    public static readonly ValidationRule ActionCodeInvalid = new("rxa-21-invalid", "RXA-21", Error, OrderGroup, 103, 5,
        "Action code '{0}' in RXA-21 is not in HL7 table 0323 (A, U, D).", "Send A (add), U (update) or D (delete) in RXA-21.");

    // Order group: warnings.
    public static readonly ValidationRule ActionCodeMissing = new("rxa-21-missing", "RXA-21", Warning, Value, 101, 7,
        "The action code (RXA-21) is empty; the vaccination was treated as an add (A).", "Send A, U or D in RXA-21.");
    public static readonly ValidationRule FillerOrderMissing = new("orc-3-missing", "ORC-3", Warning, Value, 101, 7,
        "The filler order number (ORC-3) is empty, so this vaccination cannot be updated or deleted by reference later.", "Send your system's unique id for the vaccination record in ORC-3.");
    public static readonly ValidationRule FillerOrderRepeated = new("orc-3-repeated", "ORC-3", Warning, Value, 205, null,
        "This filler order number (ORC-3) was also sent for vaccination {0} of this message: both name one vaccination record, so this later one replaces what the earlier one said.", "Give each vaccination its own ORC-3 filler order number, and send each vaccination once per message.");
    public static readonly ValidationRule FillerOrderReused = new("orc-3-reused", "ORC-3", Warning, Value, 205, null,
        "This filler order number (ORC-3) was also sent for vaccination {0} of this message, another vaccine or date: an ORC-3 that names two vaccinations identifies neither, so both are stored by patient, vaccine and date and cannot be updated or deleted by ORC-3 later.", "Give each vaccination its own ORC-3 filler order number.");
    public static readonly ValidationRule InformationSourceMissing = new("rxa-9-missing", "RXA-9", Warning, Value, 101, 7,
        "The information source (RXA-9) is empty; the dose was treated as administered by the sender (what it lacks as such is a warning, never an error).", "Send 00 (new immunization record) or 01 (historical) in RXA-9.");
    public static readonly ValidationRule InformationSourceInvalid = new("rxa-9-invalid", "RXA-9", Warning, Value, 103, 5,
        "Information source '{0}' in RXA-9 is not in table NIP001 (00 to 08); the dose was treated as administered by the sender (what it lacks as such is a warning, never an error).", "Send 00 (new immunization record) or 01 to 08 (historical, by source) in RXA-9.");
    public static readonly ValidationRule AmountMissing = new("rxa-6-missing", "RXA-6", Warning, Value, 101, 7,
        "The administered amount (RXA-6) is missing, or 999 (not known), for an administered dose.", "Send the dose volume in RXA-6 (e.g. 0.5) with units in RXA-7 (mL).");
    public static readonly ValidationRule AmountInvalid = new("rxa-6-invalid", "RXA-6", Warning, Value, 102, 4,
        "The amount '{0}' in RXA-6 is not a dose volume: RXA-6 holds a number above zero only (such as 0.5), its unit goes in RXA-7; it was not stored.", "Send the volume as a number such as 0.5 (a point, not a comma), or 999 when it is not known.");
    public static readonly ValidationRule LotNumberMissing = new("rxa-15-missing", "RXA-15", Warning, Value, 101, 7,
        "The lot number (RXA-15) is missing for an administered dose.", "Send the vaccine lot number in RXA-15.");
    public static readonly ValidationRule LotNumberMalformed = new("rxa-15-invalid", "RXA-15", Warning, Value, 102, 4,
        "The lot number (RXA-15) has components (it contains '^'), which usually means the RXA fields are shifted; it was ignored.", "Send the lot number alone in RXA-15 and check that RXA-16 (expiration), RXA-17 (manufacturer), RXA-20 and RXA-21 are in their own positions.");
    public static readonly ValidationRule AdministrationAfterDeath = new("rxa-3-after-death", "RXA-3", Warning, Value, 102, 1,
        "The administration date (RXA-3) is after the patient's date of death (PID-29).", "Check the administration date and the date of death; correct the one that is wrong.");
    public static readonly ValidationRule VaccineCodeNotAProduct = new("rxa-5-not-in-use", "RXA-5", Warning, Value, 103, 3,
        "CVX {0} is {1}: it names no vaccine product a dose given here (RXA-9 00) could be of.", "Send the CVX of the product given (it goes with the lot); unspecified and unknown codes are for historical records (RXA-9 01).");
    public static readonly ValidationRule RefusalReasonMissing = new("rxa-18-missing", "RXA-18", Warning, Value, 101, 7,
        "The vaccination is marked refused (RXA-20 RE) but RXA-18 gives no refusal reason.", "Send the reason in RXA-18 (NIP002: 00 parental decision, 01 religious exemption, 02 other, 03 patient decision).");
    public static readonly ValidationRule CompletionStatusImpliedRefusal = new("rxa-20-refusal-implied", "RXA-20", Warning, Value, 101, 7,
        "The completion status (RXA-20) is empty, but RXA-18 gives a refusal reason ('{0}'), which means the dose was not given; the vaccination was treated as refused (RE).", "Send RE in RXA-20 with a refusal (and its reason in RXA-18); for a dose that was given, send CP and leave RXA-18 empty.");
    public static readonly ValidationRule RefusalReasonWithGivenDose = new("rxa-18-given-dose", "RXA-18", Warning, Value, 102, 3,
        "The dose is marked given (RXA-20 {0}), but RXA-18 sends a refusal reason ('{1}'), which means it was not; this refusal reason was ignored.", "Leave RXA-18 empty for a dose that was given; for a refusal, send RE in RXA-20 with the reason in RXA-18.");
    public static readonly ValidationRule ExpirationBeforeAdministration = new("rxa-16-expired", "RXA-16", Warning, Value, 102, 1,
        "The lot expiration date (RXA-16) is before the administration date: an expired dose, or a wrong date.", "Check the expiration date; if the dose was expired, follow your revaccination guidance.");
    public static readonly ValidationRule ExpirationInvalid = new("rxa-16-invalid", "RXA-16", Warning, Value, 102, 2,
        "The lot expiration date (RXA-16) '{0}' is not a valid date; it was ignored.", "Send the expiration date as YYYYMMDD.");
    public static readonly ValidationRule ManufacturerMissing = new("rxa-17-missing", "RXA-17", Warning, Value, 101, 7,
        "The manufacturer (RXA-17) is missing for an administered dose.", "Send the MVX code in RXA-17, e.g. PMC^Sanofi Pasteur^MVX.");
    public static readonly ValidationRule ManufacturerUnknown = new("rxa-17-unknown", "RXA-17", Warning, Value, 103, 5,
        "Manufacturer '{0}' in RXA-17 is not an MVX code; it was ignored.", "Send a CDC MVX code in RXA-17.1 with coding system MVX.");
    public static readonly ValidationRule RouteUnknown = new("rxr-1-invalid", "RXR-1", Warning, Value, 103, 5,
        "Route '{0}' in RXR-1 is not in HL7 table 0162 or the NCIT route list; it was ignored.", "Send a route such as IM, SC, PO, NS, ID (table 0162) or C28161 (NCIT).");
    public static readonly ValidationRule SiteUnknown = new("rxr-2-invalid", "RXR-2", Warning, Value, 103, 5,
        "Site '{0}' in RXR-2 is not in HL7 table 0163; it was ignored.", "Send a body site such as LA, RA, LT, RT, LD, RD (table 0163).");
    public static readonly ValidationRule EligibilityMissing = new("vfc-eligibility-missing", "OBX 64994-7", Warning, Value, 101, 6,
        "The administered dose has no valid VFC eligibility observation (OBX-3 64994-7).", "After the RXA, add an OBX with OBX-3 64994-7 (LN) and the patient's eligibility for this dose in OBX-5 (table 0064, e.g. V01 not VFC eligible, V02 Medicaid); a 2.3.1 message may send it for the visit in PV1-20 instead.");
    public static readonly ValidationRule EligibilityUnknown = new("vfc-eligibility-invalid", "OBX-5", Warning, Value, 103, 5,
        "VFC eligibility '{0}' (OBX 64994-7, or PV1-20 in 2.3.1) is not in HL7 table 0064; it was ignored.", "Send an eligibility code V01 to V07 or V22 to V25 from table 0064.");
    public static readonly ValidationRule FundingSourceMissing = new("funding-source-missing", "OBX 30963-3", Warning, Value, 101, 6,
        "The administered dose has no valid funding source observation (OBX-3 30963-3).", "After the RXA, add an OBX with OBX-3 30963-3 (LN) and the dose's funding source in OBX-5 (CDCPHINVS, e.g. VXC50 public, PHC70 private).");
    public static readonly ValidationRule FundingSourceUnknown = new("funding-source-invalid", "OBX-5", Warning, Value, 103, 5,
        "Funding source '{0}' (OBX 30963-3) is not a CDCPHINVS funding code; it was ignored.", "Send VXC1, VXC2, VXC3, VXC50, VXC51, VXC52, PHC70, PHC68, OTH or UNK.");
    public static readonly ValidationRule CodingSystemUnexpected = new("coding-system-unexpected", "CE-3", Warning, Value, 103, 4,
        "The coding system '{0}' of this {1} is not {2}, the system of its codes; the code was read as a {2} code all the same.", "Name each code's own coding system after its text: MVX for manufacturers (RXA-17), HL70064 for VFC eligibility and CDCPHINVS for funding sources (OBX-5).");
    public static readonly ValidationRule ObservationCodeMissing = new("obx-3-missing", "OBX-3", Warning, Value, 101, 7,
        "This OBX has no observation code in OBX-3, so what its value reports cannot be known; it was not stored.", "Send the LOINC code of the observation in OBX-3.1, e.g. 64994-7^Vaccine funding program eligibility category^LN or 30963-3^Vaccine funding source^LN.");
    public static readonly ValidationRule ObservationStatusMissing = new("obx-11-missing", "OBX-11", Warning, Value, 101, 7,
        "The observation result status (OBX-11) is empty (a status such as F in OBX-9 or OBX-10 means the OBX fields are shifted); the observation was read all the same.", "Send F (final) in OBX-11, the eleventh field of the OBX.");
    public static readonly ValidationRule ObservationStatusInvalid = new("obx-11-invalid", "OBX-11", Warning, Value, 103, 5,
        "The observation result status '{0}' in OBX-11 is not in HL7 table 0085 (F final, C corrected, P preliminary...): a date or a code there means the OBX fields are shifted; the observation was read all the same.", "Send F (final) in OBX-11, the eleventh field of the OBX, and check that OBX-14 (date of the observation) and OBX-17 (method) are in their own positions.");
    public static readonly ValidationRule ObservationDateInvalid = new("obx-date-invalid", "OBX-5", Warning, Value, 102, 2,
        "The date '{0}' in this observation (OBX-5, VIS date) is not a valid date; it was ignored.", "Send the date as YYYYMMDD.");

    // Found by the database when the message is stored.
    public static readonly ValidationRule DeleteOfUnknownVaccination = new("rxa-21-delete-unknown", "RXA-21", Warning, Value, 204, null,
        "RXA-21 asks to delete a vaccination (D), but the registry has no stored vaccination of this patient that matches it, so nothing changed.",
        "If the vaccination was never sent to the registry, nothing needs doing. Otherwise send the deletion as the vaccination was sent: with the same order number (ORC-3), or, if it had none, with the same vaccine code (RXA-5) and date (RXA-3).");

    public static readonly ValidationRule OrderNumberNamesOtherVaccine = new("orc-3-other-vaccine", "RXA-5", Warning, Value, 205, null,
        "The filler order number (ORC-3) of this vaccination names one the registry already holds for another vaccine (CVX {0}, given {1}); it was taken as a correction of that record, which {2}.",
        "If this is another dose, give each dose its own ORC-3 (your system's id for the vaccination record, not a visit or order number shared by several doses) and send the earlier dose again; if this corrects the vaccine code, nothing needs doing.");

    // Information.
    public static readonly ValidationRule RefusalRecorded = new("rxa-20-refused", "RXA-20", Information, Value, 0, null,
        "Marked {0}: the vaccination was not given.", "Nothing to fix.");
    public static readonly ValidationRule HistoricalDose = new("rxa-9-historical", "RXA-9", Information, Value, 0, null,
        "A historical dose (RXA-9 {0}): lot, manufacturer and funding are not required.", "Nothing to fix.");

    // File level.
    public static readonly ValidationRule BatchCountMismatch = new("bts-1-count", "BTS-1", Warning, RuleScope.File, 0, null,
        "Batch {0} declares {1} message(s) in BTS-1 but holds {2}.", "Make BTS-1 the number of messages in the batch; all messages read were processed regardless.");
    public static readonly ValidationRule FileCountMismatch = new("fts-1-count", "FTS-1", Warning, RuleScope.File, 0, null,
        "The file declares {0} batch(es) in FTS-1 but holds {1}.", "Make FTS-1 the number of BHS batches in the file.");
    public static readonly ValidationRule FileNameReceivedBefore = new("file-name-received-before", "file", Information, RuleScope.File, 0, null,
        "A file of this name was processed before (received {0} UTC). What it stored stays stored: this file's messages updated what they name and added the rest; nothing was removed because this file leaves it out.",
        "Name each new file anew (HL7_<Clinic>_<YYYYMMDD>_<HHMMSS>.txt). To correct a vaccination, send it again with the same ORC-3; to remove one, send it with RXA-21 D.");
    public static readonly ValidationRule FileStructure = new("file-structure", "file", Warning, RuleScope.File, 0, null,
        "{0}", "Check how the file is put together: FHS, BHS, the messages, BTS, FTS, each on its own line, and nothing after the last.");

    public static IReadOnlyList<ValidationRule> All { get; } = typeof(Rules)
        .GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
        .Where(f => f.FieldType == typeof(ValidationRule))
        .Select(f => (ValidationRule)f.GetValue(null)!)
        .ToArray();
}
