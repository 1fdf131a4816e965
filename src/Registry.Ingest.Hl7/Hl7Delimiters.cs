namespace Registry.Ingest.Hl7;

/// <summary>
/// The separators a message declares in MSH-1/MSH-2 (FHS and BHS work the same way).
/// </summary>
public readonly record struct Hl7Delimiters(char Field, char Component, char Repetition, char Escape, char SubComponent, char Truncation = '\0')
{
    public static Hl7Delimiters Default { get; } = new('|', '^', '~', '\\', '&');

    /// <summary>The text of MSH-2 as this set of delimiters writes it.</summary>
    public string EncodingCharacters => new string([.. new[] { Component, Repetition, Escape, SubComponent, Truncation }.Where(c => c != '\0')]);

    /// <summary>
    /// Reads the delimiters from a header segment line (MSH, FHS or BHS): the character after the
    /// segment id is the field separator and the next field holds 4 (or 5, with the v2.7
    /// truncation character) encoding characters, or 3 or 2 when the sub-component separator and
    /// then the escape character are left out as unused (they are then '\0'). All must be distinct
    /// and none may be a letter, digit, space or line break.
    /// </summary>
    /// <summary>
    /// Whether what stands where MSH-2 belongs is data, not encoding characters ("MSH|EHR|CLINIC|...":
    /// MSH-2 left out, every field of the header one place early): none of them, and a letter or
    /// digit first, which no delimiter can be.
    /// </summary>
    internal static bool Msh2LeftOut(ReadOnlySpan<char> msh2) =>
        !msh2.IsEmpty && msh2.IndexOfAny(@"^~\&") < 0 && char.IsLetterOrDigit(msh2[0]);

    public static bool TryRead(ReadOnlySpan<char> headerLine, out Hl7Delimiters delimiters, out string? error)
    {
        delimiters = Default;
        if (headerLine.Length < 4)
        {
            error = "the header segment is too short to declare its delimiters (it must start like MSH|^~\\&|)";
            return false;
        }

        char field = headerLine[3];
        if (!IsUsable(field))
        {
            error = $"the field separator (the 4th character, MSH-1) is '{Printable(field)}', which cannot be a delimiter";
            return false;
        }

        var rest = headerLine[4..];
        int end = rest.IndexOf(field);
        var encoding = end < 0 ? rest : rest[..end];
        if (Msh2LeftOut(encoding))
        {
            var shown = encoding[..Math.Min(encoding.Length, 20)];
            var text = string.Create(shown.Length, shown.ToString(), static (span, from) =>
            {
                for (int i = 0; i < span.Length; i++)
                {
                    span[i] = char.IsControl(from[i]) ? ' ' : from[i];
                }
            });
            error = $"MSH-2, the encoding characters (normally ^~\\&), is missing: '{text}' stands in its place, so every field of the header is one place early";
            return false;
        }

        // HL7 (figure 2-1): the sub-component separator may be left out when no value has
        // sub-components, and then the escape character when nothing is escaped (MSH|^~\|, MSH|^~|).
        if (encoding.Length is < 2 or > 5)
        {
            error = $"MSH-2 must hold the encoding characters: component, repetition, escape and sub-component separators (normally ^~\\&), but holds {encoding.Length}";
            return false;
        }

        Span<char> all = stackalloc char[6];
        all[0] = field;
        encoding.CopyTo(all[1..]);
        int count = encoding.Length + 1;
        for (int i = 0; i < count; i++)
        {
            if (!IsUsable(all[i]))
            {
                error = $"MSH-2 holds '{Printable(all[i])}', which cannot be a delimiter";
                return false;
            }

            for (int j = 0; j < i; j++)
            {
                if (all[i] == all[j])
                {
                    error = $"the delimiters in MSH-1/MSH-2 must be distinct but '{Printable(all[i])}' is used twice";
                    return false;
                }
            }
        }

        // One left out is '\0', which no text holds, so it never splits or escapes anything.
        delimiters = new Hl7Delimiters(field, encoding[0], encoding[1], encoding.Length > 2 ? encoding[2] : '\0', encoding.Length > 3 ? encoding[3] : '\0', encoding.Length == 5 ? encoding[4] : '\0');
        error = null;
        return true;
    }

    // Half of a surrogate pair (an emoji) is no character: the other half would be read as data.
    private static bool IsUsable(char c) => c > ' ' && c != '\u007f' && !char.IsLetterOrDigit(c) && !char.IsSurrogate(c);

    private static string Printable(char c) => c < ' ' ? $"\\x{(int)c:X2}" : char.IsSurrogate(c) ? $"\\u{(int)c:X4}" : c.ToString();
}
