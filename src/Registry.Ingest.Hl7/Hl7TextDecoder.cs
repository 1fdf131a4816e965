using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace Registry.Ingest.Hl7;

/// <summary>
/// Bytes to text by our rule: UTF-8 when the bytes are valid UTF-8, otherwise ISO-8859-1 (every
/// byte is a character, so nothing is ever lost or replaced). A leading UTF-8 byte order mark is
/// not text and is dropped, as StreamReader does; left in, it would hide the file's first MSH.
/// </summary>
public static class Hl7TextDecoder
{
    public static string Decode(ReadOnlySpan<byte> bytes)
    {
        bytes = WithoutByteOrderMark(bytes);
        return Utf8.IsValid(bytes) ? Encoding.UTF8.GetString(bytes) : Encoding.Latin1.GetString(bytes);
    }

    /// <summary>Decodes into <paramref name="destination"/>, which must hold at least bytes.Length chars.</summary>
    public static int Decode(ReadOnlySpan<byte> bytes, Span<char> destination, out bool usedLatin1)
    {
        bytes = WithoutByteOrderMark(bytes);
        var status = Utf8.ToUtf16(bytes, destination, out _, out int written, replaceInvalidSequences: false);
        if (status == OperationStatus.Done)
        {
            usedLatin1 = false;
            return written;
        }

        usedLatin1 = true;
        return Encoding.Latin1.GetChars(bytes, destination);
    }

    private static ReadOnlySpan<byte> WithoutByteOrderMark(ReadOnlySpan<byte> bytes) =>
        bytes.StartsWith("\uFEFF"u8) ? bytes[3..] : bytes;
}
