using Registry.Ingest.Hl7;
using Registry.Ingest.Immunization.Records;
using Registry.Ingest.Immunization.Validation;

namespace Registry.Ingest.Immunization.Vxu;

/// <summary>
/// The OBX segments of an order group: every one kept as an <see cref="Observation"/>; VFC
/// eligibility and funding source picked out; VIS observations gathered by OBX-4 sub-id.
/// </summary>
internal static class ObservationReader
{
    private static readonly GroupObservations None = new(default, default, [], []);

    public static GroupObservations Read(Hl7Message message, List<int> segments, int vaccination, VxuReadMode mode, IssueCollector issues)
    {
        if (segments.Count == 0)
        {
            return None;
        }

        ObservationValue eligibility = default, funding = default;
        List<ObservationValue>? laterEligibility = null, laterFunding = null;
        bool records = mode == VxuReadMode.Records;
        var all = records ? new List<Observation>(segments.Count) : null;
        List<VisDocument>? vis = null;
        foreach (int index in segments)
        {
            var obx = message[index];
            var code = obx.Field(3).Component(1);

            if (Values.IsBlank(code))
            {
                issues.Report(Rules.ObservationCodeMissing, obx.Field(3).Location, vaccination);
            }

            // Required in both versions; a clinic's OBX written one or two fields short (the
            // NDIIS examples put F in OBX-9) is read as sent, and told.
            var status = obx.Field(11).Repetition(1).Component(1);
            if (Values.IsBlank(status))
            {
                issues.Report(Rules.ObservationStatusMissing, obx.Field(11).Location, vaccination);
            }
            else if (!IsResultStatus(status.Code.Trim()))
            {
                issues.Report(Rules.ObservationStatusInvalid, status.Location, vaccination, status.Value);
            }

            var coded = Values.FirstSent(obx.Field(5));
            var value = coded.Component(1);
            var codeText = code.Code;
            if (codeText.SequenceEqual(ObservationCodes.VfcEligibility))
            {
                Take(ref eligibility, ref laterEligibility, coded);
            }
            else if (codeText.SequenceEqual(ObservationCodes.FundingSource))
            {
                Take(ref funding, ref laterFunding, coded);
            }
            else if (ObservationCodes.IsVis(codeText))
            {
                var date = CheckVisDate(codeText, value, vaccination, issues);
                if (records)
                {
                    vis ??= [];
                    AddVis(vis, obx, codeText, value, date);
                }
            }

            // Without a code (or with padding for one) an observation says nothing a later message
            // could replace: it is not stored.
            if (all is null || Values.IsBlank(code))
            {
                continue;
            }

            all.Add(new Observation(
                Values.Integer(obx.Field(1)) ?? all.Count + 1,
                Values.Required(obx.Field(2)) ?? string.Empty,
                Values.WithoutNul(code.Value).Trim(),
                Values.Required(obx.Field(3).Component(2)),
                Values.Required(obx.Field(4)),
                Values.Required(value),
                Values.Required(obx.Field(5).Repetition(1).Component(2)),
                Values.Required(obx.Field(5).Repetition(1).Component(3)),
                Values.Timestamp(obx.Field(14)),
                Values.Required(obx.Field(17).Component(1)),
                obx.Line));
        }

        return new GroupObservations(eligibility, funding, (IReadOnlyList<VisDocument>?)vis ?? [], (IReadOnlyList<Observation>?)all ?? [])
        {
            LaterEligibility = (IReadOnlyList<ObservationValue>?)laterEligibility ?? [],
            LaterFunding = (IReadOnlyList<ObservationValue>?)laterFunding ?? [],
        };
    }

    /// <summary>HL7 table 0085, observation result status (one letter, any case: a clerk's "f" is F).</summary>
    private static bool IsResultStatus(ReadOnlySpan<char> code) =>
        code.Length == 1 && "CDFINOPRSUWXcdfinoprsuwx".Contains(code[0]);

    /// <summary>The first OBX of a code is its value; the later ones are kept, in order, for when the first's is no code of the table.</summary>
    private static void Take(ref ObservationValue first, ref List<ObservationValue>? later, Hl7Element coded)
    {
        if (first.Element is null)
        {
            first = new ObservationValue(coded);
        }
        else
        {
            (later ??= []).Add(new ObservationValue(coded));
        }
    }

    /// <summary>A VIS published/presented date, checked in both modes; null for other VIS observations.</summary>
    private static DateOnly? CheckVisDate(ReadOnlySpan<char> code, Hl7Element value, int vaccination, IssueCollector issues)
    {
        if (!(code.SequenceEqual(ObservationCodes.VisPublished) || code.SequenceEqual(ObservationCodes.VisPresented)) || !value.HasValue)
        {
            return null;
        }

        if (Values.TryDay(value, out var day))
        {
            return day.Date;
        }

        issues.Report(Rules.ObservationDateInvalid, value.Location, vaccination, value.Value);
        return null;
    }

    /// <summary>
    /// Adds a VIS observation to the last document of its OBX-4 sub-id, or starts a new document
    /// when that one already has what this observation says: EHRs that send no OBX-4, or the same
    /// one for every document, send each document with its dates in turn, and a second document
    /// must not overwrite the first.
    /// </summary>
    private static void AddVis(List<VisDocument> vis, Hl7Segment obx, ReadOnlySpan<char> code, Hl7Element value, DateOnly? date)
    {
        var subId = Values.Required(obx.Field(4));
        int at = vis.FindLastIndex(v => v.SubId == subId);
        var document = at >= 0 ? vis[at] : null;
        bool isDocument = code.SequenceEqual(ObservationCodes.VisDocument);
        bool isVaccineType = code.SequenceEqual(ObservationCodes.VisVaccineType);
        bool isPublished = code.SequenceEqual(ObservationCodes.VisPublished);
        bool taken = document is not null
            && (isDocument ? document.DocumentCode is not null
                : isVaccineType ? document.VaccineCvx is not null
                : isPublished ? document.Published is not null
                : document.Presented is not null);
        if (document is null || taken)
        {
            document = new VisDocument(subId, null, null, null, null) { Line = obx.Line };
            at = -1;
        }

        document = isDocument ? document with { DocumentCode = Values.Required(value) }
            : isVaccineType ? document with { VaccineCvx = Values.Required(value) }
            : isPublished ? document with { Published = date }
            : document with { Presented = date };
        if (at >= 0)
        {
            vis[at] = document;
        }
        else
        {
            vis.Add(document);
        }
    }
}
