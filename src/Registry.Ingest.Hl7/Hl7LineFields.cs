namespace Registry.Ingest.Hl7;

/// <summary>
/// Reading values straight from one segment line, without parsing a message: for a header that
/// must be read even when its message cannot be parsed, and for batch envelope segments.
/// </summary>
internal static class Hl7LineFields
{
    /// <summary>Piece <paramref name="index"/> of the line split on the field separator (piece 0 is the segment id); empty when absent.</summary>
    public static ReadOnlySpan<char> Piece(ReadOnlySpan<char> line, char fieldSeparator, int index)
    {
        var rest = line;
        for (int i = 0; i < index; i++)
        {
            int next = rest.IndexOf(fieldSeparator);
            if (next < 0)
            {
                return [];
            }

            rest = rest[(next + 1)..];
        }

        int end = rest.IndexOf(fieldSeparator);
        return end < 0 ? rest : rest[..end];
    }

    /// <summary>
    /// A raw field whole (every component, untrimmed) and decoded, as a parsed message's field
    /// value reads: for MSH-10, whose echo in MSA-2 must not depend on whether the message parsed.
    /// <c>""</c> reads as empty.
    /// </summary>
    public static string WholeValue(ReadOnlySpan<char> field, Hl7Delimiters delimiters) =>
        field.SequenceEqual("\"\"") ? string.Empty : Hl7Escaping.Decode(field, delimiters);

    /// <summary>Component <paramref name="component"/> of a raw field, trimmed and decoded; <c>""</c> reads as empty.</summary>
    public static string Value(ReadOnlySpan<char> field, Hl7Delimiters delimiters, int component = 1)
    {
        var value = field;
        if (delimiters.Component != '\0')
        {
            for (int c = 1; c < component; c++)
            {
                int next = value.IndexOf(delimiters.Component);
                if (next < 0)
                {
                    return string.Empty;
                }

                value = value[(next + 1)..];
            }

            int end = value.IndexOf(delimiters.Component);
            if (end >= 0)
            {
                value = value[..end];
            }
        }
        else if (component > 1)
        {
            return string.Empty;
        }

        return WholeValue(value.Trim(), delimiters);
    }
}
