using System.Text;
using System.Text.RegularExpressions;

namespace Registry.Ingest.Tests.Support;

/// <summary>
/// An oracle for the batch reader, written independently of it: the lines of a file that start a
/// message. Lines split at CR, LF and CRLF; a UTF-8 byte order mark at the start of the file is
/// skipped; leading spaces, tabs, form feeds, MLLP frame bytes (VT, FS), DOS end-of-file bytes and
/// the bytes of a byte order mark are skipped; the line then starts with <c>MSH</c> in any case,
/// followed by the end of the line or a character that cannot continue a segment id (not A–Z, a–z, 0–9).
/// A message also starts inside a line, after its first character (padding skipped), at each
/// <c>MSH</c> (upper case) followed by a separator, three to five distinct encoding characters and
/// the separator again, where separator and encoding characters are printable ASCII other than
/// letters, digits and space, and the encoding characters are not the separator. A <c>BHS</c> or
/// <c>FHS</c> so followed (or followed by the encoding characters up to the end of the line) inside a
/// line starts no message but ends the one before it. A file that
/// starts with a UTF-16 byte order mark (FF FE, FE FF) is that text, as UTF-8 (<see cref="AsRead"/>).
/// </summary>
internal static partial class MshLines
{
    /// <summary>The bytes the reader reads: a UTF-16 file (byte order mark first) as UTF-8 with its mark, any other as it is.</summary>
    public static ReadOnlySpan<byte> AsRead(ReadOnlySpan<byte> file)
    {
        if (file.Length < 2 || !((file[0] == 0xFF && file[1] == 0xFE) || (file[0] == 0xFE && file[1] == 0xFF)))
        {
            return file;
        }

        var text = new UnicodeEncoding(bigEndian: file[0] == 0xFE, byteOrderMark: false, throwOnInvalidBytes: false).GetString(file[2..]);
        byte[] utf8 = [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(text)];
        return utf8;
    }

    /// <summary>One entry per MSH line, in file order: its MSH-10 when plainly readable, else null.</summary>
    public static List<string?> ControlIds(ReadOnlySpan<byte> file) => ControlIds(AsRead(file), insideLines: true);

    /// <summary>
    /// Lines that start with MSH, not counting headers inside lines: whether a file holds messages
    /// at all is judged by these (a file of text with a header only inside a line is not HL7).
    /// </summary>
    public static int CountAtLineStarts(ReadOnlySpan<byte> file) => ControlIds(AsRead(file), insideLines: false).Count;

    private static List<string?> ControlIds(ReadOnlySpan<byte> file, bool insideLines)
    {
        var result = new List<string?>();
        if (file.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            file = file[3..];
        }

        while (true)
        {
            int end = file.IndexOfAny((byte)'\r', (byte)'\n');
            var line = end < 0 ? file : file[..end];
            var starts = MessageStarts(line, insideLines, out var content, out var headers);
            foreach (int start in starts)
            {
                int to = headers.FirstOrDefault(h => h > start, content.Length);
                result.Add(ReadableControlId(content[start..to]));
            }

            if (end < 0)
            {
                return result;
            }

            int next = end + 1;
            if (file[end] == (byte)'\r' && next < file.Length && file[next] == (byte)'\n')
            {
                next++;
            }

            file = file[next..];
        }
    }

    public static int Count(ReadOnlySpan<byte> file) => ControlIds(file).Count;

    /// <summary>
    /// Whether the file is a batch envelope without messages: a line starts (after the same
    /// padding) with FHS or BHS, and every line with text with FHS, BHS, BTS or FTS (upper case),
    /// each not followed by an id character.
    /// </summary>
    public static bool IsEmptyBatch(ReadOnlySpan<byte> file)
    {
        file = AsRead(file);
        ReadOnlySpan<byte> padding = [(byte)' ', (byte)'\t', (byte)'\f', 0x0B, 0x1C, 0x1A, 0xEF, 0xBB, 0xBF];
        bool header = false;
        foreach (var range in file.SplitAny((ReadOnlySpan<byte>)[(byte)'\r', (byte)'\n']))
        {
            var content = file[range].TrimStart(padding);
            if (content.IsEmpty)
            {
                continue;
            }

            bool envelope = content.Length >= 3 && (content.Length == 3 || !IsIdCharacter(content[3]))
                && (content[..3].SequenceEqual("FHS"u8) || content[..3].SequenceEqual("BHS"u8) || content[..3].SequenceEqual("BTS"u8) || content[..3].SequenceEqual("FTS"u8));
            if (!envelope)
            {
                return false;
            }

            header |= content[0] is (byte)'F' or (byte)'B' && content[1] == (byte)'H';
        }

        return header;
    }

    /// <summary>Where in the line (after its padding) messages start: at 0 for an MSH line, and at each header inside it.</summary>
    /// <remarks>
    /// Counting headers inside lines, the part of the line before the first of them is judged on
    /// its own, as a line by itself ("MSH" before "MSH|^~\&amp;|" is one; "FTS" before it is none).
    /// </remarks>
    /// <param name="headers">Where every header inside the line starts (MSH, BHS, FHS): each ends the part before it.</param>
    private static List<int> MessageStarts(ReadOnlySpan<byte> line, bool insideLines, out ReadOnlySpan<byte> content, out List<int> headers)
    {
        var starts = new List<int>();
        headers = [];
        bool mshLine = IsMshLine(line, out content);
        for (int at = 1; insideLines && at + 3 <= content.Length; at++)
        {
            var id = content.Slice(at, 3);
            bool msh = id.SequenceEqual("MSH"u8);
            if ((msh || id.SequenceEqual("BHS"u8) || id.SequenceEqual("FHS"u8)) && IsHeaderAfterId(content[(at + 3)..], toLineEnd: !msh))
            {
                headers.Add(at);
                if (msh)
                {
                    starts.Add(at);
                }
            }
        }

        if (headers.Count > 0)
        {
            mshLine = IsMshLine(content[..headers[0]], out _);
        }

        if (mshLine)
        {
            starts.Insert(0, 0);
        }

        return starts;
    }

    /// <param name="toLineEnd">Whether the encoding characters may also run to the end of the line (a batch or file header's may).</param>
    private static bool IsHeaderAfterId(ReadOnlySpan<byte> rest, bool toLineEnd)
    {
        static bool IsDelimiter(byte b) => b > (byte)' ' && b < 0x7F && !IsIdCharacter(b);
        if (rest.IsEmpty || !IsDelimiter(rest[0]))
        {
            return false;
        }

        var seen = new HashSet<byte>();
        for (int i = 1; i < rest.Length && i <= 6; i++)
        {
            if (rest[i] == rest[0])
            {
                return i - 1 is >= 3 and <= 5;
            }

            if (!IsDelimiter(rest[i]) || !seen.Add(rest[i]))
            {
                return false;
            }
        }

        return toLineEnd && rest.Length - 1 is >= 3 and <= 5;
    }

    private static bool IsMshLine(ReadOnlySpan<byte> line, out ReadOnlySpan<byte> content)
    {
        ReadOnlySpan<byte> padding = [(byte)' ', (byte)'\t', (byte)'\f', 0x0B, 0x1C, 0x1A, 0xEF, 0xBB, 0xBF];
        content = line.TrimStart(padding);
        return content.Length >= 3 && Ascii.EqualsIgnoreCase(content[..3], "MSH"u8) && (content.Length == 3 || !IsIdCharacter(content[3]));
    }

    private static bool IsIdCharacter(byte b) => b is >= (byte)'A' and <= (byte)'Z' or >= (byte)'a' and <= (byte)'z' or >= (byte)'0' and <= (byte)'9';

    /// <summary>
    /// MSH-10 when nobody could disagree about it: the line declares the standard delimiters, no
    /// form feed (which ends a segment for the parser but not a line for the reader) comes before
    /// the end of field 10, and the value is a plain token.
    /// </summary>
    private static string? ReadableControlId(ReadOnlySpan<byte> content)
    {
        if (!content.StartsWith("MSH|^~\\&|"u8))
        {
            return null;
        }

        var fields = Encoding.Latin1.GetString(content).Split('|');
        if (fields.Length <= 9 || fields.Take(10).Any(f => f.Contains('\f', StringComparison.Ordinal)))
        {
            return null;
        }

        return PlainToken().IsMatch(fields[9]) ? fields[9] : null;
    }

    [GeneratedRegex("^[A-Za-z0-9.-]{1,20}$")]
    private static partial Regex PlainToken();
}
