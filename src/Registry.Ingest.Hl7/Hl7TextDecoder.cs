using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace Registry.Ingest.Hl7;

/// <summary>
/// Bytes to text by our rule: UTF-8 when the bytes are valid UTF-8. Otherwise every valid UTF-8
/// sequence is still read as UTF-8 and every other byte as Windows-1252: ISO-8859-1, whose
/// characters it shares from 0xA0 up, plus the printable characters Windows puts at 0x80-0x9F
/// (curly quotes, dashes, the euro sign) where ISO-8859-1 has invisible control codes. A byte is
/// never lost or replaced. Deciding per message instead turned a UTF-8 message with one stray
/// Windows byte (a curly quote pasted into a note) into mojibake in every name (NUÃ‘EZ).
/// A leading UTF-8 byte order mark is not text and is dropped, as StreamReader does; left in, it
/// would hide the file's first MSH.
/// </summary>
public static class Hl7TextDecoder
{
    // Windows-1252 at 0x80-0x9F; the five bytes it leaves undefined keep their ISO-8859-1 code.
    private const string Windows1252High =
        "\u20AC\u0081\u201A\u0192\u201E\u2026\u2020\u2021\u02C6\u2030\u0160\u2039\u0152\u008D\u017D\u008F" +
        "\u0090\u2018\u2019\u201C\u201D\u2022\u2013\u2014\u02DC\u2122\u0161\u203A\u0153\u009D\u017E\u0178";

    public static string Decode(ReadOnlySpan<byte> bytes)
    {
        bytes = WithoutByteOrderMark(bytes);
        if (Utf8.IsValid(bytes))
        {
            return Encoding.UTF8.GetString(bytes);
        }

        char[] chars = ArrayPool<char>.Shared.Rent(bytes.Length);
        try
        {
            return new string(chars, 0, DecodeMixed(bytes, chars));
        }
        finally
        {
            ArrayPool<char>.Shared.Return(chars);
        }
    }

    /// <summary>
    /// Decodes into <paramref name="destination"/>, which must hold at least bytes.Length chars;
    /// <paramref name="notUtf8"/> tells that some bytes were not UTF-8 (read as Windows-1252).
    /// </summary>
    public static int Decode(ReadOnlySpan<byte> bytes, Span<char> destination, out bool notUtf8)
    {
        bytes = WithoutByteOrderMark(bytes);
        var status = Utf8.ToUtf16(bytes, destination, out _, out int written, replaceInvalidSequences: false);
        notUtf8 = status != OperationStatus.Done;
        return notUtf8 ? DecodeMixed(bytes, destination) : written;
    }

    /// <summary>The character a byte that is not part of a valid UTF-8 sequence stands for.</summary>
    public static char Windows1252(byte b) => b is >= 0x80 and <= 0x9F ? Windows1252High[b - 0x80] : (char)b;

    private static int DecodeMixed(ReadOnlySpan<byte> bytes, Span<char> destination)
    {
        int written = 0;
        while (!bytes.IsEmpty)
        {
            // Stops at the first byte that starts no valid sequence; one byte never makes more than one char.
            Utf8.ToUtf16(bytes, destination[written..], out int read, out int chars, replaceInvalidSequences: false);
            written += chars;
            bytes = bytes[read..];
            if (!bytes.IsEmpty)
            {
                destination[written++] = Windows1252(bytes[0]);
                bytes = bytes[1..];
            }
        }

        return written;
    }

    private static ReadOnlySpan<byte> WithoutByteOrderMark(ReadOnlySpan<byte> bytes) =>
        bytes.StartsWith("\uFEFF"u8) ? bytes[3..] : bytes;
}
