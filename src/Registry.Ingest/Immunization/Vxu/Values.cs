using System.Globalization;
using Registry.Ingest.Hl7;

namespace Registry.Ingest.Immunization.Vxu;

/// <summary>Element to record value, by the update convention: null = not sent, "" = delete, else the value.</summary>
internal static class Values
{
    /// <summary>The most characters a value the registry finds records by may have (see <c>VxuValidator.CheckKeyLengths</c>).</summary>
    public const int MaxKeyLength = 200;

    public static string? Text(Hl7Element element) =>
        element.IsEmpty ? null : element.IsNull ? string.Empty : Trimmed(element);

    /// <summary>
    /// A coded element's code (component 1) when its coding system (component 3) is
    /// <paramref name="system"/> or not named; empty otherwise. For the legacy tables a code is
    /// read from before the current table judges it (HL70189 ethnicity, NIP008 funding).
    /// </summary>
    public static ReadOnlySpan<char> CodeIn(Hl7Element coded, string system)
    {
        var named = coded.Component(3).Code;
        return named.IsEmpty || named.SequenceEqual(system) ? coded.Component(1).Code : default;
    }

    /// <summary>A value that must be present to mean anything (an id, a code): empty and "" both give null.</summary>
    public static string? Required(Hl7Element element) => element.HasValue ? Nullify(Trimmed(element)) : null;

    public static decimal? Decimal(Hl7Element element) =>
        element.HasValue && decimal.TryParse(element.Raw.Trim(), NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : null;

    public static int? Integer(Hl7Element element) =>
        element.HasValue && int.TryParse(element.Raw.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;

    public static DateTime? Timestamp(Hl7Element element) =>
        element.HasValue && Hl7DateTime.TryParse(DateText(element), out var value) ? value.Value : null;

    /// <summary>A date sent at least to the day.</summary>
    public static bool TryDay(Hl7Element element, out Hl7DateTime value) =>
        Hl7DateTime.TryParse(DateText(element), out value) && value.Precision >= Hl7DatePrecision.Day;

    /// <summary>
    /// The date/time of a TS: the whole value, or its first component when what follows it is a
    /// degree of precision (TS.2, <c>20240531^D</c>: Y, L, M, D, H or S, which 2.3.1 senders still
    /// send), empty components (<c>20230415^</c>, which carry nothing: §1) or both.
    /// </summary>
    public static ReadOnlySpan<char> DateText(Hl7Element element)
    {
        var raw = element.Raw;
        var leading = element.Leading.Raw;
        if (leading.Length >= raw.Length)
        {
            return raw;
        }

        var rest = raw[(leading.Length + 1)..].TrimStart();
        if (rest.Length > 0 && "YLMDHS".Contains(rest[0]) && (rest.Length == 1 || !char.IsAsciiLetterOrDigit(rest[1])))
        {
            rest = rest[1..];
        }

        // Only delimiters and padding left: the empty components a sender's template writes out.
        foreach (char c in rest)
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                return raw;
            }
        }

        return leading;
    }

    /// <summary>
    /// The first repetition of a coded field with a code, as the identifier or the alternate one,
    /// else the first: an EHR's template may leave the first empty (<c>~00^New immunization
    /// record^NIP001</c> is 00, <c>~V02^...</c> is V02).
    /// </summary>
    public static Hl7Element FirstSent(Hl7Element field)
    {
        foreach (var repetition in field.Repetitions())
        {
            if (!IsBlank(repetition.Component(1)) || !IsBlank(repetition.Component(4)))
            {
                return repetition;
            }
        }

        return field.Repetition(1);
    }

    /// <summary>Nothing sent, <c>""</c>, or only padding (fixed-width exports): no value.</summary>
    public static bool IsBlank(Hl7Element element) => !element.HasValue || element.Raw.Trim().IsEmpty;

    // Trailing spaces from fixed-width EHR exports are not part of a value; Trim() allocates only when there are some.
    private static string Trimmed(Hl7Element element) => WithoutNul(element.Value).Trim();

    /// <summary>
    /// A value without the NUL an escape (\X00\) can put in it: no character of any value, and
    /// PostgreSQL text cannot hold one, so a stray one must not fail a whole file's storage.
    /// </summary>
    public static string WithoutNul(string value) => value.Contains('\0') ? value.Replace("\0", string.Empty, StringComparison.Ordinal) : value;

    private static string? Nullify(string value) => value.Length == 0 ? null : value;
}
