using Registry.Ingest.Hl7;
using Registry.Ingest.Immunization.CodeTables;
using Registry.Ingest.Immunization.Records;
using Registry.Ingest.Immunization.Validation;

namespace Registry.Ingest.Immunization.Vxu;

/// <summary>PID and PD1 to a <see cref="Patient"/>, or null when the patient cannot be identified.</summary>
internal sealed class PatientReader(CodeTableSet tables)
{
    private readonly CodeTable sexes = tables.GetTable(CodeTableNames.Sex);
    private readonly CodeTable races = tables.GetTable(CodeTableNames.Race);
    private readonly CodeTable ethnicities = tables.GetTable(CodeTableNames.Ethnicity);
    private readonly CodeTable identifierTypes = tables.GetTable(CodeTableNames.IdentifierType);
    private readonly CodeTable publicity = tables.GetTable(CodeTableNames.PublicityCode);
    private readonly CodeTable registryStatus = tables.GetTable(CodeTableNames.RegistryStatus);

    public PatientCheck Read(Hl7Segment pid, Hl7Segment pd1, DateLimit latestDate, VxuReadMode mode, IssueCollector issues)
    {
        if (pid.Field(2).HasValue)
        {
            issues.Report(Rules.PatientIdInPid2, pid.Field(2).Location);
        }

        bool hasIdentifier = CheckIdentifiers(pid.Field(3), issues);
        if (!hasIdentifier)
        {
            issues.Report(Rules.PatientIdentifierMissing, pid.Field(3).Location);
        }

        var (legalName, legalNumber) = LegalName(pid.Field(5));
        bool hasFamily = HasText(legalName.Component(1).SubComponent(1));
        bool hasGiven = HasText(legalName.Component(2));
        if (!hasFamily || !hasGiven)
        {
            var missing = hasFamily ? "given name (PID-5.2)" : hasGiven ? "family name (PID-5.1)" : "family name (PID-5.1) and no given name (PID-5.2)";
            issues.ReportDetail(Rules.PatientNameMissing, legalNumber == 1 ? pid.Field(5).Location : legalName.Location, missing);
        }

        var birthDate = ReadBirthDate(pid.Field(7), latestDate, issues);
        var sex = Coded(pid.Field(8), sexes, Rules.SexUnknown, issues, quote: false, atField: true);
        List<string>? raceList = mode == VxuReadMode.Records ? [] : null;
        var raceField = pid.Field(10);
        foreach (var race in raceField.Repetitions())
        {
            var code = race.Component(1);
            if (Values.IsBlank(code) && Values.IsBlank(race.Component(4)))
            {
                continue;
            }

            if (races.Contains(code.Code, out var canonical) || races.Contains(race.Component(4).Code, out canonical))
            {
                if (raceList?.Contains(canonical) == false)
                {
                    raceList.Add(canonical); // a race sent twice (2106-3~2106-3) is one race
                }
            }
            else
            {
                issues.Report(Rules.RaceUnknown, Values.IsBlank(code) ? race.Component(4).Location : code.Location);
            }
        }

        var ethnicity = LegacyEthnicity(pid.Field(22)) ?? Coded(pid.Field(22), ethnicities, Rules.EthnicityUnknown, issues, quote: false);
        string? publicityCode = null, protection = null, status = null;
        if (pd1.Exists)
        {
            // PD1 values are not quoted: when fields shift, a neighbouring segment's names land here.
            publicityCode = Coded(pd1.Field(11), publicity, Rules.PublicityUnknown, issues, quote: false);
            protection = YesNo(pd1.Field(12), Rules.ProtectionIndicatorInvalid, issues);

            status = Coded(pd1.Field(16), registryStatus, Rules.RegistryStatusUnknown, issues, quote: false, atField: true);
        }

        // A phone number in the address or the county code (PID fields shifted, as in the NDIIS
        // examples) is neither an address nor a county: told, and not stored as one.
        bool addressIsPhone = LooksLikePhone(pid.Field(11).Repetition(1));
        if (addressIsPhone)
        {
            issues.Report(Rules.PhoneMisplaced, pid.Field(11).Location, null, "PID-11 (address)");
        }

        bool countyIsPhone = LooksLikePhone(pid.Field(12).Repetition(1));
        if (countyIsPhone)
        {
            issues.Report(Rules.PhoneMisplaced, pid.Field(12).Location, null, "PID-12 (county code)");
        }

        foreach (var phone in pid.Field(13).Repetitions())
        {
            var text = phone.Component(1);
            bool email = phone.Component(2).Code.Trim() is "NET" || phone.Component(3).Code.Trim() is "Internet" or "X.400" || text.Code.Contains('@');
            if (!email && !Values.IsBlank(text) && !text.IsNull && !IsPhoneNumber(text.Code))
            {
                issues.Report(Rules.PhoneInvalid, text.Location);
            }
        }

        var multipleBirth = YesNo(pid.Field(24), Rules.MultipleBirthInvalid, issues);
        var birthOrder = ReadBirthOrder(pid.Field(25), issues);
        var deathDate = ReadDeathDate(pid.Field(29), birthDate, latestDate, issues);
        var deathIndicator = YesNo(pid.Field(30), Rules.DeathIndicatorInvalid, issues);

        if (!hasIdentifier || birthDate is null || issues.MessageRejected)
        {
            return new PatientCheck(false, birthDate, null, deathDate);
        }

        if (mode == VxuReadMode.ValidateOnly)
        {
            return new PatientCheck(true, birthDate, null, deathDate);
        }

        var identifiers = ReadIdentifiers(pid.Field(3));
        var primary = identifiers.Find(i => i.Type == "MR") ?? identifiers[0];
        var patient = new Patient(
            primary,
            identifiers,
            ReadNames(pid.Field(5)),
            Values.Text(pid.Field(6).Component(1).SubComponent(1)),
            birthDate.Value,
            sex,
            raceList!,
            ethnicity,
            WithCounty(addressIsPhone ? [] : Addresses.Read(pid.Field(11)), countyIsPhone ? null : Values.Required(pid.Field(12).Component(1))),
            Addresses.ReadPhones(pid.Field(13)),
            multipleBirth,
            birthOrder,
            deathDate,
            deathIndicator,
            publicityCode,
            protection,
            status)
        {
            Clears = (AllNull(pid.Field(10)) ? PatientClears.Races : PatientClears.None)
                | (pid.Field(25).IsNull ? PatientClears.BirthOrder : PatientClears.None)
                | (pid.Field(29).IsNull ? PatientClears.DeathDate : PatientClears.None),
            Line = pid.Line,
        };
        return new PatientCheck(true, birthDate, patient, deathDate);
    }

    /// <summary>
    /// PID-12, the county code 2.3.1 EHRs send beside the address (kept in 2.5 for backward
    /// compatibility, XAD-9 since): the county of each address that says where and names none.
    /// </summary>
    private static IReadOnlyList<PostalAddress> WithCounty(IReadOnlyList<PostalAddress> addresses, string? county)
    {
        if (county is null || addresses.Count == 0)
        {
            return addresses;
        }

        var withCounty = new List<PostalAddress>(addresses.Count);
        foreach (var address in addresses)
        {
            withCounty.Add(!ReferenceEquals(address, PostalAddress.Cleared) && address.NamesAPlace && address.County is null ? address with { County = county } : address);
        }

        return withCounty;
    }

    /// <summary>
    /// HL7 table 0189's own ethnicity codes, H, N and U (coding system HL70189 or none), which the
    /// CDC 2.3.1 guide lists and EHRs still send, as the CDCREC codes stored for them; null for
    /// any other value, which the ethnicity table judges.
    /// </summary>
    private static string? LegacyEthnicity(Hl7Element field) => Values.CodeIn(field, "HL70189") switch
    {
        "H" => "2135-2",
        "N" => "2186-5",
        "U" => "UNK",
        _ => null,
    };

    /// <summary><c>""</c>, or repetitions that are all <c>""</c> (<c>""~""</c>): the field is cleared.</summary>
    private static bool AllNull(Hl7Element field)
    {
        if (field.IsEmpty)
        {
            return false;
        }

        foreach (var repetition in field.Repetitions())
        {
            if (!repetition.IsNull)
            {
                return false;
            }
        }

        return true;
    }

    private static bool HasText(Hl7Element element) => element.HasValue && !element.Raw.Trim().IsEmpty;

    /// <summary>A telecom use code (XTN-2) where none belongs, or a number written as one: "(701)555-0101", "701-555-0101".</summary>
    private static bool LooksLikePhone(Hl7Element repetition)
    {
        if (Values.IsBlank(repetition))
        {
            return false;
        }

        var use = repetition.Component(2).Code.Trim();
        if (use is "PRN" or "ORN" or "WPN" or "VHN" or "ASN" or "EMR" or "NET" or "BPN")
        {
            return true;
        }

        var first = repetition.Component(1).Code;
        int digits = 0;
        foreach (char c in first)
        {
            if (char.IsAsciiDigit(c))
            {
                digits++;
            }
            else if (c is not ('(' or ')' or '-' or ' ' or '.'))
            {
                return false;
            }
        }

        return digits is 7 or 10 or 11 && first.IndexOfAny('(', '-') >= 0;
    }

    /// <summary>XTN-1 written whole: 7, 10 or 11 digits (an extension after x), parentheses paired.</summary>
    private static bool IsPhoneNumber(ReadOnlySpan<char> text)
    {
        if (text.TrimStart().StartsWith('+'))
        {
            return true; // international: not judged here
        }

        int open = 0, pairs = 0;
        foreach (char c in text)
        {
            if (c == '(')
            {
                if (open++ > 0)
                {
                    return false;
                }
            }
            else if (c == ')')
            {
                if (--open < 0)
                {
                    return false;
                }

                pairs++;
            }
        }

        return open == 0 && pairs <= 1 && Addresses.NorthAmericanNumber(text).Local is not null;
    }

    /// <summary>Y or N (any case), "" to clear, null when not sent; anything else is reported and ignored.</summary>
    private static string? YesNo(Hl7Element field, ValidationRule rule, IssueCollector issues)
    {
        var value = Values.Text(field.Leading);
        if (value is not { Length: > 0 })
        {
            return value;
        }

        var upper = value.ToUpperInvariant();
        if (upper is "Y" or "N")
        {
            return upper;
        }

        issues.Report(rule, field.Location);
        return null;
    }

    private static int? ReadBirthOrder(Hl7Element field, IssueCollector issues)
    {
        if (!field.HasValue)
        {
            return null;
        }

        if (Values.Integer(field) is >= 1 and var order)
        {
            return order;
        }

        issues.Report(Rules.BirthOrderInvalid, field.Location);
        return null;
    }

    private static DateOnly? ReadDeathDate(Hl7Element field, DateOnly? birthDate, DateLimit latestDate, IssueCollector issues)
    {
        if (!field.HasValue)
        {
            return null;
        }

        if (Values.TryDay(field, out var death) && !latestDate.IsAfter(death) && (birthDate is null || death.Date >= birthDate))
        {
            return death.Date;
        }

        issues.Report(Rules.DeathDateInvalid, field.Location);
        return null;
    }

    /// <summary>Whether PID-3 holds an identifier; reports identifier types not in table 0203.</summary>
    private bool CheckIdentifiers(Hl7Element field, IssueCollector issues)
    {
        bool any = false;
        foreach (var repetition in field.Repetitions())
        {
            if (!HasText(repetition.Component(1)))
            {
                continue;
            }

            any = true;
            var type = repetition.Component(5);
            if (type.HasValue && !identifierTypes.Contains(type.Code, out _))
            {
                issues.Report(Rules.PatientIdentifierTypeUnknown, type.Location);
            }
        }

        return any;
    }

    private List<PatientIdentifier> ReadIdentifiers(Hl7Element field)
    {
        var list = new List<PatientIdentifier>(field.RepetitionCount);
        foreach (var repetition in field.Repetitions())
        {
            var value = Values.Required(repetition.Component(1));
            if (value is null)
            {
                continue;
            }

            var typeElement = repetition.Component(5);
            string? type = identifierTypes.Contains(typeElement.Code, out var canonical) ? canonical : null;
            // CX-4 (HD): its namespace id, or when only the universal id is sent (an OID,
            // 12345^^^&2.16.840.1.113883.19.3.1&ISO^MR), that, as for MSH-4: two clinics' systems
            // numbering patients from 1 are two authorities, not one with an empty name.
            var authority = Values.Required(repetition.Component(4).SubComponent(1)) ?? Values.Required(repetition.Component(4).SubComponent(2));
            list.Add(new PatientIdentifier(value, type, authority));
        }

        return list;
    }

    /// <summary>
    /// The PID-5 repetition checked for a family and given name: the one stored as the patient's
    /// name (<see cref="PersonName.Kept"/>), the legal name (XPN-7 = L) wherever it is sent, else the
    /// first one sent. An alias or maiden name sent first neither hides a complete legal name nor stands in
    /// for an incomplete one.
    /// </summary>
    private static (Hl7Element Name, int Number) LegalName(Hl7Element field)
    {
        int number = 0;
        int firstSent = 0;
        foreach (var repetition in field.Repetitions())
        {
            number++;
            if (repetition.Component(7).Code.Equals("L", StringComparison.OrdinalIgnoreCase))
            {
                return (repetition, number);
            }

            if (firstSent == 0 && !repetition.IsEmpty)
            {
                firstSent = number;
            }
        }

        // As PersonName.Kept, the first name sent: an empty repetition before it is no name.
        return firstSent > 1 ? (field.Repetition(firstSent), firstSent) : (field.Repetition(1), 1);
    }

    private static List<PersonName> ReadNames(Hl7Element field)
    {
        var list = new List<PersonName>(1);
        foreach (var repetition in field.Repetitions())
        {
            var name = Names.Read(repetition);
            if (name is not null)
            {
                list.Add(name);
            }
        }

        return list;
    }

    private static DateOnly? ReadBirthDate(Hl7Element field, DateLimit latestDate, IssueCollector issues)
    {
        if (Values.IsBlank(field))
        {
            issues.Report(Rules.BirthDateMissing, field.Location);
            return null;
        }

        if (!Values.TryDay(field, out var birth))
        {
            issues.Report(Rules.BirthDateInvalid, field.Location);
            return null;
        }

        if (latestDate.IsAfter(birth))
        {
            issues.Report(Rules.BirthDateInFuture, field.Location);
            return null;
        }

        return birth.Date;
    }

    /// <summary>
    /// A coded value checked against its table, from a field or repetition: a CE/CWE (or an IS/ID
    /// sent with CE's components, <c>F^Female^HL70001</c>) is its identifier, component 1, or,
    /// when the table lacks that, its alternate identifier, component 4, where senders put the
    /// standard code after a local one (<c>W^White^L^2106-3^White^CDCREC</c>). A code not in the
    /// table is reported (quoted unless <paramref name="quote"/> is false, for fields that may hold
    /// patient data) and treated as empty; padding alone is no value; <c>""</c> clears.
    /// </summary>
    /// <param name="atField">Locate the issue at the field (PID-8) rather than its component 1 (PID-8.1).</param>
    internal static string? Coded(Hl7Element value, CodeTable table, ValidationRule rule, IssueCollector issues, int? vaccination = null, bool quote = true, bool atField = false)
    {
        var code = value.Component(1);
        if (code.IsNull)
        {
            return string.Empty;
        }

        if (table.Contains(code.Code, out var canonical) || table.Contains(value.Component(4).Code, out canonical))
        {
            return canonical;
        }

        if (Values.IsBlank(code))
        {
            return null;
        }

        var location = atField ? value.Location : code.Location;
        if (quote)
        {
            issues.Report(rule, location, vaccination, code.Value);
        }
        else
        {
            issues.Report(rule, location, vaccination);
        }

        return null;
    }
}
