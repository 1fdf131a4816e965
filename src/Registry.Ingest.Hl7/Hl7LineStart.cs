namespace Registry.Ingest.Hl7;

/// <summary>
/// Characters that may come before a segment id on a line without being part of it: spaces and
/// tabs (editors), form feeds (page breaks of printed exports), the MLLP frame bytes an interface
/// engine leaves in a dump (VT before a message, FS after it), the DOS end-of-file byte, and the
/// UTF-8 byte order mark of a file that was made by joining exports that each began with one.
/// </summary>
internal static class Hl7LineStart
{
    /// <summary>As text, for trimming a decoded line (a form feed is a segment terminator there).</summary>
    public const string Padding = " \t\v\u001C\u001A\uFEFF";

    /// <summary>
    /// <see cref="Padding"/>, and the BOM's bytes one by one (ï » ¿): what they decode to when
    /// they are not together, in order (Windows-1252), where they are skipped before a segment id
    /// as the reader skips them. Only before: at the end of a line they may be the last letter of a value.
    /// </summary>
    public const string LeadingPadding = Padding + "\u00EF\u00BB\u00BF";

    /// <summary>
    /// The bytes that may stand among the NUL bytes a file ends with (padding left by a transfer
    /// tool or a writer that preallocates): more NULs, line breaks, spaces, tabs, form feeds and
    /// the DOS end-of-file byte. The inspection and the batch reader both judge a NUL tail by it.
    /// </summary>
    public static readonly System.Buffers.SearchValues<byte> NulPadding =
        System.Buffers.SearchValues.Create([0, (byte)' ', (byte)'\t', (byte)'\r', (byte)'\n', (byte)'\f', 0x1A]);

    /// <summary>As bytes of the undecoded file: the BOM's three bytes are each skipped.</summary>
    public static bool IsPadding(byte b) => b is (byte)' ' or (byte)'\t' or (byte)'\f' or 0x0B or 0x1C or 0x1A or 0xEF or 0xBB or 0xBF;

    /// <summary>A letter (any case) or digit: after "MSH" it makes another segment id (MSHX, msh1), so no message starts there.</summary>
    public static bool IsIdCharacter(byte b) => b is >= (byte)'A' and <= (byte)'Z' or >= (byte)'a' and <= (byte)'z' or >= (byte)'0' and <= (byte)'9';

    /// <summary>"MSH" in any case: a header written in lower case still starts a message (which then fails, saying why).</summary>
    public static bool IsMsh(byte b0, byte b1, byte b2) => (b0 | 0x20) == 'm' && (b1 | 0x20) == 's' && (b2 | 0x20) == 'h';
}
