namespace Registry.Ingest.Tests.Support;

/// <summary>
/// Patient data no report may show, as values that occur nowhere else: found in a report, they
/// can only have come from the message. Letters are upper case, as EHRs send names.
/// </summary>
internal static class PatientMarkers
{
    public const string Identifier = "QZ7J9X4K";
    public const string FamilyName = "QJXVKWZ";
    public const string GivenName = "XQZJVKW";
    public const string Street = "7319 QJXKWZ ST";
    public const string City = "QZXVILLE";
    public const string NextOfKinFamilyName = "WZQJXK";
    public const string NextOfKinGivenName = "VKQZXJÉ";

    /// <summary>Valid, invalid (month 13) and future birth dates, so every PID-7 rule gets its turn.</summary>
    public static IReadOnlyList<string> BirthDates { get; } = ["19570613", "19571362", "20570613"];

    /// <summary>Pieces this long of a marker are evidence enough; shorter ones could be chance.</summary>
    public const int EvidenceLength = 5;

    public static VxuBuilder Apply(VxuBuilder message, string birthDate) => message
        .With("PID-3.1", Identifier)
        .With("PID-5", $"{FamilyName}^{GivenName}^^^^^L")
        .With("PID-7", birthDate)
        .With("PID-11", $"{Street}^^{City}^ND^58501^USA^L")
        .With("NK1-2", $"{NextOfKinFamilyName}^{NextOfKinGivenName}^^^^^L");

    /// <summary>Every piece of <see cref="EvidenceLength"/> characters of any marker found in <paramref name="text"/>.</summary>
    public static List<string> FoundIn(string text, string birthDate)
    {
        string[] markers = [Identifier, FamilyName, GivenName, Street, City, NextOfKinFamilyName, NextOfKinGivenName, birthDate];
        var found = new List<string>();
        foreach (var marker in markers)
        {
            for (int i = 0; i + EvidenceLength <= marker.Length; i++)
            {
                var piece = marker.Substring(i, EvidenceLength);
                int at = text.IndexOf(piece, StringComparison.OrdinalIgnoreCase);
                if (at >= 0)
                {
                    int lineStart = text.LastIndexOf('\n', at) + 1;
                    int lineEnd = text.IndexOf('\n', at);
                    found.Add($"'{piece}' (of {marker}) in: {text[lineStart..(lineEnd < 0 ? text.Length : lineEnd)].Trim()}");
                    break;
                }
            }
        }

        return found;
    }
}
