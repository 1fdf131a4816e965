using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;

namespace Registry.Ingest.DropFolder;

/// <summary>
/// Turns any incoming file name, valid or not, into a base name that is safe for our own output files
/// (<c>&lt;base&gt;.report.txt</c>): only A–Z a–z 0–9 _ -, at most <see cref="MaxLength"/> characters,
/// never a path separator, dot or Windows device name. A valid batch file name maps to its own
/// <see cref="BatchFileName.BaseName"/>. When anything had to be replaced or cut, or the name has no
/// <c>.txt</c> (in lower case) to remove, a short stable hash of the original name is appended so that different
/// names ("a b.txt", "a/b.txt"; "X", "X.txt") keep different reports.
/// </summary>
internal static class SafeBaseName
{
    public const int MaxLength = MaxStemLength + 1 + HashLength;

    private const int MaxStemLength = 80;
    private const int HashLength = 8;

    private static readonly SearchValues<char> SafeCharacters =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-");

    private static readonly SearchValues<char> Hex = SearchValues.Create("0123456789abcdefABCDEF");

    private static readonly string[] WindowsDeviceNames =
    [
        "CON", "PRN", "AUX", "NUL",
        "COM0", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9",
        "LPT0", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
    ];

    /// <summary>
    /// The safe base name for <paramref name="fileName"/> (its <c>.txt</c> extension, in any case, removed);
    /// false when nothing recognisable is left: the name, less <c>.txt</c>, has no ASCII letter or digit.
    /// </summary>
    public static bool TryCreate(string fileName, [NotNullWhen(true)] out string? baseName)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        ReadOnlySpan<char> stem = fileName;
        bool hasTxt = stem.Length >= 4 && Ascii.EqualsIgnoreCase(stem[^4..], ".txt");
        if (hasTxt)
        {
            stem = stem[..^4];
        }

        if (stem.IndexOfAnyInRange('0', '9') < 0 && stem.IndexOfAnyInRange('A', 'Z') < 0 && stem.IndexOfAnyInRange('a', 'z') < 0)
        {
            baseName = null;
            return false;
        }

        var builder = new StringBuilder(MaxLength);
        // A name without .txt keeps its hash: "X" must not share X.txt's outputs (a report for the
        // rejected X would take the place of, or remove, the ACK of the processed X.txt). So does
        // one with .TXT or .Txt, a valid name whose outputs X.txt's ACK and report would replace.
        bool changed = stem.Length > MaxStemLength || !hasTxt || !fileName.EndsWith(".txt", StringComparison.Ordinal);
        foreach (char c in stem[..Math.Min(stem.Length, MaxStemLength)])
        {
            bool safe = SafeCharacters.Contains(c);
            builder.Append(safe ? c : '_');
            changed |= !safe;
        }

        string safeStem = builder.ToString();
        changed |= WindowsDeviceNames.Contains(safeStem, StringComparer.OrdinalIgnoreCase);
        // A name that reads like another's hashed base ("X_4a48e7f6.txt", after "X.TXT") gets a
        // hash of its own, so it never takes (or, uploaded again, removes) that file's outputs. A
        // valid batch name keeps its own: it ends in its date (8 digits, like an all-digit hash).
        changed |= !changed && EndsLikeAHash(safeStem) && !BatchFileName.Parse(fileName).Succeeded;
        baseName = changed ? $"{safeStem}_{Hash(fileName)}" : safeStem;
        return true;
    }

    /// <summary>
    /// The base name of <paramref name="fileName"/>'s outputs: <see cref="TryCreate"/>'s, or for a name
    /// with nothing recognisable in it, <c>unnamed-file_</c> and its hash, so two such names never
    /// take each other's outputs.
    /// </summary>
    public static string For(string fileName) => TryCreate(fileName, out var safe) ? safe : $"unnamed-file_{Hash(fileName)}";

    /// <summary>"_" and <see cref="HashLength"/> hex digits in any case (a server may ignore case; a hash may be all digits).</summary>
    private static bool EndsLikeAHash(string stem) =>
        stem.Length > HashLength && stem[^(HashLength + 1)] == '_' && !stem.AsSpan(stem.Length - HashLength).ContainsAnyExcept(Hex);

    // SHA-256 of the UTF-16 code units, not string.GetHashCode: the name must be the same in every run.
    private static string Hash(string fileName)
    {
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(MemoryMarshal.AsBytes(fileName.AsSpan()), digest);
        return Convert.ToHexStringLower(digest[..(HashLength / 2)]);
    }
}
