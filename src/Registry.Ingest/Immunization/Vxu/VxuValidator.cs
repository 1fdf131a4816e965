using System.Globalization;
using Registry.Ingest.Hl7;
using Registry.Ingest.Immunization.CodeTables;
using Registry.Ingest.Immunization.Records;
using Registry.Ingest.Immunization.Validation;

namespace Registry.Ingest.Immunization.Vxu;

/// <summary>
/// Reads a VXU^V04 (2.3.1 or 2.5.1) into records and checks it against the catalogue in one pass,
/// applying the receiver rules: a message-level error rejects the message, an order-group error
/// drops that vaccination, a bad value is ignored; everything is reported.
/// </summary>
internal sealed class VxuValidator(CodeTableSet tables, ValidationPolicy policy, TimeProvider time, VxuReadMode mode = VxuReadMode.Records)
{
    private readonly PatientReader patients = new(tables);
    private readonly NextOfKinReader nextOfKin = new(tables);
    private readonly VaccinationReader vaccinations = new(tables);

    public ValidationPolicy Policy => policy;

    /// <param name="item">A message as the batch reader yields it.</param>
    /// <param name="clinic">The clinic named in the file name, for the MSH-4 check; null when unknown.</param>
    /// <param name="controlIds">The control ids of the file's messages so far, to warn of one repeated; none when null.</param>
    public MessageResult Validate(Hl7BatchItem item, string? clinic, ControlIdHistory? controlIds = null)
    {
        if (item.Message is null)
        {
            var issues = new IssueCollector(policy);
            var error = item.Error!;
            // ERR-2 points at the message header; the line is the one where reading failed.
            issues.ReportDetail(error.CutShort ? Rules.MessageCutShort : Rules.MessageUnparseable, new Hl7Location("MSH", 1, Line: error.Line), string.Create(CultureInfo.InvariantCulture, $"line {error.Line}: {error.Reason}"));
            CheckRepeated(item.Header.ControlId, new Hl7Location("MSH", 1, 10, Line: item.FirstLine), item.Number, controlIds, issues);
            return Result(item.Number, item.FirstLine, item.Header.ControlId, issues, false, null, RxaLines(item.Text), 0);
        }

        try
        {
            return Validate(item.Message, clinic, item.Number, controlIds, item);
        }
        catch (Exception e) when (e is not (OperationCanceledException or OutOfMemoryException))
        {
            // A defect of ours, met by this message: it is answered (AR 207, nothing stored) and
            // the file goes on, rather than the whole file being lost to one message.
            var issues = new IssueCollector(policy);
            issues.ReportDetail(Rules.MessageInternalError, new Hl7Location("MSH", 1, Line: item.FirstLine), e.GetType().Name);
            return Result(item.Number, item.FirstLine, item.Header.ControlId, issues, false, null, RxaSegments(item.Message), 0) with { Failure = e };
        }
    }

    /// <param name="item">The batch reader's item of the message, when it came from one: its MSH, once read, is kept for storing.</param>
    public MessageResult Validate(Hl7Message message, string? clinic, int number = 1, ControlIdHistory? controlIds = null, Hl7BatchItem? item = null)
    {
        var issues = new IssueCollector(policy);
        var msh = message.Header;
        var controlId = msh.Field(10).Value;
        bool supported = CheckSupported(msh, issues);
        // Also for a message refused for its type or version: its ACK cannot name it either.
        if (!msh.Field(10).HasValue || msh.Field(10).Raw.IsWhiteSpace())
        {
            issues.Report(Rules.ControlIdMissing, msh.Field(10).Location);
        }
        else
        {
            CheckRepeated(controlId, msh.Field(10).Location, number, controlIds, issues);
        }

        if (!supported)
        {
            return Result(number, message.FirstLine, controlId, issues, false, null, RxaSegments(message), 0);
        }

        ReportContinuedLines(message, issues);

        // Identity is per facility: without one, patients of different clinics would be merged.
        var facility = FacilityId(msh);
        if (!facility.HasValue || facility.Raw.IsWhiteSpace())
        {
            issues.Report(Rules.SendingFacilityMissing, msh.Field(4).Location);
        }

        var today = DateOnly.FromDateTime(time.GetLocalNow().DateTime);
        var latest = new DateLimit(today, null, time.GetUtcNow());
        DateTime? messageTime = null;
        if (Hl7DateTime.TryParse(Values.DateText(msh.Field(7)), out var sent) && sent.Precision >= Hl7DatePrecision.Day)
        {
            messageTime = sent.Value;
            latest = latest with
            {
                Latest = sent.Date < today ? sent.Date : today,
                // An instant only with a time: a day with an offset (20240515-0500) is no moment.
                MessageInstant = sent.Precision >= Hl7DatePrecision.Minute ? sent.Instant : null,
            };
        }
        else
        {
            issues.Report(Rules.MessageTimeInvalid, msh.Field(7).Location);
        }

        var facilityOnFile = CheckSendingFacility(msh, clinic, issues);
        CheckKeyLengths(message, facility, issues);
        bool is251 = IsCode(msh.Field(12).Component(1), "2.5.1");
        var layout = SegmentLayout.Read(message, requireOrc: is251, issues);
        PatientCheck patient = default;
        IReadOnlyList<NextOfKin> kin = [];
        if (layout.Pid >= 0)
        {
            var pd1 = layout.Pd1 >= 0 ? message[layout.Pd1] : default;
            patient = patients.Read(message[layout.Pid], pd1, latest, mode, issues);
            kin = nextOfKin.Read(message, layout.NextOfKin, mode, issues);
        }

        int accepted = 0;
        var records = mode == VxuReadMode.Records ? new List<Vaccination>(layout.Groups.Count) : null;
        var orders = layout.Groups.Count > 1 ? new OrderNumbers() : null;
        foreach (var group in layout.Groups)
        {
            var (ok, record) = vaccinations.Read(message, group, layout.Pv1, patient.BirthDate, patient.DeathDate, latest, is251, mode, issues, orders);
            if (ok)
            {
                accepted++;
                records?.Add(record!);
            }
        }

        if (orders is not null && records is not null)
        {
            for (int i = 0; i < records.Count; i++)
            {
                if (!orders.IsUsable(records[i].Number))
                {
                    records[i] = records[i] with { FillerOrderId = null, FillerOrderAuthority = null };
                }
            }
        }

        if (accepted == 0 && !issues.MessageRejected)
        {
            // At the first RXA when there is one (each was dropped for a reason of its own, listed
            // with it); a message without any names no place (ERR-2 is left empty).
            int firstRxa = message.IndexOf("RXA");
            issues.Report(Rules.NoVaccinations, firstRxa >= 0 ? message[firstRxa].Location : null);
        }

        bool stored = !issues.MessageRejected && patient.Accepted;
        VaccinationUpdate? update = null;
        if (stored && patient.Patient is not null)
        {
            var header = item?.Header ?? Hl7MessageHeader.From(message);
            var info = new MessageHeaderInfo(
                Values.WithoutNul(header.SendingApplication), facilityOnFile ?? Values.WithoutNul(FacilityId(msh).Value).Trim(), Values.WithoutNul(header.ControlId), header.ProcessingId, header.Version, messageTime);
            update = new VaccinationUpdate(info, patient.Patient, kin, records!);
        }

        // Vaccinations as sent are RXAs: an ORC without one (reported as such) sent none.
        int read = layout.Groups.Count(g => g.Rxa >= 0);
        return Result(number, message.FirstLine, controlId, issues, stored, update, read, stored ? accepted : 0);
    }

    /// <summary>Each line read as the rest of the segment before it, at that segment, on that line.</summary>
    private static void ReportContinuedLines(Hl7Message message, IssueCollector issues)
    {
        int at = 0;
        foreach (int line in message.ContinuedLines)
        {
            while (at + 1 < message.SegmentCount && message[at + 1].Line < line)
            {
                at++;
            }

            var segment = message[at];
            issues.Report(Rules.SegmentContinued, segment.Location with { Line = line }, null, segment.Id);
        }
    }

    /// <summary>A header code as <see cref="Hl7MessageHeader"/> takes it: padding around it does not count.</summary>
    private static bool IsCode(Hl7Element element, string code) => element.Code.SequenceEqual(code);

    /// <summary>
    /// The vaccinations a message refused outright (AR) sent: each RXA is one, dropped with it, as
    /// the report counts the dropped vaccinations of any rejected message.
    /// </summary>
    private static int RxaSegments(Hl7Message message)
    {
        int count = 0;
        for (int at = message.IndexOf("RXA"); at >= 0; at = message.IndexOf("RXA", at + 1))
        {
            count++;
        }

        return count;
    }

    /// <summary>The same for a message that could not be read: its lines that start an RXA segment.</summary>
    private static int RxaLines(ReadOnlySpan<char> text)
    {
        int count = 0;
        foreach (var range in text.SplitAny('\r', '\n'))
        {
            var line = text[range].TrimStart();
            count += line.Length > 3 && line.StartsWith("RXA", StringComparison.Ordinal) && !char.IsAsciiLetterOrDigit(line[3]) ? 1 : 0;
        }

        return count;
    }

    /// <summary>
    /// Every message's control id is recorded, whatever becomes of the message: an AR or an
    /// unreadable message and a later one with its id get two ACKs that cannot be told apart too.
    /// </summary>
    private static void CheckRepeated(string controlId, Hl7Location location, int number, ControlIdHistory? controlIds, IssueCollector issues)
    {
        if (controlIds?.Earlier(controlId, number) is { } earlier)
        {
            issues.Report(Rules.ControlIdRepeated, location, null, earlier);
        }
    }

    /// <summary>An empty MSH-9, -11 or -12 is named as missing, not quoted as an unsupported ''.</summary>
    private static void ReportUnsupported(Hl7Element value, ValidationRule missing, ValidationRule unsupported, IssueCollector issues)
    {
        if (value.Code.IsWhiteSpace())
        {
            issues.Report(missing, value.Location, null);
        }
        else
        {
            issues.Report(unsupported, value.Location, null, value.Value);
        }
    }

    private static bool CheckSupported(Hl7Segment msh, IssueCollector issues)
    {
        var type = msh.Field(9).Component(1);
        var trigger = msh.Field(9).Component(2);
        if (!IsCode(type, "VXU"))
        {
            ReportUnsupported(type, Rules.MessageTypeMissing, Rules.MessageTypeUnsupported, issues);
        }
        else if (!IsCode(trigger, "V04"))
        {
            ReportUnsupported(trigger, Rules.TriggerEventMissing, Rules.TriggerEventUnsupported, issues);
        }

        var processing = msh.Field(11).Component(1);
        if (!(IsCode(processing, "P") || IsCode(processing, "T") || IsCode(processing, "D")))
        {
            ReportUnsupported(processing, Rules.ProcessingIdMissing, Rules.ProcessingIdUnsupported, issues);
        }

        var version = msh.Field(12).Component(1);
        if (!(IsCode(version, "2.5.1") || IsCode(version, "2.3.1")))
        {
            ReportUnsupported(version, Rules.VersionMissing, Rules.VersionUnsupported, issues);
        }

        return !issues.MessageRejected;
    }

    /// <summary>
    /// Warns of an MSH-4 that is none the registry has on file for the file name's clinic, and
    /// returns the one on file that it names, in the registry's spelling: the check ignores case
    /// (an EHR reconfigured to send <c>clinicv</c> is still CLINICV), so the records must be matched
    /// and stored under one spelling too, or the clinic's deletes and updates would miss, unwarned.
    /// </summary>
    private string? CheckSendingFacility(Hl7Segment msh, string? clinic, IssueCollector issues)
    {
        if (clinic is null || !policy.Clinics.TryGetValue(clinic, out var facilities))
        {
            return null;
        }

        var facility = FacilityId(msh);
        if (Values.IsBlank(facility))
        {
            return null; // msh-4-missing says so; no facility is none the registry has on file
        }

        foreach (var known in facilities)
        {
            if (facility.Code.Trim().Equals(known.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                return known.Trim();
            }
        }

        issues.Report(Rules.SendingFacilityMismatch, facility.Location, null, facility.Value, clinic);
        return null;
    }

    /// <summary>
    /// The values the registry finds and matches records by (MSH-4's facility, PID-3's identifiers
    /// and authorities, the names in PID-5 and NK1-2, ORC-3's order number and authority) are
    /// keys of its indexes, which refuse a value of more than ~2,700 bytes: one such value stopped
    /// the whole file's transaction. Far longer than any real one (HL7 gives them 15 to 427), a
    /// value over <see cref="Values.MaxKeyLength"/> characters rejects its message instead.
    /// </summary>
    private static void CheckKeyLengths(Hl7Message message, Hl7Element facility, IssueCollector issues)
    {
        CheckKeyLength(facility, issues);
        for (int i = 1; i < message.SegmentCount; i++)
        {
            var segment = message[i];
            switch (segment.Id)
            {
                case "PID":
                    foreach (var identifier in segment.Field(3).Repetitions())
                    {
                        CheckKeyLength(identifier.Component(1), issues);
                        CheckKeyLength(identifier.Component(4), issues);
                    }

                    foreach (var name in segment.Field(5).Repetitions())
                    {
                        CheckKeyLength(name.Component(1), issues);
                        CheckKeyLength(name.Component(2), issues);
                    }

                    break;
                case "NK1":
                    foreach (var name in segment.Field(2).Repetitions())
                    {
                        CheckKeyLength(name.Component(1), issues);
                        CheckKeyLength(name.Component(2), issues);
                    }

                    break;
                case "ORC":
                    CheckKeyLength(segment.Field(3).Component(1), issues);
                    CheckKeyLength(segment.Field(3).Component(2), issues);
                    CheckKeyLength(segment.Field(3).Component(3), issues);
                    break;
            }
        }
    }

    private static void CheckKeyLength(Hl7Element element, IssueCollector issues)
    {
        // Decoding only shortens (\F\ is one character): most values are judged by their raw length.
        if (element.HasValue && element.Raw.Length > Values.MaxKeyLength && element.Value.Length > Values.MaxKeyLength)
        {
            issues.Report(Rules.KeyValueTooLong, element.Location, null, element.Value.Length, Values.MaxKeyLength);
        }
    }

    /// <summary>
    /// The sending facility's id in MSH-4 (HD): its namespace id, or when only the universal id is
    /// sent (<c>^2.16.840.1.113883.19.3.1^ISO</c>, an OID), that.
    /// </summary>
    private static Hl7Element FacilityId(Hl7Segment msh)
    {
        var field = msh.Field(4);
        var name = field.Component(1);
        return name.HasValue && !name.Raw.IsWhiteSpace() ? name : field.Component(2);
    }

    private MessageResult Result(int number, int firstLine, string controlId, IssueCollector issues, bool stored, VaccinationUpdate? update, int read, int accepted) =>
        new(number, firstLine, controlId, AckCodeRule.Decide(issues.Issues, policy.WarningsGiveAe), issues.Issues, stored, update, read, accepted);
}
