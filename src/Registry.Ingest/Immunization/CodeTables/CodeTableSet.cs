using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;

namespace Registry.Ingest.Immunization.CodeTables;

/// <summary>
/// The immunization code tables, immutable and safe to share between threads. Lookups take a span
/// of the message text, allocate nothing, and hand back the table's own string for the code, so a
/// caller can keep the code without allocating.
/// </summary>
/// <remarks>
/// Matching rules:
/// <list type="bullet">
/// <item>CVX: exact digits, plus the single-digit form of 01–09 (<c>8</c> finds <c>08</c>) because
/// senders' systems often drop the leading zero; the canonical code is always the two-digit one.
/// Nothing else is normalised (<c>008</c> or <c> 08</c> are not CVX codes).</item>
/// <item>MVX: ASCII case-insensitive (<c>pmc</c> finds <c>PMC</c>). CDC's codes are upper-case
/// letters and no two differ only by case (the loader checks), so a lower-case code is unambiguous.</item>
/// <item>HL7 tables: ordinal, case-sensitive, as HL7 defines coded values (<c>cp</c> is not <c>CP</c>).</item>
/// </list>
/// Named this, not <c>CodeTables</c>, because a type named like its namespace cannot be used from
/// sibling namespaces (CS0118).
/// </remarks>
internal sealed class CodeTableSet
{
    private readonly FrozenDictionary<string, CvxCode>.AlternateLookup<ReadOnlySpan<char>> cvxBySpan;
    private readonly FrozenDictionary<string, MvxCode>.AlternateLookup<ReadOnlySpan<char>> mvxBySpan;
    private readonly FrozenDictionary<string, CodeTable> tables;

    public CodeTableSet(IEnumerable<CvxCode> cvx, IEnumerable<MvxCode> mvx, IEnumerable<CodeTable> tables)
    {
        CvxCodes = [.. cvx];
        MvxCodes = [.. mvx];
        cvxBySpan = CvxCodes.ToFrozenDictionary(c => c.Code, StringComparer.Ordinal)
            .GetAlternateLookup<ReadOnlySpan<char>>();
        mvxBySpan = MvxCodes.ToFrozenDictionary(m => m.Code, StringComparer.OrdinalIgnoreCase)
            .GetAlternateLookup<ReadOnlySpan<char>>();
        this.tables = tables.ToFrozenDictionary(t => t.Name, StringComparer.Ordinal);
    }

    /// <summary>All CVX codes, in the order of cvx.tsv.</summary>
    public ImmutableArray<CvxCode> CvxCodes { get; }

    /// <summary>All MVX codes, in the order of mvx.tsv.</summary>
    public ImmutableArray<MvxCode> MvxCodes { get; }

    public ImmutableArray<string> TableNames => tables.Keys;

    /// <summary>
    /// Finds a CVX code; <c>1</c>–<c>9</c> find <c>01</c>–<c>09</c>, and a code zero-padded to three
    /// digits (<c>008</c>, <c>020</c>) its two-digit form: no three-digit CVX code starts with 0.
    /// </summary>
    public bool TryGetCvx(ReadOnlySpan<char> code, [NotNullWhen(true)] out CvxCode? cvx)
    {
        if (code.Length == 3 && code[0] == '0' && char.IsAsciiDigit(code[1]) && char.IsAsciiDigit(code[2]))
        {
            code = code[1..];
        }

        if (code.Length == 1 && char.IsAsciiDigit(code[0]))
        {
            Span<char> padded = ['0', code[0]];
            return cvxBySpan.TryGetValue(padded, out cvx);
        }

        return cvxBySpan.TryGetValue(code, out cvx);
    }

    /// <summary>Finds an MVX code, ignoring ASCII case.</summary>
    public bool TryGetMvx(ReadOnlySpan<char> code, [NotNullWhen(true)] out MvxCode? mvx) =>
        mvxBySpan.TryGetValue(code, out mvx);

    public bool TryGetTable(string name, [NotNullWhen(true)] out CodeTable? table) =>
        tables.TryGetValue(name, out table);

    /// <summary>The named table; an unknown name is a programming error (use <see cref="CodeTableNames"/>).</summary>
    /// <exception cref="ArgumentException">No table has that name.</exception>
    public CodeTable GetTable(string name) =>
        tables.TryGetValue(name, out var table)
            ? table
            : throw new ArgumentException($"There is no code table named '{name}'. Known tables: {string.Join(", ", tables.Keys)}.", nameof(name));

    /// <inheritdoc cref="CodeTable.Contains"/>
    /// <exception cref="ArgumentException">No table is named <paramref name="table"/>.</exception>
    public bool Contains(string table, ReadOnlySpan<char> code, [NotNullWhen(true)] out string? canonicalCode) =>
        GetTable(table).Contains(code, out canonicalCode);

    /// <summary>The description of <paramref name="code"/> in <paramref name="table"/>, or null when the table lacks it.</summary>
    /// <exception cref="ArgumentException">No table is named <paramref name="table"/>.</exception>
    public string? Describe(string table, ReadOnlySpan<char> code) => GetTable(table).Describe(code);
}
