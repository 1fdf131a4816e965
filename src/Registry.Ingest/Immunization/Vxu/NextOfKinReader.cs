using Registry.Ingest.Hl7;
using Registry.Ingest.Immunization.CodeTables;
using Registry.Ingest.Immunization.Records;
using Registry.Ingest.Immunization.Validation;

namespace Registry.Ingest.Immunization.Vxu;

/// <summary>NK1 segments; one with no name or an unknown relationship is reported and left out.</summary>
internal sealed class NextOfKinReader(CodeTableSet tables)
{
    private readonly CodeTable relationships = tables.GetTable(CodeTableNames.Relationship);

    public IReadOnlyList<NextOfKin> Read(Hl7Message message, List<int> segments, VxuReadMode mode, IssueCollector issues)
    {
        if (segments.Count == 0)
        {
            return [];
        }

        var list = mode == VxuReadMode.Records ? new List<NextOfKin>(segments.Count) : null;
        foreach (int index in segments)
        {
            var nk1 = message[index];
            var nameElement = nk1.Field(2).Repetition(1);
            if (Values.IsBlank(nameElement.Component(1).SubComponent(1)) && Values.IsBlank(nameElement.Component(2)))
            {
                issues.Report(Rules.NextOfKinNameMissing, nk1.Field(2).Location);
                continue;
            }

            // Table 0063's code, or, after a local one, the alternate (MOM^Mom^99LOC^MTH^Mother^HL70063).
            var relationship = nk1.Field(3).Component(1);
            if (!relationships.Contains(relationship.Code, out var code) && !relationships.Contains(nk1.Field(3).Component(4).Code, out code))
            {
                issues.Report(Rules.NextOfKinRelationshipUnknown, relationship.Location);
                continue;
            }

            list?.Add(new NextOfKin(
                Values.Integer(nk1.Field(1)) ?? list.Count + 1,
                Names.Read(nameElement)!,
                code,
                Addresses.Read(nk1.Field(4)),
                Addresses.ReadPhones(nk1.Field(5)),
                nk1.Line));
        }

        return (IReadOnlyList<NextOfKin>?)list ?? [];
    }
}
