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

    public Patient? Read(Hl7Segment pid, Hl7Segment pd1, DateOnly latestDate, IssueCollector issues)
    {
        if (pid.Field(2).HasValue)
        {
            issues.Report(Rules.PatientIdInPid2, pid.Field(2).Location);
        }

        var identifiers = ReadIdentifiers(pid.Field(3), issues);
        var primary = identifiers.FirstOrDefault(i => i.Type == "MR") ?? identifiers.FirstOrDefault();
        if (primary is null)
        {
            issues.Report(Rules.PatientIdentifierMissing, pid.Field(3).Location);
        }

        var names = ReadNames(pid.Field(5));
        if (names.Count == 0 || string.IsNullOrEmpty(names[0].Family) || string.IsNullOrEmpty(names[0].Given))
        {
            issues.Report(Rules.PatientNameMissing, pid.Field(5).Location);
        }

        var birthDate = ReadBirthDate(pid.Field(7), latestDate, issues);
        var sex = Coded(pid.Field(8), sexes, Rules.SexUnknown, issues, quote: false);
        var raceList = new List<string>();
        var raceField = pid.Field(10);
        for (int r = 1; r <= raceField.RepetitionCount; r++)
        {
            var code = raceField.Repetition(r).Component(1);
            if (!code.HasValue)
            {
                continue;
            }

            if (races.Contains(code.Raw.Trim(), out var canonical))
            {
                raceList.Add(canonical);
            }
            else
            {
                issues.Report(Rules.RaceUnknown, code.Location);
            }
        }

        var ethnicity = Coded(pid.Field(22).Component(1), ethnicities, Rules.EthnicityUnknown, issues, quote: false);
        string? publicityCode = null, protection = null, status = null;
        if (pd1.Exists)
        {
            publicityCode = Coded(pd1.Field(11).Component(1), publicity, Rules.PublicityUnknown, issues);
            protection = Values.Text(pd1.Field(12));
            if (protection is { Length: > 0 } and not ("Y" or "N"))
            {
                issues.Report(Rules.ProtectionIndicatorInvalid, pd1.Field(12).Location, null, protection);
                protection = null;
            }

            status = Coded(pd1.Field(16), registryStatus, Rules.RegistryStatusUnknown, issues);
        }

        if (primary is null || birthDate is null || issues.MessageRejected)
        {
            return null;
        }

        return new Patient(
            primary,
            identifiers,
            names,
            Values.Text(pid.Field(6).Component(1).SubComponent(1)),
            birthDate.Value,
            sex,
            raceList,
            ethnicity,
            Addresses.Read(pid.Field(11)),
            Addresses.ReadPhones(pid.Field(13)),
            Values.Text(pid.Field(24)),
            Values.Integer(pid.Field(25)),
            Values.TryDay(pid.Field(29), out var death) ? death.Date : null,
            Values.Text(pid.Field(30)),
            publicityCode,
            protection,
            status);
    }

    private List<PatientIdentifier> ReadIdentifiers(Hl7Element field, IssueCollector issues)
    {
        var list = new List<PatientIdentifier>(field.RepetitionCount);
        for (int r = 1; r <= field.RepetitionCount; r++)
        {
            var repetition = field.Repetition(r);
            var value = Values.Required(repetition.Component(1));
            if (value is null)
            {
                continue;
            }

            var typeElement = repetition.Component(5);
            string? type = null;
            if (typeElement.HasValue)
            {
                if (identifierTypes.Contains(typeElement.Raw.Trim(), out var canonical))
                {
                    type = canonical;
                }
                else
                {
                    issues.Report(Rules.PatientIdentifierTypeUnknown, typeElement.Location);
                }
            }

            var authority = Values.Required(repetition.Component(4).SubComponent(1));
            list.Add(new PatientIdentifier(value, type, authority));
        }

        return list;
    }

    private static List<PersonName> ReadNames(Hl7Element field)
    {
        var list = new List<PersonName>(1);
        for (int r = 1; r <= field.RepetitionCount; r++)
        {
            var name = Names.Read(field.Repetition(r));
            if (name is not null)
            {
                list.Add(name);
            }
        }

        return list;
    }

    private static DateOnly? ReadBirthDate(Hl7Element field, DateOnly latestDate, IssueCollector issues)
    {
        if (!field.HasValue)
        {
            issues.Report(Rules.BirthDateMissing, field.Location);
            return null;
        }

        if (!Values.TryDay(field, out var birth))
        {
            issues.Report(Rules.BirthDateInvalid, field.Location);
            return null;
        }

        if (birth.Date > latestDate)
        {
            issues.Report(Rules.BirthDateInFuture, field.Location);
            return null;
        }

        return birth.Date;
    }

    /// <summary>
    /// A coded value checked against its table: a code not in it is reported (quoted unless
    /// <paramref name="quote"/> is false, for fields that may hold patient data) and treated as empty.
    /// </summary>
    internal static string? Coded(Hl7Element element, CodeTable table, ValidationRule rule, IssueCollector issues, int? vaccination = null, bool quote = true)
    {
        if (element.IsEmpty)
        {
            return null;
        }

        if (element.IsNull)
        {
            return string.Empty;
        }

        if (table.Contains(element.Raw.Trim(), out var canonical))
        {
            return canonical;
        }

        if (quote)
        {
            issues.Report(rule, element.Location, vaccination, element.Value);
        }
        else
        {
            issues.Report(rule, element.Location, vaccination);
        }

        return null;
    }
}
