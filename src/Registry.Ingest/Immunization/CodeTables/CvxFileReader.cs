using System.Collections.Immutable;

namespace Registry.Ingest.Immunization.CodeTables;

/// <summary>Reads cvx.tsv and cvx_vaccine_group.tsv into <see cref="CvxCode"/>s, in file order.</summary>
internal static class CvxFileReader
{
    private static readonly string[] CvxHeader = ["code", "short_description", "status", "nonvaccine"];
    private static readonly string[] GroupHeader = ["cvx", "vaccine_group"];

    public static List<CvxCode> Read(string cvxPath, string vaccineGroupPath)
    {
        List<TsvRow> rows = TsvFile.Read(cvxPath, CvxHeader);
        var firstLines = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            string code = row[0];
            if (!IsCvxCode(code))
            {
                throw row.Error($"the CVX code '{code}' is not two or three digits.");
            }

            if (!firstLines.TryAdd(code, row.Line))
            {
                throw row.Error($"the CVX code '{code}' is already on line {firstLines[code]}.");
            }
        }

        Dictionary<string, List<string>> groups = ReadGroups(vaccineGroupPath, firstLines);
        return rows.ConvertAll(row => new CvxCode(
            row[0],
            row[1],
            ParseStatus(row),
            ParseNonVaccine(row),
            groups.TryGetValue(row[0], out var names) ? [.. names] : ImmutableArray<string>.Empty));
    }

    private static Dictionary<string, List<string>> ReadGroups(string path, Dictionary<string, int> cvxCodes)
    {
        var groups = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var groupNames = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var row in TsvFile.Read(path, GroupHeader))
        {
            string code = row[0];
            if (!cvxCodes.ContainsKey(code))
            {
                throw row.Error($"the CVX code '{code}' is not in cvx.tsv.");
            }

            // One string instance per group name, however many codes share it.
            string group = groupNames.TryGetValue(row[1], out var known) ? known : groupNames[row[1]] = row[1];
            if (!groups.TryGetValue(code, out var list))
            {
                groups[code] = list = [];
            }

            if (list.Contains(group, StringComparer.Ordinal))
            {
                throw row.Error($"CVX {code} is already in vaccine group '{group}'.");
            }

            list.Add(group);
        }

        return groups;
    }

    private static bool IsCvxCode(string code) =>
        code.Length is 2 or 3 && code.AsSpan().IndexOfAnyExceptInRange('0', '9') < 0;

    private static CvxStatus ParseStatus(TsvRow row) => row[2] switch
    {
        "Active" => CvxStatus.Active,
        "Inactive" => CvxStatus.Inactive,
        "Non-US" => CvxStatus.NonUS,
        "Never Active" => CvxStatus.NeverActive,
        "Pending" => CvxStatus.Pending,
        _ => throw row.Error($"the status '{row[2]}' is not one of Active, Inactive, Non-US, Never Active, Pending."),
    };

    private static bool ParseNonVaccine(TsvRow row) => row[3] switch
    {
        "0" => false,
        "1" => true,
        _ => throw row.Error($"the nonvaccine flag '{row[3]}' is not 0 or 1."),
    };
}
