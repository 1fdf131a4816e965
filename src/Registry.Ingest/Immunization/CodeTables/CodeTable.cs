using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;

namespace Registry.Ingest.Immunization.CodeTables;

/// <summary>
/// One HL7 table (code to description). Codes are matched ordinally and case-sensitively, as HL7
/// defines coded values; lookups from a span allocate nothing and return the table's own string.
/// </summary>
internal sealed class CodeTable
{
    private readonly FrozenDictionary<string, CodeTableEntry>.AlternateLookup<ReadOnlySpan<char>> bySpan;

    public CodeTable(string name, IEnumerable<CodeTableEntry> entries)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        Name = name;
        Entries = [.. entries];
        bySpan = Entries.ToFrozenDictionary(e => e.Code, StringComparer.Ordinal)
            .GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>The table's name as used in coded elements, e.g. <c>HL70322</c>, <c>CDCPHINVS</c>.</summary>
    public string Name { get; }

    /// <summary>The codes in the order of the data file.</summary>
    public ImmutableArray<CodeTableEntry> Entries { get; }

    public int Count => Entries.Length;

    public bool TryGet(ReadOnlySpan<char> code, [NotNullWhen(true)] out CodeTableEntry? entry) =>
        bySpan.TryGetValue(code, out entry);

    /// <summary>Whether the table has <paramref name="code"/>; if so, the table's own instance of it.</summary>
    public bool Contains(ReadOnlySpan<char> code, [NotNullWhen(true)] out string? canonicalCode)
    {
        canonicalCode = TryGet(code, out var entry) ? entry.Code : null;
        return canonicalCode is not null;
    }

    public string? Describe(ReadOnlySpan<char> code) => TryGet(code, out var entry) ? entry.Description : null;

    public override string ToString() => Name;
}
