using System.Buffers;

namespace Registry.Ingest.Hl7;

/// <summary>
/// One fast pass over a file to decide whether it can be read as messages at all, so a file that
/// is not (empty, binary, no MSH) is turned away whole instead of being half processed.
/// </summary>
public static class Hl7FileInspector
{
    public static Hl7FileKind Inspect(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var inspection = new Hl7FileInspection();
        var buffer = ArrayPool<byte>.Shared.Rent(128 * 1024);
        try
        {
            int read;
            while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
            {
                inspection.Append(buffer.AsSpan(0, read));
                if (inspection.Kind == Hl7FileKind.NotText)
                {
                    break; // nothing read later can change that
                }
            }

            return inspection.Kind;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}

/// <summary>
/// <see cref="Hl7FileInspector"/> fed a piece at a time, in file order, in pieces of any size:
/// for a file that is inspected while it is read for its messages, in one pass.
/// </summary>
public sealed class Hl7FileInspection
{
    private static readonly SearchValues<byte> NotWhiteSpace = SearchValues.Create(
        Enumerable.Range(0, 256).Select(b => (byte)b).Where(b => b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n' or (byte)'\f' or (byte)'\v')).ToArray());

    private static ReadOnlySpan<byte> Bom => [0xEF, 0xBB, 0xBF];

    private int bomMatched; // bytes of a UTF-8 BOM matched at the start; -1 once past it
    private bool anyText;
    private bool notText;
    private bool sawMsh;
    private bool atLineStart = true;
    private int matched;
    private bool inNulTail;
    private string? candidate;
    private bool sawBatchHeader;
    private bool sawOtherLine;
    private long seen;
    private long lineBreaks; // CR, LF and CRLF each count one, up to the first NUL
    private bool endsWithCr;

    /// <summary>What the bytes seen so far are; final once the whole file has been appended.</summary>
    // A file that ends in "MSH" has a message (of one line), as the batch reader sees it.
    /// <summary>
    /// The bytes seen so far end in NUL bytes (among white space) after the text: padding some
    /// transfer tools and writers that preallocate leave. A file whose NULs are followed by
    /// anything else is not text.
    /// </summary>
    public bool EndsWithNulPadding => inNulTail && !notText;

    /// <summary>Where (from 0) the first NUL byte of a file that is not text is, when a NUL made it so.</summary>
    public long? FirstNulOffset { get; private set; }

    /// <summary>The line (from 1, lines ending at CR, LF or CRLF) of <see cref="FirstNulOffset"/>.</summary>
    public long? FirstNulLine { get; private set; }

    /// <summary>
    /// The file starts like UTF-16 text without a byte order mark: in its first bytes every other
    /// byte is NUL (ASCII text in UTF-16), the ones between are not.
    /// </summary>
    public bool LooksLikeUtf16 => AlternatesWithNul(start.AsSpan(0, startLength));

    private readonly byte[] start = new byte[256]; // the file's first bytes, for LooksLikeUtf16
    private int startLength;

    public Hl7FileKind Kind => notText ? Hl7FileKind.NotText
        : !anyText && bomMatched <= 0 ? Hl7FileKind.Empty
        : sawMsh || (matched == 3 && candidate == "msh") ? Hl7FileKind.Messages
        : (sawBatchHeader || (matched == 3 && candidate is "FHS" or "BHS")) && !sawOtherLine && !(matched is > 0 and < 3) ? Hl7FileKind.EmptyBatch
        : Hl7FileKind.NoMessages;

    public void Append(ReadOnlySpan<byte> span)
    {
        if (startLength < start.Length)
        {
            var taken = span[..Math.Min(span.Length, start.Length - startLength)];
            taken.CopyTo(start.AsSpan(startLength));
            startLength += taken.Length;
        }

        long offset = seen;
        int length = span.Length;
        seen += length;
        while (bomMatched >= 0 && !span.IsEmpty)
        {
            if (bomMatched < Bom.Length && span[0] == Bom[bomMatched])
            {
                bomMatched++;
                span = span[1..];
                if (bomMatched == Bom.Length)
                {
                    bomMatched = -1;
                }

                continue;
            }

            if (bomMatched > 0)
            {
                // The start of a BOM, then something else: those bytes were text, not a BOM.
                anyText = true;
                atLineStart = false;
            }

            bomMatched = -1;
        }

        if (span.IsEmpty || notText)
        {
            return;
        }

        if (inNulTail)
        {
            notText = span.IndexOfAnyExcept(Hl7LineStart.NulPadding) >= 0;
            return;
        }

        int nul = span.IndexOf((byte)0);
        CountLineBreaks(nul >= 0 ? span[..nul] : span);
        if (nul >= 0)
        {
            FirstNulOffset = offset + (length - span.Length) + nul;
            FirstNulLine = lineBreaks + 1;
            if (span[nul..].IndexOfAnyExcept(Hl7LineStart.NulPadding) >= 0)
            {
                notText = true;
                return;
            }

            inNulTail = true;
            span = span[..nul];
        }

        anyText |= span.IndexOfAny(NotWhiteSpace) >= 0;
        if (!sawMsh)
        {
            sawMsh = FindMshAtLineStart(span, ref atLineStart, ref matched);
        }
    }

    private static bool AlternatesWithNul(ReadOnlySpan<byte> start)
    {
        if (start.Length < 8)
        {
            return false;
        }

        int evenNul = 0, oddNul = 0;
        for (int i = 0; i < start.Length; i++)
        {
            if (start[i] == 0)
            {
                if (i % 2 == 0)
                {
                    evenNul++;
                }
                else
                {
                    oddNul++;
                }
            }
        }

        int half = start.Length / 2;
        return (evenNul >= half * 9 / 10 && oddNul <= half / 10) || (oddNul >= half * 9 / 10 && evenNul <= half / 10);
    }

    private void CountLineBreaks(ReadOnlySpan<byte> span)
    {
        if (span.IsEmpty)
        {
            return;
        }

        lineBreaks += span.Count((byte)'\n') + span.Count((byte)'\r') - span.Count("\r\n"u8);
        if (endsWithCr && span[0] == (byte)'\n')
        {
            lineBreaks--; // a CRLF split between two pieces
        }

        endsWithCr = span[^1] == (byte)'\r';
    }

    /// <summary>
    /// Scans for a line that starts a message by the batch reader's rule: lines end at CR or LF;
    /// leading padding (<see cref="Hl7LineStart"/>) is skipped; then "MSH", in any case, not followed
    /// by another id character (MSHX is some other segment). Notes on the way the lines of a batch
    /// envelope (FHS, BHS, BTS, FTS, as the batch reader reads them) and any other line with text.
    /// <paramref name="matched"/> carries how many letters of the id at the start of the line
    /// matched at the end of the previous chunk, and <see cref="candidate"/> which id they are of.
    /// </summary>
    private bool FindMshAtLineStart(ReadOnlySpan<byte> span, ref bool atLineStart, ref int matched)
    {
        foreach (byte b in span)
        {
            if (b is (byte)'\r' or (byte)'\n')
            {
                if (matched == 3 && IdMatched())
                {
                    return true;
                }

                sawOtherLine |= atLineStart && matched > 0 && matched < 3;
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
                if (!Hl7LineStart.IsIdCharacter(b) && IdMatched())
                {
                    return true;
                }

                sawOtherLine |= Hl7LineStart.IsIdCharacter(b);
                atLineStart = false;
                matched = 0;
                continue;
            }

            if (matched == 0 && Hl7LineStart.IsPadding(b))
            {
                continue;
            }

            if (matched == 0)
            {
                candidate = (b | 0x20) == 'm' ? "msh" : b == 'F' ? "FHS" : b == 'B' ? "BHS" : null;
            }
            else if (matched == 1 && b == 'T' && candidate is "FHS" or "BHS")
            {
                candidate = candidate == "FHS" ? "FTS" : "BTS";
            }

            if (candidate is not null && (candidate == "msh" ? (b | 0x20) : b) == candidate[matched])
            {
                matched++;
                continue;
            }

            sawOtherLine = true;
            atLineStart = false;
            matched = 0;
        }

        return false;
    }

    /// <summary>The id matched at a line's start, followed by no other id character: true for MSH; an envelope line is noted.</summary>
    private bool IdMatched()
    {
        if (candidate == "msh")
        {
            return true;
        }

        sawBatchHeader |= candidate is "FHS" or "BHS";
        return false;
    }
}
