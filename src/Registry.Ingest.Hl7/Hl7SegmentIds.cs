using System.Collections.Concurrent;

namespace Registry.Ingest.Hl7;

/// <summary>Shares one string per segment id so parsing a segment allocates nothing for its name.</summary>
internal static class Hl7SegmentIds
{
    /// <summary>The segments of VXU, ACK and their batch envelopes (and a query's), as HL7 names them.</summary>
    private static readonly string[] Standard =
    [
        "MSH", "SFT", "PID", "PD1", "NK1", "PV1", "PV2", "GT1", "IN1", "IN2", "IN3", "ORC", "TQ1", "TQ2", "RXA",
        "RXR", "OBX", "NTE", "MSA", "ERR", "FHS", "FTS", "BHS", "BTS", "QPD", "RCP", "QAK",
    ];

    private static readonly ConcurrentDictionary<string, string> Known = Seed();
    private static readonly ConcurrentDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> Lookup =
        Known.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>
    /// A valid segment id is an upper-case letter followed by two upper-case letters or digits, so
    /// the set is bounded (36^2 * 26) and caching every id seen is safe.
    /// </summary>
    public static bool IsValid(ReadOnlySpan<char> id) =>
        id.Length == 3 && char.IsAsciiLetterUpper(id[0]) && IsUpperOrDigit(id[1]) && IsUpperOrDigit(id[2]);

    /// <summary>Whether <paramref name="id"/> is one of the standard segments of these messages (<see cref="Standard"/>).</summary>
    public static bool IsStandard(ReadOnlySpan<char> id)
    {
        foreach (var standard in Standard)
        {
            if (id.SequenceEqual(standard))
            {
                return true;
            }
        }

        return false;
    }

    public static string Intern(ReadOnlySpan<char> id)
    {
        if (Lookup.TryGetValue(id, out var known))
        {
            return known;
        }

        var text = new string(id);
        return IsValid(id) ? Known.GetOrAdd(text, text) : text;
    }

    private static bool IsUpperOrDigit(char c) => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c);

    private static ConcurrentDictionary<string, string> Seed()
    {
        var map = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        foreach (var id in Standard)
        {
            map[id] = id;
        }

        return map;
    }
}
