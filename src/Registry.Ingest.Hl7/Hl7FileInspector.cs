using System.Buffers;

namespace Registry.Ingest.Hl7;

/// <summary>
/// One fast pass over a file to decide whether it can be read as messages at all, so a file that
/// is not (empty, binary, no MSH) is turned away whole instead of being half processed.
/// </summary>
public static class Hl7FileInspector
{
    private static readonly SearchValues<byte> NotWhiteSpace = SearchValues.Create(
        Enumerable.Range(0, 256).Select(b => (byte)b).Where(b => b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n' or (byte)'\f' or (byte)'\v')).ToArray());

    public static Hl7FileKind Inspect(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var buffer = ArrayPool<byte>.Shared.Rent(128 * 1024);
        try
        {
            bool anyText = false;
            bool sawMsh = false;
            bool atLineStart = true;
            int offset = 0;
            bool first = true;
            int read;
            while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
            {
                var span = buffer.AsSpan(0, read);
                if (first)
                {
                    first = false;
                    if (span.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
                    {
                        span = span[3..];
                    }
                }

                if (span.Contains((byte)0))
                {
                    return Hl7FileKind.NotText;
                }

                anyText |= span.IndexOfAny(NotWhiteSpace) >= 0;
                if (!sawMsh)
                {
                    sawMsh = FindMshAtLineStart(span, ref atLineStart, ref offset);
                }
            }

            // A file that ends in "MSH" has a message (of one line), as the batch reader sees it.
            sawMsh |= offset == 3;
            return !anyText ? Hl7FileKind.Empty : sawMsh ? Hl7FileKind.Messages : Hl7FileKind.NoMessages;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// Scans for a line that starts a message by the batch reader's rule: lines end at CR or LF;
    /// leading spaces, tabs and form feeds are skipped; then "MSH" not followed by another id
    /// character (MSHX is some other segment). <paramref name="matched"/> carries how many letters
    /// of "MSH" matched at the end of the previous chunk.
    /// </summary>
    private static bool FindMshAtLineStart(ReadOnlySpan<byte> span, ref bool atLineStart, ref int matched)
    {
        foreach (byte b in span)
        {
            if (b is (byte)'\r' or (byte)'\n')
            {
                if (matched == 3)
                {
                    return true;
                }

                atLineStart = true;
                matched = 0;
                continue;
            }

            if (!atLineStart)
            {
                continue;
            }

            if (matched == 3)
            {
                if (!IsIdCharacter(b))
                {
                    return true;
                }

                atLineStart = false;
                matched = 0;
                continue;
            }

            if (matched == 0 && b is (byte)' ' or (byte)'\t' or (byte)'\f')
            {
                continue;
            }

            if (b == "MSH"u8[matched])
            {
                matched++;
                continue;
            }

            atLineStart = false;
            matched = 0;
        }

        return false;
    }

    private static bool IsIdCharacter(byte b) => b is >= (byte)'A' and <= (byte)'Z' or >= (byte)'0' and <= (byte)'9';
}
