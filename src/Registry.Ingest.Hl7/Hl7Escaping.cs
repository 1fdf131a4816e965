using System.Buffers;
using System.Globalization;
using System.Text;

namespace Registry.Ingest.Hl7;

/// <summary>
/// HL7 v2 escape sequences. Decoding never throws: a malformed or unknown sequence is kept as the
/// literal text it was (so a stray backslash in a clinic's free text survives), formatting commands
/// are dropped. Encoding escapes every delimiter and line break so that
/// <c>Decode(Encode(x)) == x</c> for any string.
/// </summary>
public static class Hl7Escaping
{
    private const string ExplicitNull = "\"\"";

    /// <summary>Whether <paramref name="raw"/> has anything to decode.</summary>
    public static bool NeedsDecoding(ReadOnlySpan<char> raw, in Hl7Delimiters delimiters) => raw.Contains(delimiters.Escape);

    public static string Decode(ReadOnlySpan<char> raw, in Hl7Delimiters delimiters)
    {
        int first = raw.IndexOf(delimiters.Escape);
        if (first < 0)
        {
            return raw.IsEmpty ? string.Empty : new string(raw);
        }

        var builder = new StringBuilder(raw.Length);
        builder.Append(raw[..first]);
        int i = first;
        while (i < raw.Length)
        {
            char c = raw[i];
            if (c != delimiters.Escape)
            {
                int next = raw[i..].IndexOf(delimiters.Escape);
                int end = next < 0 ? raw.Length : i + next;
                builder.Append(raw[i..end]);
                i = end;
                continue;
            }

            int close = raw[(i + 1)..].IndexOf(delimiters.Escape);
            if (close < 0)
            {
                // An escape character with no partner: not an escape sequence, keep it.
                builder.Append(raw[i..]);
                break;
            }

            var body = raw.Slice(i + 1, close);
            if (!AppendSequence(body, delimiters, builder))
            {
                // Unknown sequence: keep the opening escape literally and continue after it, so the
                // closing character can still open a real sequence (e.g. "C:\temp\F\x").
                builder.Append(c);
                i++;
                continue;
            }

            i += close + 2;
        }

        return builder.ToString();
    }

    private static bool AppendSequence(ReadOnlySpan<char> body, in Hl7Delimiters d, StringBuilder builder)
    {
        if (body.Length == 1)
        {
            switch (body[0])
            {
                case 'F': builder.Append(d.Field); return true;
                case 'S': builder.Append(d.Component); return true;
                case 'T': builder.Append(d.SubComponent); return true;
                case 'R': builder.Append(d.Repetition); return true;
                case 'E': builder.Append(d.Escape); return true;
                case 'P' when d.Truncation != '\0': builder.Append(d.Truncation); return true;
                case 'H' or 'N': return true; // highlighting on/off: no meaning in stored text
                default: return false;
            }
        }

        if (body.IsEmpty)
        {
            return false;
        }

        switch (body[0])
        {
            case 'X':
                return AppendHex(body[1..], builder);
            case '.':
                if (body.SequenceEqual(".br"))
                {
                    builder.Append('\n');
                    return true;
                }

                // Other formatting commands (.sp, .in, .ti, .sk, .ce, .fi, .nf): layout only, dropped.
                return IsFormattingCommand(body);
            case 'C' or 'M':
                // Character-set switches (ISO 2022 / multi-byte): the text is already decoded to
                // Unicode, so the switch itself carries nothing.
                return body.Length is 5 or 3 && IsHex(body[1..]);
            default:
                return false;
        }
    }

    private static bool IsFormattingCommand(ReadOnlySpan<char> body)
    {
        if (body.Length < 3)
        {
            return false;
        }

        var name = body.Slice(1, 2);
        if (!(name.SequenceEqual("sp") || name.SequenceEqual("in") || name.SequenceEqual("ti") || name.SequenceEqual("sk")
            || name.SequenceEqual("ce") || name.SequenceEqual("fi") || name.SequenceEqual("nf")))
        {
            return false;
        }

        var argument = body[3..];
        if (!argument.IsEmpty && (argument[0] == '+' || argument[0] == '-'))
        {
            argument = argument[1..];
        }

        foreach (char c in argument)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsHex(ReadOnlySpan<char> text)
    {
        foreach (char c in text)
        {
            if (!char.IsAsciiHexDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    private static bool AppendHex(ReadOnlySpan<char> hex, StringBuilder builder)
    {
        if (hex.IsEmpty || hex.Length % 2 != 0 || !IsHex(hex))
        {
            return false;
        }

        int count = hex.Length / 2;
        byte[]? rented = null;
        Span<byte> bytes = count <= 256 ? stackalloc byte[count] : (rented = ArrayPool<byte>.Shared.Rent(count)).AsSpan(0, count);
        try
        {
            for (int k = 0; k < count; k++)
            {
                bytes[k] = byte.Parse(hex.Slice(k * 2, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            }

            builder.Append(Hl7TextDecoder.Decode(bytes));
            return true;
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>Encodes a value for a field, component or sub-component.</summary>
    public static string Encode(string value, in Hl7Delimiters delimiters)
    {
        if (!NeedsEncoding(value, delimiters))
        {
            return value;
        }

        var builder = new StringBuilder(value.Length + 8);
        Encode(value, delimiters, builder);
        return builder.ToString();
    }

    public static void Encode(ReadOnlySpan<char> value, in Hl7Delimiters d, StringBuilder builder)
    {
        if (value.SequenceEqual(ExplicitNull))
        {
            // A value that is literally two quotes would be read back as "delete"; keep it a value.
            builder.Append(d.Escape).Append("X2222").Append(d.Escape);
            return;
        }

        // Readers (ours included) trim white space at the end of a segment line, so a value's own
        // trailing spaces are written as hex escapes to survive if the value ends its segment.
        int keep = value.TrimEnd(" \t").Length;
        for (int i = 0; i < value.Length; i++)
        {
            char c = value[i];
            if (i >= keep)
            {
                builder.Append(d.Escape).Append(c == ' ' ? "X20" : "X09").Append(d.Escape);
            }
            else if (c == d.Field) { AppendEscape(builder, d, 'F'); }
            else if (c == d.Component) { AppendEscape(builder, d, 'S'); }
            else if (c == d.SubComponent) { AppendEscape(builder, d, 'T'); }
            else if (c == d.Repetition) { AppendEscape(builder, d, 'R'); }
            else if (c == d.Escape) { AppendEscape(builder, d, 'E'); }
            else if (d.Truncation != '\0' && c == d.Truncation) { AppendEscape(builder, d, 'P'); }
            else if (c < ' ' || c == '\u007f')
            {
                builder.Append(d.Escape).Append('X').Append(((int)c).ToString("X2", CultureInfo.InvariantCulture)).Append(d.Escape);
            }
            else { builder.Append(c); }
        }
    }

    private static void AppendEscape(StringBuilder builder, in Hl7Delimiters d, char code) =>
        builder.Append(d.Escape).Append(code).Append(d.Escape);

    private static bool NeedsEncoding(ReadOnlySpan<char> value, in Hl7Delimiters d)
    {
        if (value.SequenceEqual(ExplicitNull) || (!value.IsEmpty && value[^1] is ' ' or '\t'))
        {
            return true;
        }

        foreach (char c in value)
        {
            if (c < ' ' || c == '\u007f' || c == d.Field || c == d.Component || c == d.SubComponent || c == d.Repetition
                || c == d.Escape || (d.Truncation != '\0' && c == d.Truncation))
            {
                return true;
            }
        }

        return false;
    }
}
