using Registry.Ingest.Hl7;
using Registry.Ingest.Immunization.CodeTables;
using Registry.Ingest.Immunization.Records;
using Registry.Ingest.Immunization.Validation;

namespace Registry.Ingest.Immunization.Vxu;

/// <summary>
/// One order group to a <see cref="Vaccination"/>, or null when an error drops it. Every check runs
/// even after the first error, so the clinic learns everything to fix in one round.
/// </summary>
internal sealed class VaccinationReader(CodeTableSet tables)
{
    private readonly CodeTable completionStatuses = tables.GetTable(CodeTableNames.CompletionStatus);
    private readonly CodeTable actionCodes = tables.GetTable(CodeTableNames.ActionCode);
    private readonly CodeTable informationSources = tables.GetTable(CodeTableNames.InformationSource);
    private readonly CodeTable routes = tables.GetTable(CodeTableNames.Route);
    private readonly CodeTable ncitRoutes = tables.GetTable(CodeTableNames.RouteNcit);
    private readonly CodeTable sites = tables.GetTable(CodeTableNames.Site);
    private readonly CodeTable eligibilities = tables.GetTable(CodeTableNames.VfcEligibility);
    private readonly CodeTable fundingSources = tables.GetTable(CodeTableNames.FundingSource);

    /// <param name="pv1">The message's first PV1, -1 when it has none: found once per message, not per dose.</param>
    /// <param name="orders">The ORC-3 values of the message's vaccinations accepted so far; this one's is added when it is accepted. Null for a message of one vaccination.</param>
    /// <returns>Whether the vaccination is accepted, and its record in <see cref="VxuReadMode.Records"/> mode.</returns>
    public (bool Accepted, Vaccination? Record) Read(
        Hl7Message message, OrderGroup group, int pv1, DateOnly? birthDate, DateOnly? deathDate, DateLimit latestDate, bool isVersion251, VxuReadMode mode, IssueCollector issues, OrderNumbers? orders)
    {
        int number = group.Number;
        int firstIssue = issues.Issues.Count;
        if (group.Rxa < 0)
        {
            issues.Report(Rules.OrcWithoutRxa, message[group.Orc].Location); // no vaccination: located by its ORC
            return (false, null);
        }

        var rxa = message[group.Rxa];
        if (group.MissingOrc)
        {
            issues.Report(Rules.RxaWithoutOrc, rxa.Location, number);
        }

        // "Cannot be updated or deleted by reference later" means nothing on a deletion itself,
        // which without ORC-3 is matched by patient, vaccine and date.
        var orc = group.Orc >= 0 ? message[group.Orc] : default;
        bool deletion = rxa.Field(21).Component(1).Code.SequenceEqual("D");
        if (orc.Exists && isVersion251 && Values.IsBlank(orc.Field(3).Component(1)) && !deletion)
        {
            issues.Report(Rules.FillerOrderMissing, orc.Field(3).Location, number);
        }

        var administeredAt = ReadAdministrationDate(rxa.Field(3), birthDate, latestDate, number, issues);
        var cvx = ReadCvx(rxa.Field(5), number, issues);
        // A delete's completion status is nothing it is matched by, nor stored: one outside table
        // 0322 (a clerk's "cp", an EHR's own code) must not keep a wrong dose in the registry.
        var completion = ReadCompletionStatus(rxa.Field(20), rxa.Field(18), number, deletion ? issues.Aside() : issues) ?? (deletion ? "CP" : null);
        var action = ReadActionCode(rxa.Field(21), isVersion251, number, issues);

        // A delete names a stored vaccination (ORC-3, or patient, vaccine and date) and nothing else
        // of it is stored: its other fields are neither required nor checked, so a minimal D deletes.
        var checks = action == "D" ? issues.Aside() : issues;
        var sourceCode = Values.FirstSent(rxa.Field(9));
        // CVX 998 ("no vaccine administered") records no dose, complete as its record may be: the
        // CDC guide sends it, CP and RXA-9 empty, with an OBX of evidence of immunity (59784-9).
        // No dose, so no source, amount, lot, manufacturer, eligibility or funding to miss.
        bool given = completion is "CP" or "PA" && cvx != NoVaccineCvx;

        // Only a given dose has a source: R1.5 wants RXA-9 empty for RE/NA, so it is not checked there.
        var source = ReadInformationSource(sourceCode, number, given ? checks : issues.Aside());
        if (given && Values.IsBlank(sourceCode.Component(1)) && Values.IsBlank(sourceCode.Component(4)))
        {
            checks.Report(Rules.InformationSourceMissing, rxa.Field(9).Location, number);
        }

        bool administered = given && action != "D" && source is null or "00";

        // A dose given with RXA-9 empty or outside NIP001 is taken as given here and told what such
        // a dose lacks, but only RXA-9 00 says it was (§6): what it lacks warns, and never drops it,
        // whatever the profile requires of an administered dose.
        var required = source == "00" ? issues : issues.AtMostWarnings();

        var amount = ReadAmount(rxa.Field(6), administered, number, checks);
        // Each of these repeats in 2.5.1; some EHRs leave the first repetition empty (~AB12345).
        var lot = FirstValue(rxa.Field(15));
        bool lotUsable = CheckLot(lot, number, checks);
        var expiration = ReadExpiration(FirstValue(rxa.Field(16)), number, checks);
        var manufacturer = Values.FirstSent(rxa.Field(17));
        var mvx = ReadManufacturer(manufacturer, number, checks);

        string? route = null, site = null;
        if (group.Rxr >= 0)
        {
            var rxr = message[group.Rxr];
            route = ReadRoute(Values.FirstSent(rxr.Field(1)), number, checks);
            site = PatientReader.Coded(Values.FirstSent(rxr.Field(2)), sites, Rules.SiteUnknown, checks, number);
        }

        var obs = ObservationReader.Read(message, group.Observations, number, mode, checks);
        // PV1-20 is the visit's: it speaks of a dose given at this visit, not a historical or refused one.
        var eligibilitySent = obs.Eligibility.Element is null && !isVersion251 && administered ? LegacyEligibility(message, pv1, administeredAt) : obs.Eligibility;
        (var eligibility, eligibilitySent) = FirstKnown(eligibilitySent, obs.LaterEligibility, eligibilities, Rules.EligibilityUnknown, legacyFunding: false, number, checks);
        var (funding, fundingSent) = FirstKnown(obs.Funding, obs.LaterFunding, fundingSources, Rules.FundingSourceUnknown, legacyFunding: true, number, checks);
        if (!string.IsNullOrEmpty(eligibility) && eligibilitySent.Element is { } eligibilityElement && eligibilityElement.Location.SegmentId == "OBX")
        {
            CheckCodingSystem(eligibilityElement, eligibility, "VFC eligibility (OBX 64994-7)", "HL70064", null, number, checks);
        }

        if (!string.IsNullOrEmpty(funding) && fundingSent.Element is { } fundingElement)
        {
            CheckCodingSystem(fundingElement, funding, "funding source (OBX 30963-3)", "CDCPHINVS", "NIP008", number, checks);
        }

        if (administered)
        {
            // Not sent, or 999 ("not known"); a value that is no volume was reported by ReadAmount.
            if (Values.IsBlank(rxa.Field(6)) || Values.Decimal(rxa.Field(6)) == 999m)
            {
                required.Report(Rules.AmountMissing, rxa.Field(6).Location, number);
            }

            if (Values.IsBlank(lot))
            {
                required.Report(Rules.LotNumberMissing, rxa.Field(15).Location, number);
            }

            // A name without its MVX code (^Merck^MVX) identifies no manufacturer either.
            if (Values.IsBlank(manufacturer.Component(1)) && Values.IsBlank(manufacturer.Component(4)))
            {
                required.Report(Rules.ManufacturerMissing, rxa.Field(17).Location, number);
            }

            // No OBX, or one with an empty OBX-5. A code outside the table was reported (and ignored)
            // by Interpret; where the profile requires the value (missing is an error), the dose
            // then has none either.
            if (string.IsNullOrEmpty(eligibility) && (eligibilitySent.Element is not { } sentEligibility || Values.IsBlank(sentEligibility.Component(1)) || required.SeverityOf(Rules.EligibilityMissing) == Severity.Error))
            {
                required.Report(Rules.EligibilityMissing, rxa.Location, number);
            }

            if (string.IsNullOrEmpty(funding) && (fundingSent.Element is not { } sentFunding || Values.IsBlank(sentFunding.Component(1)) || required.SeverityOf(Rules.FundingSourceMissing) == Severity.Error))
            {
                required.Report(Rules.FundingSourceMissing, rxa.Location, number);
            }
        }
        else if (given && source is not null)
        {
            // At the field, or at the repetition that sent it when an empty one came first (~01^...).
            checks.Report(Rules.HistoricalDose, sourceCode.Location.Repetition > 1 ? sourceCode.Location : rxa.Field(9).Location, number, source);
        }
        else if (completion is "RE" or "NA")
        {
            // R1.5: RXA-18 is required when RXA-20 is RE; a refusal without its reason cannot
            // tell a parent's decision from a religious exemption. The warning says it is a refusal.
            bool toldAlready = Values.IsBlank(rxa.Field(20)); // a refusal read from RXA-18 alone: rxa-20-refusal-implied
            if (completion == "RE" && Values.IsBlank(rxa.Field(18).Repetition(1).Component(1)))
            {
                checks.Report(Rules.RefusalReasonMissing, rxa.Field(18).Location, number);
                toldAlready = true;
            }

            // A registry that raised this note (to W or E: it does not take refusals) meets every
            // refusal with it, however else the refusal was told.
            if (!toldAlready || checks.SeverityOf(Rules.RefusalRecorded) is Severity.Error or Severity.Warning)
            {
                checks.Report(Rules.RefusalRecorded, rxa.Field(20).Location, number, completion == "RE" ? "refused (RE)" : "not administered (NA)");
            }
        }

        // One of the two dates is wrong; the dose is kept as sent, and the clinic told (not for a
        // delete: checks are set aside for it).
        if (deathDate is { } died && administeredAt is { } on && DateOnly.FromDateTime(on) > died)
        {
            checks.Report(Rules.AdministrationAfterDeath, rxa.Field(3).Location, number); // the date of death is the patient's: never quoted
        }

        // A dose given here is of a product: an unspecified formulation or "unknown" only fits a
        // historical record, and cannot be forecast from.
        if (administered && cvx is not null && NotAProductInUse(cvx) is { } status)
        {
            required.Report(Rules.VaccineCodeNotAProduct, rxa.Field(5).Location, number, cvx, status);
        }

        // An expired lot matters for a dose given here; a historical or refused one was not.
        if (administered && expiration is { } expires && administeredAt is { } at && expires < DateOnly.FromDateTime(at))
        {
            required.Report(Rules.ExpirationBeforeAdministration, rxa.Field(16).Location, number);
        }

        if (administeredAt is null || cvx is null || completion is null || action is null || HasError(issues, firstIssue))
        {
            return (false, null);
        }

        // One ORC-3 for two accepted vaccinations of a message: see OrderNumbers.
        if (orders is not null && orc.Exists
            && !Values.IsBlank(orc.Field(3).Component(1)) && !orc.Field(3).Component(1).Code.SequenceEqual(MeaninglessFillerOrder))
        {
            // By number alone: storage takes VAX-1^EHR and VAX-1 for one order, so one message
            // sending both for two vaccines must not have the second replace the first there.
            var orderKey = orc.Field(3).Component(1).Code.ToString();
            var day = DateOnly.FromDateTime(administeredAt.Value);
            if (orders.Find(orderKey, cvx, day) is { } earlier
                && issues.Report(earlier.SameEvent ? Rules.FillerOrderRepeated : Rules.FillerOrderReused, orc.Field(3).Location, number, earlier.Number) == Severity.Error)
            {
                return (false, null); // raised to an error: this vaccination is dropped, and names nothing
            }

            orders.Add(orderKey, number, cvx, day);
        }

        if (mode == VxuReadMode.ValidateOnly)
        {
            return (true, null);
        }

        // The CDC guide sends ORC-3 9999 ("required, but meaningless") for refusals, evidence of
        // immunity and the like: no identity, or every such record of a facility would be one.
        var filler = orc.Exists ? Values.Required(orc.Field(3).Component(1)) : null;
        bool meaningless = filler == MeaninglessFillerOrder;

        // A dose not given (refused, RE; not administered, NA) has no source, lot, manufacturer,
        // amount, route, site, eligibility or funding: what it leaves empty clears what a given
        // dose stored, as R1.5 wants RXA-9 empty on it and a sender could not clear them otherwise.
        bool notGiven = completion is "RE" or "NA";
        string? IfGiven(string? value) => value ?? (notGiven ? string.Empty : null);
        var record = new Vaccination(
            number,
            rxa.Line,
            meaningless ? null : filler,
            meaningless || !orc.Exists ? null : Authority(orc.Field(3)),
            orc.Exists ? Values.Text(orc.Field(2).Component(1)) : null,
            administeredAt.Value,
            Values.Timestamp(rxa.Field(4)),
            cvx,
            amount,
            IfGiven(Values.Text(rxa.Field(7).Component(1))),
            rxa.Field(9).IsNull ? string.Empty : IfGiven(source),
            rxa.Field(15).IsNull ? string.Empty : IfGiven(lotUsable ? Values.Required(lot) : null),
            expiration,
            IfGiven(mvx),
            Administering(rxa.Field(10)) is { } vaccinator ? ReadPractitioner(vaccinator) : null,
            OrderingProvider(orc, rxa.Field(10)),
            rxa.Field(11).IsNull ? string.Empty : Values.Required(rxa.Field(11).Component(4).SubComponent(1)) ?? Values.Required(rxa.Field(11).Component(1)),
            RefusalReason(rxa.Field(18), completion),
            completion,
            action,
            IfGiven(route),
            IfGiven(site),
            IfGiven(eligibility),
            IfGiven(funding),
            obs.VisDocuments,
            obs.All)
        {
            RxaSequence = rxa.Sequence,
            Clears = (rxa.Field(6).IsNull || (notGiven && amount is null) ? VaccinationClears.Amount : VaccinationClears.None)
                | (rxa.Field(16).IsNull || (notGiven && expiration is null) ? VaccinationClears.ExpirationDate : VaccinationClears.None),
        };
        return (true, record);
    }

    /// <summary>
    /// RXA-18 as sent; on a dose given (CP) or partly given (PA) "" (clear), whatever was sent
    /// (<c>rxa-18-given-dose</c>): a refusal updated into a given dose must not keep its refusal
    /// reason, as an empty field otherwise would.
    /// </summary>
    private static string? RefusalReason(Hl7Element field, string? completion) =>
        completion is "CP" or "PA" ? string.Empty : Values.Text(field.Component(1));

    private static bool HasError(IssueCollector issues, int from)
    {
        var list = issues.Issues;
        for (int i = from; i < list.Count; i++)
        {
            if (list[i].Severity == Severity.Error)
            {
                return true;
            }
        }

        return false;
    }

    private static DateTime? ReadAdministrationDate(Hl7Element field, DateOnly? birthDate, DateLimit latestDate, int number, IssueCollector issues)
    {
        if (Values.IsBlank(field))
        {
            issues.Report(Rules.AdministrationDateMissing, field.Location, number);
            return null;
        }

        if (!Values.TryDay(field, out var at))
        {
            issues.Report(Rules.AdministrationDateInvalid, field.Location, number, field.Value);
            return null;
        }

        if (latestDate.IsAfter(at))
        {
            issues.Report(Rules.AdministrationDateInFuture, field.Location, number, at.ToString());
            return null;
        }

        if (birthDate is { } birth && at.Date < birth)
        {
            issues.Report(Rules.AdministrationBeforeBirth, field.Location, number, at.ToString());
            return null;
        }

        return at.Value;
    }

    private string? ReadCvx(Hl7Element field, int number, IssueCollector issues)
    {
        var code = field.Component(1);
        var system = field.Component(3);
        bool firstIsCvx = system.HasValue ? IsCvxSystem(system) : tables.TryGetCvx(code.Code, out _);
        var alternate = field.Component(4);
        var alternateSystem = field.Component(6);
        bool alternateIsCvx = alternate.HasValue
            && (alternateSystem.HasValue ? IsCvxSystem(alternateSystem) : tables.TryGetCvx(alternate.Code, out _));
        if ((!firstIsCvx || !code.HasValue) && alternateIsCvx)
        {
            // NDC or CPT first (named so, or unnamed but no CVX code), or nothing first
            // (^^CVX^08^Hep B^CVX), and a CVX as the alternate, named or not: take the CVX.
            code = alternate;
            system = alternateSystem;
        }

        if (!code.HasValue)
        {
            issues.Report(Rules.VaccineCodeMissing, field.Location, number);
            return null;
        }

        if ((!system.HasValue || IsCvxSystem(system)) && tables.TryGetCvx(code.Code, out var cvx))
        {
            return cvx.Code;
        }

        var shown = system.HasValue ? $"{code.Value} ({system.Value})" : code.Value;
        issues.Report(Rules.VaccineCodeUnknown, code.Location, number, shown);
        return null;
    }

    /// <summary>
    /// Why a CVX code names no vaccine product a dose given here could be of, or null when it may.
    /// A retired vaccine's code (Inactive) is not judged: the table does not say since when, and a
    /// late report or a correction of a dose given before then is right to send it.
    /// </summary>
    private string? NotAProductInUse(string code)
    {
        if (!tables.TryGetCvx(code, out var cvx))
        {
            return null;
        }

        // Kept short: a value echoed in an issue's text is cut at 40 characters.
        return cvx.IsNonVaccine && cvx.Code == "999" ? "an unknown vaccine"
            : cvx.Description.StartsWith("RESERVED", StringComparison.OrdinalIgnoreCase) ? "reserved by the CDC, no vaccine"
            // An active code is a product, whatever its name leaves open (196: "Td, adsorbed, ... Lf unspecified").
            // (167: "meningococcal, unknown serogroups" says as little.)
            : cvx.Status != CvxStatus.Active && (cvx.Description.Contains("unspecified", StringComparison.OrdinalIgnoreCase) || cvx.Description.Contains("unknown", StringComparison.OrdinalIgnoreCase)) ? "an unspecified formulation"
            : cvx.Status == CvxStatus.NonUS ? "not licensed in the US"
            : cvx.Status == CvxStatus.NeverActive ? "never in use"
            : null;
    }

    /// <summary>CVX, in any case, or HL70292: HL7's own name for the CVX table, which some EHRs send.</summary>
    private static bool IsCvxSystem(Hl7Element system)
    {
        var name = system.Code;
        return name.Equals("CVX", StringComparison.OrdinalIgnoreCase) || name.Equals("HL70292", StringComparison.OrdinalIgnoreCase);
    }

    /// <param name="refusal">RXA-18: HL7 says any entry in it means the patient did not take the substance.</param>
    private string? ReadCompletionStatus(Hl7Element field, Hl7Element refusal, int number, IssueCollector issues)
    {
        var reason = refusal.Repetition(1).Component(1);
        var reasonCode = reason.Code.Trim();
        // A completion status or action code there (CP, A) is RXA-20/21 shifted left by a field
        // (the NDIIS example 4), no refusal: it says nothing of whether the dose was given.
        bool refused = !Values.IsBlank(reason) && !completionStatuses.Contains(reasonCode, out _) && !actionCodes.Contains(reasonCode, out _);
        // Empty means complete (CP), as the IG says for RXA-20; padding is no value. But a refusal
        // reason says the dose was not given: recorded as the refusal it is, not as a dose given.
        if (Values.IsBlank(field))
        {
            if (refused)
            {
                issues.Report(Rules.CompletionStatusImpliedRefusal, field.Location, number, reason.Value);
                return "RE";
            }

            return "CP";
        }

        var code = field.Component(1);
        if (completionStatuses.Contains(code.Code, out var canonical))
        {
            if (refused && canonical is "CP" or "PA")
            {
                issues.Report(Rules.RefusalReasonWithGivenDose, reason.Location, number, canonical, reason.Value);
            }

            return canonical;
        }

        issues.Report(Rules.CompletionStatusInvalid, field.Location, number, code.Value);
        return null;
    }

    private string? ReadActionCode(Hl7Element field, bool isVersion251, int number, IssueCollector issues)
    {
        if (Values.IsBlank(field))
        {
            if (isVersion251)
            {
                issues.Report(Rules.ActionCodeMissing, field.Location, number);
            }

            return "A";
        }

        var code = field.Component(1);
        if (actionCodes.Contains(code.Code, out var canonical))
        {
            return canonical;
        }

        issues.Report(Rules.ActionCodeInvalid, field.Location, number, code.Value);
        return null;
    }

    /// <summary>The first repetition that holds a value, else the first.</summary>
    private static Hl7Element FirstValue(Hl7Element field)
    {
        foreach (var repetition in field.Repetitions())
        {
            if (!Values.IsBlank(repetition))
            {
                return repetition;
            }
        }

        return field.Repetition(1);
    }

    /// <summary>
    /// RXA-9 (CE): its identifier, or, when table NIP001 lacks that, its alternate identifier,
    /// where senders put the standard code after a local one (<c>LOC^Historical^99L^01^...^NIP001</c>).
    /// </summary>
    private string? ReadInformationSource(Hl7Element source, int number, IssueCollector issues)
    {
        var code = source.Component(1);
        var alternate = source.Component(4);
        if (informationSources.Contains(code.Code, out var canonical) || informationSources.Contains(alternate.Code, out canonical))
        {
            return canonical;
        }

        if (Values.IsBlank(code) && Values.IsBlank(alternate))
        {
            return null;
        }

        var shown = Values.IsBlank(code) ? alternate : code;
        issues.Report(Rules.InformationSourceInvalid, shown.Location, number, shown.Value);
        return null;
    }

    /// <summary>Whether RXA-15 can be stored as a lot number: a lot with components means shifted fields.</summary>
    private static bool CheckLot(Hl7Element lot, int number, IssueCollector issues)
    {
        if (lot.HasValue && lot.ComponentCount > 1)
        {
            issues.Report(Rules.LotNumberMalformed, lot.Location, number);
            return false;
        }

        return !Values.IsBlank(lot);
    }

    private static DateOnly? ReadExpiration(Hl7Element field, int number, IssueCollector issues)
    {
        if (!field.HasValue)
        {
            return null;
        }

        if (Values.TryDay(field, out var date))
        {
            return date.Date;
        }

        // Month precision (YYYYMM) is how lots are often labelled: the lot expires at the end of it.
        if (Hl7DateTime.TryParse(Values.DateText(field), out var month) && month.Precision == Hl7DatePrecision.Month)
        {
            return new DateOnly(month.Value.Year, month.Value.Month, DateTime.DaysInMonth(month.Value.Year, month.Value.Month));
        }

        issues.Report(Rules.ExpirationInvalid, field.Location, number, field.Value);
        return null;
    }

    private string? ReadManufacturer(Hl7Element field, int number, IssueCollector issues)
    {
        var code = field.Component(1);
        if (code.IsNull)
        {
            return string.Empty;
        }

        // The MVX code, or the alternate one after a local code (MRK^Merck^L^MSD^Merck^MVX).
        if (tables.TryGetMvx(code.Code, out var mvx) || tables.TryGetMvx(field.Component(4).Code, out mvx))
        {
            CheckCodingSystem(field, mvx.Code, "manufacturer (RXA-17)", "MVX", "HL70227", number, issues); // HL7's own name for the MVX table, as HL70292 is for CVX
            return mvx.Code;
        }

        if (Values.IsBlank(code))
        {
            // Only an alternate, and not an MVX code: say so (rxa-17-missing is not reported then).
            var alternate = field.Component(4);
            if (!Values.IsBlank(alternate))
            {
                issues.Report(Rules.ManufacturerUnknown, alternate.Location, number, alternate.Value);
            }

            return null;
        }

        issues.Report(Rules.ManufacturerUnknown, code.Location, number, code.Value);
        return null;
    }

    /// <summary>The ORC-3 the CDC guide sends when an order number is "required, but meaningless" (refusals, evidence of immunity).</summary>
    private const string MeaninglessFillerOrder = "9999";

    /// <summary>CVX 998, "no vaccine administered": the record of something other than a dose (evidence of immunity, say).</summary>
    private const string NoVaccineCvx = "998";

    /// <summary>
    /// The CDC's 2.3.1 guide puts VFC eligibility in PV1-20 (financial class: code^date), for the
    /// whole visit; 2.5.1 moved it to an OBX 64994-7 per dose. A 2.3.1 dose without that OBX takes
    /// PV1-20's (FC: code^effective date). Of several repetitions (an eligibility history,
    /// <c>V01^20230101~V02^20240301</c>), the one in effect on the dose's date: the latest
    /// effective date not after it; the first when none is dated on or before it.
    /// </summary>
    private static ObservationValue LegacyEligibility(Hl7Message message, int pv1, DateTime? administeredAt)
    {
        if (pv1 < 0)
        {
            return default;
        }

        var field = message[pv1].Field(20);
        Hl7Element? inEffect = null, undated = null;
        DateTime since = DateTime.MinValue;
        foreach (var repetition in field.Repetitions())
        {
            if (Values.IsBlank(repetition.Component(1)))
            {
                continue;
            }

            if (Values.Timestamp(repetition.Component(2)) is not { } from)
            {
                undated ??= repetition; // in effect whenever: the first sent
            }
            else if (administeredAt is { } at && from.Date <= at.Date && (inEffect is null || from > since))
            {
                inEffect = repetition;
                since = from;
            }
        }

        // An eligibility that starts after the dose says nothing of it: none is in effect.
        return (inEffect ?? undated) is { } chosen ? new ObservationValue(chosen) : default;
    }

    /// <summary>
    /// The dose volume: 999 (the CDC guide's "not known") stores nothing; a value that is no
    /// number, or not above zero (zero allowed for a dose not administered here), is reported.
    /// </summary>
    private static decimal? ReadAmount(Hl7Element field, bool administered, int number, IssueCollector issues)
    {
        if (Values.IsBlank(field))
        {
            return null;
        }

        var amount = Values.Decimal(field);
        if (amount is null || amount < 0 || (amount == 0 && administered))
        {
            issues.Report(Rules.AmountInvalid, field.Location, number, field.Value);
            return null;
        }

        return amount == 999m ? null : amount;
    }

    private string? ReadRoute(Hl7Element value, int number, IssueCollector issues)
    {
        var code = value.Component(1);
        if (code.IsNull)
        {
            return string.Empty; // "" clears the stored route
        }

        // Table 0162 or NCIT, in the identifier or, after a local code, in the alternate one.
        var raw = code.Code;
        var alternate = value.Component(4).Code;
        if (routes.Contains(raw, out var canonical) || ncitRoutes.Contains(raw, out canonical)
            || routes.Contains(alternate, out canonical) || ncitRoutes.Contains(alternate, out canonical))
        {
            return canonical;
        }

        if (raw.IsEmpty)
        {
            return null;
        }

        issues.Report(Rules.RouteUnknown, code.Location, number, code.Value);
        return null;
    }

    /// <summary>
    /// ORC-3's assigning authority (EI): its namespace id, or when only the universal id is sent
    /// (<c>1234^^2.16.840.1.113883.19.3.1^ISO</c>, an OID), that, as for MSH-4 and PID-3.
    /// </summary>
    private static string? Authority(Hl7Element entityIdentifier) =>
        Values.Required(entityIdentifier.Component(2)) ?? Values.Required(entityIdentifier.Component(3));

    /// <summary>
    /// The CDC 2.3.1 guide's funding codes (table NIP008, "vaccine purchased with", coding system
    /// NIP008 or none), which 2.3.1 EHRs still send, as the CDCPHINVS codes stored for them: public
    /// (PBF), private (PVF), military (MLF) funds, other (OTH, which CDCPHINVS shares). Null for
    /// any other value, which the funding table judges. Without this a 2.3.1 dose's funding was
    /// ignored, and under the ndiis profile (funding required) the dose dropped.
    /// </summary>
    private static string? LegacyFunding(ObservationValue value) => value.Element is { } element
        ? Values.CodeIn(element, "NIP008") switch
        {
            "PBF" => "VXC50",
            "PVF" => "PHC70",
            "MLF" => "PHC68",
            "OTH" => "OTH",
            _ => null,
        }
        : null;

    /// <summary>
    /// A code found in its table but named with another coding system (<c>PHC70^Private^HL70396</c>,
    /// <c>SKB^GlaxoSmithKline^MV</c>): read as the code it is, and the sender told. The system
    /// checked is that of the triple the code came from (the alternate's after a local code); none
    /// sent is not judged, nor a local system (99…, L) whose code was not the one read.
    /// </summary>
    private static void CheckCodingSystem(Hl7Element coded, string code, string what, string system, string? legacySystem, int number, IssueCollector issues)
    {
        var primary = coded.Component(1).Code.Trim();
        var named = primary.Equals(code, StringComparison.OrdinalIgnoreCase) || (legacySystem is not null && !Values.IsBlank(coded.Component(1)) && Values.IsBlank(coded.Component(4)))
            ? coded.Component(3)
            : coded.Component(6);
        var sent = named.Code.Trim();
        if (sent.IsEmpty || sent.Equals(system, StringComparison.OrdinalIgnoreCase) || (legacySystem is not null && sent.Equals(legacySystem, StringComparison.OrdinalIgnoreCase)))
        {
            return;
        }

        issues.Report(Rules.CodingSystemUnexpected, named.Location, number, named.Value, what, system);
    }

    /// <summary>
    /// The value of an order group's eligibility or funding: the first OBX of its code counts; when
    /// it is no code of the table (reported, ignored), the first later one that is counts instead
    /// (PUBLIC^Public^L, then VXC50^Public^CDCPHINVS). Returns the value and the OBX it came from.
    /// </summary>
    /// <param name="legacyFunding">Funding: the 2.3.1 guide's NIP008 codes count too (see <see cref="LegacyFunding"/>).</param>
    private static (string? Value, ObservationValue Sent) FirstKnown(
        ObservationValue first, IReadOnlyList<ObservationValue> later, CodeTable table, ValidationRule rule, bool legacyFunding, int number, IssueCollector issues)
    {
        var sent = first;
        var value = Read(first);
        foreach (var next in later)
        {
            if (!string.IsNullOrEmpty(value))
            {
                break;
            }

            value = Read(next);
            sent = string.IsNullOrEmpty(value) ? sent : next;
        }

        return (value, sent);

        string? Read(ObservationValue sentValue) => (legacyFunding ? LegacyFunding(sentValue) : null) ?? Interpret(sentValue, table, rule, number, issues);
    }

    /// <summary>An OBX-5 code (or PV1-20's), as any coded value: "" clears, the alternate counts (MCD^Medicaid^99LOC^V02^...^HL70064).</summary>
    private static string? Interpret(ObservationValue value, CodeTable table, ValidationRule rule, int number, IssueCollector issues) =>
        value.Element is { } element ? PatientReader.Coded(element, table, rule, issues, number) : null;

    // The CDC 2.3.1 guide names each person of a dose in RXA-10 by XCN-13: VEI the vaccinator
    // (who gave it), OEI who ordered it (ORC-12 from 2.5 on; ORC is optional in 2.3.1), REI who
    // recorded it.

    /// <summary>RXA-10's vaccinator: the repetition typed VEI, else the first not typed as someone else (OEI, REI).</summary>
    private static Hl7Element? Administering(Hl7Element field)
    {
        Hl7Element? untyped = null;
        foreach (var repetition in field.Repetitions())
        {
            var type = repetition.Component(13).Code;
            if (type is "VEI")
            {
                return repetition;
            }

            if (untyped is null && type is not ("OEI" or "REI"))
            {
                untyped = repetition;
            }
        }

        return untyped;
    }

    /// <summary>ORC-12, or, when the message names none there (2.3.1), the RXA-10 repetition typed OEI.</summary>
    private static Practitioner? OrderingProvider(Hl7Segment orc, Hl7Element administering)
    {
        var ordering = orc.Exists ? orc.Field(12).Repetition(1) : default;
        if (!orc.Exists || Values.IsBlank(ordering))
        {
            foreach (var repetition in administering.Repetitions())
            {
                if (repetition.Component(13).Code is "OEI")
                {
                    return ReadPractitioner(repetition);
                }
            }
        }

        return orc.Exists ? ReadPractitioner(ordering) : null;
    }

    /// <summary>An XCN (one repetition): <c>""</c> clears the stored provider, empty leaves it.</summary>
    private static Practitioner? ReadPractitioner(Hl7Element xcn)
    {
        if (xcn.IsNull)
        {
            return new Practitioner(null, null, null); // "": the stored provider is cleared
        }

        if (!xcn.HasValue)
        {
            return null;
        }

        var practitioner = new Practitioner(Values.Required(xcn.Component(1)), Values.Required(xcn.Component(2).SubComponent(1)), Values.Required(xcn.Component(3)));
        return practitioner is { Id: null, Family: null, Given: null } ? null : practitioner;
    }
}
