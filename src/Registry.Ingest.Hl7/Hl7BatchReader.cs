using System.Buffers;
using System.Globalization;

namespace Registry.Ingest.Hl7;

/// <summary>
/// Reads a batch file message by message from a stream, in constant memory: bytes are split into
/// lines (CR, LF, CRLF), a message starts at each MSH line (and at a message header inside a
/// line, where a sender left a message unterminated), and FHS/BHS/BTS/FTS lines are
/// taken as the envelope. Each message is decoded on its own (UTF-8, any other byte as Windows-1252) and parsed;
/// one that cannot be parsed is still yielded, with the reason, and reading goes on.
/// </summary>
public sealed class Hl7BatchReader : IDisposable
{
    private const int ReadBufferSize = 64 * 1024;
    private const int LineHeadSize = 8;
    private const int KeptOfOversizedHeader = 64 * 1024;

    // Trimmed from the end of an envelope line: the padding a line may start with, and form feeds
    // (a page break after FTS), which inside a message end a segment instead.
    private static readonly char[] EnvelopePadding = (Hl7LineStart.Padding + "\f").ToCharArray();
    private static readonly char[] EnvelopeNulPadding = (Hl7LineStart.Padding + "\f\0").ToCharArray();
    private static readonly SearchValues<byte> LinePaddingBytes = SearchValues.Create([(byte)' ', (byte)'\t', (byte)'\f', 0x0B, 0x1C, 0x1A, 0xEF, 0xBB, 0xBF]);

    private readonly Stream stream;
    private readonly Hl7BatchReaderOptions options;
    private readonly Hl7BufferLease lease = new();
    private readonly byte[] lineHead = new byte[LineHeadSize];
    private byte[] readBuffer;
    private byte[] messageBytes;
    private char[] chars;
    private readonly Hl7ParseBuffers parseBuffers = new();
    private bool started;
    private bool disposed;

    // Line state.
    private int lineNumber;
    private int lineStart;
    private int lineContentEnd;
    private int lineHeadLength;
    private bool lineStarted;
    private bool lineTruncated;
    private bool pendingCr;
    private bool fileHeaderAfterTrailer; // a second FHS after the FTS: another file's batches follow

    // Message state.
    private int messageLength;
    private bool hasMessage;
    private bool overflow;
    private bool nulPaddingNoted;
    private int firstLineLength;
    private int messageFirstLine;
    private int messageBatch;
    private int messageNumber;
    private int firstOutsideLine;

    public Hl7BatchReader(Stream stream, Hl7BatchReaderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        this.stream = stream;
        this.options = options ?? new Hl7BatchReaderOptions();
        readBuffer = ArrayPool<byte>.Shared.Rent(ReadBufferSize);
        messageBytes = ArrayPool<byte>.Shared.Rent(Math.Min(64 * 1024, this.options.MaxMessageBytes));
        chars = ArrayPool<char>.Shared.Rent(messageBytes.Length);
    }

    /// <summary>Complete once <see cref="ReadMessages"/> has been enumerated to the end.</summary>
    public Hl7BatchEnvelope Envelope { get; } = new();

    /// <summary>Lines in the file (a last line without terminator counts).</summary>
    public int LineCount => lineNumber;

    /// <summary>The messages, in file order. Can be enumerated once.</summary>
    public IEnumerable<Hl7BatchItem> ReadMessages()
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        if (started)
        {
            throw new InvalidOperationException("A batch reader reads its stream once.");
        }

        started = true;
        return Read();
    }

    private IEnumerable<Hl7BatchItem> Read()
    {
        int position = 0;
        int length = FillAndSkipBom();
        while (length > 0)
        {
            if (position == length)
            {
                length = stream.Read(readBuffer, 0, ReadBufferSize);
                position = 0;
                continue;
            }

            var span = readBuffer.AsSpan(position, length - position);
            if (pendingCr)
            {
                pendingCr = false;
                if (span[0] == (byte)'\n')
                {
                    Append(span[..1], countsForLine: false);
                    position++;
                    continue;
                }
            }

            if (!lineStarted)
            {
                StartLine();
            }

            // A form feed ends a segment (the parser splits on it) but not a line, as in an editor.
            int terminator = span.IndexOfAny((byte)'\r', (byte)'\n');
            var content = terminator < 0 ? span : span[..terminator];
            TakeLineHead(content);
            Append(content, countsForLine: true);
            if (terminator < 0)
            {
                position = length;
                continue;
            }

            lineContentEnd = messageLength;
            Append(span.Slice(terminator, 1), countsForLine: false);
            pendingCr = span[terminator] == (byte)'\r';
            position += terminator + 1;
            lineStarted = false;

            bool split = InlineHeader() >= 0;
            if (split)
            {
                foreach (var item in SplitAtInlineHeaders())
                {
                    yield return item;
                }
            }

            var kind = Classify();
            if (hasMessage && kind is LineKind.Msh or LineKind.Envelope)
            {
                yield return Emit(lineStart, split ? lineNumber : lineNumber - 1);
            }

            Apply(kind);
        }

        // The file's last line has no line break and is a segment of a message (not padding, not a trailer).
        bool endsInsideASegment = false;
        if (lineStarted)
        {
            lineContentEnd = messageLength;
            lineStarted = false;
            bool split = InlineHeader() >= 0;
            if (split)
            {
                foreach (var item in SplitAtInlineHeaders())
                {
                    yield return item;
                }
            }

            var kind = Classify();
            if (hasMessage && kind is LineKind.Msh or LineKind.Envelope)
            {
                yield return Emit(lineStart, split ? lineNumber : lineNumber - 1);
            }

            Apply(kind);
            endsInsideASegment = kind is LineKind.Msh or LineKind.Other && !HoldsJoinedTrailer();
        }

        if (hasMessage)
        {
            // Cut short: the last segment has no line break and the envelope it opened (FHS, BHS)
            // was never closed, so the file stopped part-way (an upload or export broken off).
            // The message's last value may be half of itself (a lot number, a date): it is not
            // read, and the clinic is told to send it again, rather than store what is left.
            bool cutShort = endsInsideASegment && (Envelope.OpenBatch is not null || (Envelope.FileHeader is not null && Envelope.FileTrailer is null));
            if (cutShort)
            {
                Envelope.AddIssue(lineNumber, "the file ends in the middle of this line (no line break after it, and no BTS/FTS trailer after the FHS/BHS): it looks cut short, and its last message was not read", Hl7EnvelopeIssueKind.CutShort);
            }

            yield return Emit(messageLength, lineNumber, atEnd: true, cutShort);
            hasMessage = false;
        }

        CheckEnvelopeEnd();
    }

    /// <summary>
    /// Where in the line just read a header starts that is not at the line's start: the bytes
    /// <c>MSH</c> (or a batch's <c>BHS</c>, a file's <c>FHS</c>), a field separator, the encoding
    /// characters and the separator again. A sender that ends a message's last segment (or a
    /// BTS, an FTS) without a terminator and writes the next message, batch or file straight after
    /// it (or an MLLP dump with FS VT between them) joins them on one line; such a header cannot
    /// be a value, where the separator would be escaped. Absolute offset in the message bytes, or -1.
    /// </summary>
    private int InlineHeader()
    {
        if (lineTruncated)
        {
            return -1;
        }

        int first = messageBytes.AsSpan(lineStart, lineContentEnd - lineStart).IndexOfAnyExcept(LinePaddingBytes);
        return first < 0 ? -1 : InlineHeaderFrom(lineStart + first + 1);
    }

    /// <summary>The next header (as <see cref="InlineHeader"/>) at or after the absolute offset <paramref name="start"/> of the line.</summary>
    private int InlineHeaderFrom(int start)
    {
        var line = messageBytes.AsSpan(lineStart, lineContentEnd - lineStart);
        int from = start - lineStart;
        int search = from + 1; // the H of an id starting at from or later: MSH's third letter, BHS's and FHS's second
        while (search < line.Length)
        {
            int h = line[search..].IndexOf((byte)'H');
            if (h < 0)
            {
                return -1;
            }

            h += search;
            int id = h >= from + 2 && line[h - 1] == (byte)'S' && line[h - 2] == (byte)'M' ? h - 2
                : line[h - 1] is (byte)'B' or (byte)'F' && h + 1 < line.Length && line[h + 1] == (byte)'S' ? h - 1
                : -1;
            if (id >= 0 && IsHeaderStart(line[id..]))
            {
                return lineStart + id;
            }

            search = h + 1;
        }

        return -1;
    }

    /// <summary>
    /// Whether the line just read holds a BTS or FTS after its start, followed by a delimiter
    /// (<c>...|AB12345BTS|1</c>): a trailer written straight after the last segment. It closes what
    /// the reader still takes as open, so the line is no sign of a file cut short. (A trailer cannot
    /// be told from a value there: it stays part of the segment.)
    /// </summary>
    private bool HoldsJoinedTrailer()
    {
        var line = messageBytes.AsSpan(lineStart, lineContentEnd - lineStart);
        int from = 1;
        while (from < line.Length)
        {
            int found = line[from..].IndexOf("TS"u8);
            if (found < 0)
            {
                return false;
            }

            int at = from + found;
            if (line[at - 1] is (byte)'B' or (byte)'F' && at + 2 < line.Length && IsDelimiter(line[at + 2]))
            {
                return true;
            }

            from = at + 1;
        }

        return false;
    }

    /// <summary>What a header found inside a line starts, by its <paramref name="id"/>'s first letter: the line's note.</summary>
    private static string InlineHeaderNote(byte id) => id switch
    {
        (byte)'B' => "a batch header (BHS) starts inside the line, after a segment that has no line break at its end; a new batch was read from there",
        (byte)'F' => "a file header (FHS) starts inside the line, after a segment that has no line break at its end; it was read from there",
        _ => "a message header (MSH) starts inside the line, after a segment that has no line break at its end; a new message was read from there",
    };

    /// <summary>
    /// <c>MSH|^~\&amp;|</c>: a separator, three to five distinct encoding characters, the separator.
    /// A batch or file header may end with its encoding characters (<c>BHS|^~\&amp;</c> at the end of
    /// the line): nothing of a value could.
    /// </summary>
    private static bool IsHeaderStart(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < 7 || !IsDelimiter(bytes[3]))
        {
            return false;
        }

        byte separator = bytes[3];
        int end = bytes[4..Math.Min(bytes.Length, 10)].IndexOf(separator);
        if (end < 0 && bytes[0] != (byte)'M' && bytes.Length - 4 is >= 3 and <= 5)
        {
            end = bytes.Length - 4; // the line ends with the encoding characters
        }

        if (end is < 3 or > 5)
        {
            return false;
        }

        var encoding = bytes.Slice(4, end);
        for (int i = 0; i < encoding.Length; i++)
        {
            if (!IsDelimiter(encoding[i]) || encoding[(i + 1)..].Contains(encoding[i]))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsDelimiter(byte b) => b is > (byte)' ' and < 0x7F && !Hl7LineStart.IsIdCharacter(b);

    /// <summary>
    /// Splits the line just read at each message header inside it (<see cref="InlineHeader"/>):
    /// what comes before the first is read as a line of its own (the end of the message before,
    /// without the MLLP frame bytes that may stand there), each header up to the next starts a
    /// message, and the last is left as the current line, for the caller to start its message as
    /// from any MSH line. Each part is copied once, whatever the number of messages joined on the
    /// line. The line keeps its number; the report notes where messages were joined.
    /// </summary>
    private IEnumerable<Hl7BatchItem> SplitAtInlineHeaders()
    {
        var headers = new List<int>();
        for (int header = InlineHeader(); header >= 0; header = InlineHeaderFrom(header + 3))
        {
            headers.Add(header);
        }

        int lineEnd = lineContentEnd;
        int restStart = headers[0];
        int restLength = messageLength - restStart;
        var rest = ArrayPool<byte>.Shared.Rent(restLength);
        try
        {
            messageBytes.AsSpan(restStart, restLength).CopyTo(rest);
            lineContentEnd = restStart; // part 0 ends where the first header starts
            for (int part = 0; part <= headers.Count; part++)
            {
                if (part > 0)
                {
                    // Header part-1, up to the next header, or to the end of the line (with its terminator).
                    int from = headers[part - 1] - restStart;
                    bool last = part == headers.Count;
                    int contentEnd = last ? lineEnd - restStart : headers[part] - restStart;
                    lineStart = messageLength;
                    Append(rest.AsSpan(from, (last ? restLength : contentEnd) - from), countsForLine: true);
                    lineContentEnd = lineStart + (contentEnd - from);
                    if (last)
                    {
                        lineHeadLength = 0;
                        TakeLineHead(rest.AsSpan(from, contentEnd - from));
                        yield break;
                    }
                }

                // The part before the next header: its own head, without frame bytes at its end.
                int cut = lineContentEnd;
                while (cut > lineStart && messageBytes[cut - 1] is 0x0B or 0x1C)
                {
                    cut--;
                }

                messageLength = cut;
                lineContentEnd = cut;
                lineHeadLength = 0;
                TakeLineHead(messageBytes.AsSpan(lineStart, cut - lineStart));
                var kind = Classify();
                if (hasMessage && kind is LineKind.Msh or LineKind.Envelope)
                {
                    yield return Emit(lineStart, part == 0 ? lineNumber - 1 : lineNumber);
                }

                Apply(kind);
                if (part == 0)
                {
                    Envelope.AddIssue(lineNumber, InlineHeaderNote(rest[0]), Hl7EnvelopeIssueKind.JoinedLines);
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rest);
        }
    }

    private int FillAndSkipBom()
    {
        int length = 0;
        while (length < 3)
        {
            int read = stream.Read(readBuffer, length, ReadBufferSize - length);
            if (read == 0)
            {
                break;
            }

            length += read;
        }

        if (length >= 3 && readBuffer[0] == 0xEF && readBuffer[1] == 0xBB && readBuffer[2] == 0xBF)
        {
            Buffer.BlockCopy(readBuffer, 3, readBuffer, 0, length - 3);
            length -= 3;
            if (length == 0)
            {
                length = stream.Read(readBuffer, 0, ReadBufferSize);
            }
        }

        return length;
    }

    private void StartLine()
    {
        lineStarted = true;
        lineNumber++;
        lineStart = messageLength;
        lineHeadLength = 0;
        lineTruncated = false;
    }

    private void TakeLineHead(ReadOnlySpan<byte> content)
    {
        foreach (byte b in content)
        {
            if (lineHeadLength == LineHeadSize)
            {
                return;
            }

            if (lineHeadLength == 0 && Hl7LineStart.IsPadding(b))
            {
                continue;
            }

            lineHead[lineHeadLength++] = b;
        }
    }

    private void Append(ReadOnlySpan<byte> bytes, bool countsForLine)
    {
        // A line may be as long as a message; the message it belongs to is checked at its end
        // (Apply), so a line that starts the next message always fits whole after a full one.
        int room = lineStart + options.MaxMessageBytes - messageLength;
        if (countsForLine && bytes.Length > room)
        {
            lineTruncated = true;
            bytes = bytes[..Math.Max(room, 0)];
        }

        if (messageLength + bytes.Length > messageBytes.Length)
        {
            // At most a message and a line (each up to the limit) and their line ends.
            var bigger = ArrayPool<byte>.Shared.Rent(Math.Max(messageBytes.Length * 2, messageLength + bytes.Length));
            messageBytes.AsSpan(0, messageLength).CopyTo(bigger);
            ArrayPool<byte>.Shared.Return(messageBytes);
            messageBytes = bigger;
        }

        bytes.CopyTo(messageBytes.AsSpan(messageLength));
        messageLength += bytes.Length;
    }

    private LineKind Classify()
    {
        var head = lineHead.AsSpan(0, lineHeadLength);
        if (head.IsEmpty)
        {
            return LineKind.Blank;
        }

        if (head.Contains((byte)0) && head.IndexOfAnyExcept(Hl7LineStart.NulPadding) < 0)
        {
            NoteNulPadding(lineNumber);
            return LineKind.Blank; // the NUL padding a file ends with (before any other byte the file is not text)
        }

        if (head.Length >= 3 && (head.Length == 3 || !Hl7LineStart.IsIdCharacter(head[3])))
        {
            var id = head[..3];
            if (Hl7LineStart.IsMsh(id[0], id[1], id[2]))
            {
                return LineKind.Msh;
            }

            if (id.SequenceEqual("FHS"u8) || id.SequenceEqual("BHS"u8) || id.SequenceEqual("BTS"u8) || id.SequenceEqual("FTS"u8))
            {
                return LineKind.Envelope;
            }
        }

        return LineKind.Other;
    }

    private static bool IsUpperIdCharacter(byte b) => (b >= (byte)'A' && b <= (byte)'Z') || (b >= (byte)'0' && b <= (byte)'9');

    private void Apply(LineKind kind)
    {
        switch (kind)
        {
            case LineKind.Msh:
                StartMessage();
                break;
            case LineKind.Envelope:
                TakeEnvelopeLine();
                messageLength = 0;
                hasMessage = false;
                break;
            case LineKind.Blank when !hasMessage:
                messageLength = lineStart;
                break;
            case LineKind.Other when !hasMessage:
                ReportOrphanLine();
                messageLength = lineStart;
                break;
            default:
                if (lineTruncated || overflow || messageLength > options.MaxMessageBytes)
                {
                    // Too big to read: only the start of its header is kept, for its ACK.
                    overflow = true;
                    firstLineLength = Math.Min(firstLineLength, KeptOfOversizedHeader);
                    messageLength = firstLineLength;
                }

                break;
        }
    }

    private void StartMessage()
    {
        int size = messageLength - lineStart;
        messageBytes.AsSpan(lineStart, size).CopyTo(messageBytes);
        lineStart = 0;
        overflow = lineTruncated;
        firstLineLength = overflow ? Math.Min(size, KeptOfOversizedHeader) : size;
        messageLength = firstLineLength;
        hasMessage = true;
        messageFirstLine = lineNumber;
        Envelope.MessagesRead++;
        var batch = Envelope.OpenBatch;
        if (batch is null)
        {
            if (Envelope.MessagesOutsideBatches++ == 0)
            {
                firstOutsideLine = lineNumber;
            }

            messageBatch = 0;
        }
        else
        {
            batch.MessagesRead++;
            messageBatch = batch.Number;
        }
    }

    private Hl7BatchItem Emit(int length, int lastLine, bool atEnd = false, bool cutShort = false)
    {
        lease.Advance();
        messageNumber++;
        var bytes = messageBytes.AsSpan(0, atEnd ? WithoutNulPadding(length, lastLine) : length);
        length = bytes.Length;
        if (chars.Length < length)
        {
            ArrayPool<char>.Shared.Return(chars);
            chars = ArrayPool<char>.Shared.Rent(length);
        }

        int written = Hl7TextDecoder.Decode(bytes, chars, out _);
        var text = chars.AsMemory(0, written);
        if (overflow)
        {
            var reason = string.Create(CultureInfo.InvariantCulture, $"the message is larger than {options.MaxMessageBytes / 1024} KB and was not read; split it or check that its segments end with a line break");
            return Failure(new Hl7ParseError(reason, messageFirstLine));
        }

        if (bytes.Contains((byte)0))
        {
            return Failure(new Hl7ParseError("the message contains NUL bytes; it is not text", messageFirstLine));
        }

        if (cutShort)
        {
            return Failure(new Hl7ParseError("the file ends inside this message, with no line break after its last segment and no BTS/FTS trailer after the FHS/BHS: the file looks cut short (an upload or export that stopped part-way), so the message may be incomplete", lastLine, CutShort: true));
        }

        var result = Hl7Message.Parse(text, messageFirstLine, parseBuffers, lease);
        if (!result.Succeeded)
        {
            return Failure(result.Error);
        }

        return new Hl7BatchItem(messageNumber, messageFirstLine, lastLine, messageBatch, text, lease, result.Message, null);

        Hl7BatchItem Failure(Hl7ParseError error) =>
            new(messageNumber, messageFirstLine, lastLine, messageBatch, text, lease, null, error);
    }

    /// <summary>
    /// The length of the file's last message's bytes without NUL bytes (and white space among
    /// them) at their end: the padding a file may end with, noted once for the report. NULs followed by anything
    /// else are kept, and the message fails as not text.
    /// </summary>
    private int WithoutNulPadding(int length, int line)
    {
        var bytes = messageBytes.AsSpan(0, length);
        int tail = bytes.LastIndexOfAnyExcept(Hl7LineStart.NulPadding) + 1;
        int nul = bytes[tail..].IndexOf((byte)0);
        if (nul < 0)
        {
            return length;
        }

        NoteNulPadding(line);
        return tail + nul;
    }

    private void NoteNulPadding(int line)
    {
        if (!nulPaddingNoted)
        {
            nulPaddingNoted = true;
            Envelope.AddIssue(line, "the file ends with NUL bytes (padding left by the sending system or the transfer); they were ignored", Hl7EnvelopeIssueKind.NulPadding);
        }
    }

    private void TakeEnvelopeLine()
    {
        var content = messageBytes.AsSpan(lineStart, lineContentEnd - lineStart);
        // The id is the one the line was classified by; the text starts there, whatever padding
        // came before it (a scrambled BOM read as Windows-1252 is three letters, not padding).
        var id = System.Text.Encoding.ASCII.GetString(lineHead, 0, 3);
        var text = Hl7TextDecoder.Decode(content).TrimEnd(EnvelopePadding);
        if (text.EndsWith('\0'))
        {
            NoteNulPadding(lineNumber);
            text = text.TrimEnd(EnvelopeNulPadding);
        }

        text = text[Math.Max(text.IndexOf(id, StringComparison.Ordinal), 0)..];
        var segment = new Hl7EnvelopeSegment(id, lineNumber, text);
        switch (segment.Id)
        {
            case "FHS":
                if (Envelope.FileHeader is not null)
                {
                    Envelope.AddIssue(lineNumber, "a second FHS file header was found; only the first is used");
                    fileHeaderAfterTrailer |= Envelope.FileTrailer is not null;
                }
                else
                {
                    if (Envelope.MessagesRead > 0 || Envelope.Batches.Count > 0)
                    {
                        Envelope.AddIssue(lineNumber, "the FHS file header should be the first line of the file");
                    }

                    Envelope.FileHeader = segment;
                }

                break;
            case "BHS":
                if (Envelope.OpenBatch is { } open)
                {
                    Envelope.AddIssue(lineNumber, string.Create(CultureInfo.InvariantCulture, $"a BHS starts batch {open.Number + 1} before batch {open.Number} was closed by a BTS"));
                }

                if (Envelope.FileTrailer is not null && !fileHeaderAfterTrailer)
                {
                    Envelope.AddIssue(lineNumber, string.Create(CultureInfo.InvariantCulture, $"a BHS starts batch {Envelope.Batches.Count + 1} after the FTS file trailer, which should end the file"));
                }

                Envelope.StartBatch(segment);
                break;
            case "BTS":
                if (Envelope.OpenBatch is { } batch)
                {
                    batch.Trailer = segment;
                }
                else
                {
                    Envelope.AddIssue(lineNumber, "a BTS batch trailer was found without a BHS batch header before it");
                }

                break;
            default:
                if (Envelope.FileTrailer is not null)
                {
                    Envelope.AddIssue(lineNumber, "a second FTS file trailer was found; only the first is used");
                }
                else
                {
                    Envelope.FileTrailer = segment;
                    Envelope.BatchesBeforeFileTrailer = Envelope.Batches.Count;
                }

                break;
        }
    }

    private void ReportOrphanLine()
    {
        // Name the segment id only: the line may hold patient data, which never goes into a report.
        var head = lineHead.AsSpan(0, Math.Min(lineHeadLength, 3));
        bool looksLikeSegment = head.Length == 3 && head[0] is >= (byte)'A' and <= (byte)'Z' && IsUpperIdCharacter(head[1]) && IsUpperIdCharacter(head[2]);
        var what = looksLikeSegment ? $"a {System.Text.Encoding.ASCII.GetString(head)} segment" : "text";
        var where = Envelope.FileTrailer is not null ? "after the FTS file trailer"
            : Envelope.MessagesRead == 0 ? "before the first MSH" : "outside any message";
        Envelope.AddIssue(lineNumber, $"{what} {where} belongs to no message and was ignored");
    }

    private void CheckEnvelopeEnd()
    {
        if (Envelope.Batches.Count > 0 && Envelope.MessagesOutsideBatches > 0)
        {
            Envelope.AddIssue(firstOutsideLine, string.Create(CultureInfo.InvariantCulture, $"{Envelope.MessagesOutsideBatches} message(s) stand outside the file's BHS…BTS batches, the first on this line; they were read and processed all the same"));
        }

        if (Envelope.OpenBatch is { } open)
        {
            Envelope.AddIssue(lineNumber, string.Create(CultureInfo.InvariantCulture, $"batch {open.Number} (BHS on line {open.Header.Line}) has no BTS batch trailer"));
        }

        if (Envelope.FileHeader is not null && Envelope.FileTrailer is null)
        {
            Envelope.AddIssue(lineNumber, "the file has an FHS header but no FTS trailer");
        }
    }

    public void Dispose()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        lease.Advance();
        ArrayPool<byte>.Shared.Return(readBuffer);
        ArrayPool<byte>.Shared.Return(messageBytes);
        ArrayPool<char>.Shared.Return(chars);
        readBuffer = [];
        messageBytes = [];
        chars = [];
    }

    private enum LineKind
    {
        Blank,
        Msh,
        Envelope,
        Other,
    }
}
