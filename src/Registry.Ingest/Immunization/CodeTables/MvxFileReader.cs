using System.Buffers;

namespace Registry.Ingest.Immunization.CodeTables;

/// <summary>Reads mvx.tsv into <see cref="MvxCode"/>s, in file order.</summary>
internal static class MvxFileReader
{
    private static readonly string[] Header = ["code", "manufacturer", "status"];
    private static readonly SearchValues<char> UpperCaseLettersAndDigits = SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789");

    public static List<MvxCode> Read(string path)
    {
        var codes = new List<MvxCode>();
        // Lookups ignore case, so two codes that differ only by case would be ambiguous.
        var firstLines = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var row in TsvFile.Read(path, Header))
        {
            string code = row[0];
            if (code.AsSpan().ContainsAnyExcept(UpperCaseLettersAndDigits))
            {
                throw row.Error($"the MVX code '{code}' is not upper-case letters A-Z and digits.");
            }

            if (!firstLines.TryAdd(code, row.Line))
            {
                throw row.Error($"the MVX code '{code}' is already on line {firstLines[code]}.");
            }

            codes.Add(new MvxCode(code, row[1], ParseStatus(row)));
        }

        return codes;
    }

    private static MvxStatus ParseStatus(TsvRow row) => row[2] switch
    {
        "Active" => MvxStatus.Active,
        "Inactive" => MvxStatus.Inactive,
        _ => throw row.Error($"the status '{row[2]}' is not Active or Inactive."),
    };
}
