using System.Buffers;
using System.Globalization;
using Registry.Ingest.Processing;

namespace Registry.Ingest.DropFolder;

/// <summary>
/// Name rules of the drop folder, pure so they are tested without a folder: which names are ours
/// or temporary (never taken), the temporary name of an upload, and the numbered name that keeps
/// both files when a subfolder already holds one of the same name.
/// </summary>
internal static class DropFolderNames
{
    public const string TemporarySuffix = ".tmp";

    private static readonly SearchValues<char> LowerHex = SearchValues.Create("0123456789abcdef");

    /// <summary>
    /// What SFTP clients and browsers name a file while it is being transferred, before they rename
    /// it: WinSCP's <c>.filepart</c> (its default for any file over 100 KB), <c>.part</c>,
    /// <c>.partial</c>, <c>.crdownload</c>, <c>.upload</c>. Taken, an upload that paused longer than
    /// the stable window was rejected, and the client's rename then failed.
    /// </summary>
    private static readonly string[] ClientTemporarySuffixes = [".filepart", ".part", ".partial", ".crdownload", ".upload"];

    /// <summary>Our own outputs, hidden files and temporary uploads (ours and clients'): never taken as input.</summary>
    public static bool IsIgnored(string name) =>
        name.StartsWith('.')
        || name.EndsWith(BatchFileProcessor.AckSuffix, StringComparison.OrdinalIgnoreCase)
        || name.EndsWith(BatchFileProcessor.ReportSuffix, StringComparison.OrdinalIgnoreCase)
        || name.EndsWith(TemporarySuffix, StringComparison.OrdinalIgnoreCase)
        || ClientTemporarySuffixes.Any(suffix => name.EndsWith(suffix, StringComparison.OrdinalIgnoreCase));

    /// <summary>The files of a listing the poller may take, in name order.</summary>
    public static List<DropFolderEntry> Candidates(IEnumerable<DropFolderEntry> listing) =>
        listing.Where(e => !IsIgnored(e.Name) && CanHandle(e.Name)).OrderBy(e => e.Name, StringComparer.Ordinal).ToList();

    /// <summary>
    /// Whether a name can be read, moved and answered safely: not a path ('/', '\' - a legal
    /// character on an SFTP server, a separator on Windows), no control character (a newline
    /// would forge log lines), and decodable (bytes that are not UTF-8 come back from the server
    /// as U+FFFD, a name that does not exist there). Other names are left where they are.
    /// </summary>
    public static bool CanHandle(string name) =>
        name.Length > 0 && name is not ("." or "..") && name.AsSpan().IndexOfAny(Unhandled) < 0;

    /// <summary>Refuses a name that is a path, not a file directly in the folder: the last guard of every folder operation.</summary>
    public static void RequirePlain(string name)
    {
        if (name.Length == 0 || name.Contains('/', StringComparison.Ordinal) || name.Contains('\\', StringComparison.Ordinal) || name is "." or "..")
        {
            throw new ArgumentException($"'{name}' is not a plain file name.", nameof(name));
        }
    }

    private static readonly SearchValues<char> Unhandled = SearchValues.Create(
        [.. Enumerable.Range(0, 0x20).Select(c => (char)c), '\u007F', '/', '\\', '\uFFFD']);

    /// <summary>A hidden name ending in .tmp, unique per call, under which <paramref name="name"/> is written before the rename.</summary>
    public static string Temporary(string name) => $".{name}.{Guid.NewGuid():N}{TemporarySuffix}";

    /// <summary>Whether <paramref name="name"/> has the form of <see cref="Temporary"/>: one of our uploads, never a clinic's file.</summary>
    public static bool IsOurTemporary(string name)
    {
        // "." + name + "." + 32 lower-case hex digits + ".tmp"
        const int Tail = 1 + 32 + 4;
        if (name.Length < 1 + 1 + Tail || name[0] != '.' || !name.EndsWith(TemporarySuffix, StringComparison.Ordinal))
        {
            return false;
        }

        var guid = name.AsSpan(name.Length - Tail);
        return guid[0] == '.' && guid.Slice(1, 32).IndexOfAnyExcept(LowerHex) < 0;
    }

    /// <summary>The longest file name, in UTF-8 bytes, of the file systems a drop folder lives on (ext4, XFS, NTFS's 255 characters).</summary>
    public const int MaxNameBytes = 255;

    /// <summary>
    /// <c>HL7_A_20240101.txt</c>, 2 → <c>HL7_A_20240101.2.txt</c>; a name without extension gets
    /// <c>.2</c> at the end. A name too long to take the number is cut before it (a 254-byte name
    /// uploaded twice could not be moved, and its file was retried forever).
    /// </summary>
    public static string Numbered(string name, int number)
    {
        int dot = name.LastIndexOf('.');
        string n = "." + number.ToString(CultureInfo.InvariantCulture);
        var (stem, extension) = dot <= 0 ? (name, "") : (name[..dot], name[dot..]);
        while (stem.Length > 1 && System.Text.Encoding.UTF8.GetByteCount(stem + n + extension) > MaxNameBytes)
        {
            stem = stem[..(char.IsLowSurrogate(stem[^1]) && stem.Length > 2 ? ^2 : ^1)];
        }

        return stem + n + extension;
    }

    /// <summary>
    /// Whether a file of <paramref name="size"/> bytes, read from its last two bytes (its last one
    /// when it has one only), ends with a line break: CR or LF, or in UTF-16 little-endian (an even
    /// size) CR or LF followed by its NUL high byte.
    /// </summary>
    public static bool EndsWithLineBreak(Stream lastBytes, long size)
    {
        int first = lastBytes.ReadByte();
        int last = size >= 2 ? lastBytes.ReadByte() : first;
        return last is '\r' or '\n' || (last == 0 && size % 2 == 0 && first is '\r' or '\n');
    }
}
