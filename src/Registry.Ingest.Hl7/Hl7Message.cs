using System.Buffers;
using System.Globalization;

namespace Registry.Ingest.Hl7;

/// <summary>
/// One parsed ER7 message: its text, delimiters and a table of segments. Fields, repetitions,
/// components and sub-components are found on demand as spans of the text, so reading a value
/// allocates nothing until a decoded string is asked for.
/// </summary>
public sealed class Hl7Message
{
    private static readonly SearchValues<char> Terminators = SearchValues.Create("\r\n\f");

    private readonly ReadOnlyMemory<char> text;
    private readonly Hl7SegmentEntry[] segments;
    private readonly int[] separators;
    private readonly Hl7BufferLease? lease;
    private readonly int generation;

    // The line breaks inside the segment LineOf was last asked about, as offsets in it.
    private (int Segment, int[] Breaks)? breaksIn;

    private Hl7Message(ReadOnlyMemory<char> text, Hl7SegmentEntry[] segments, int segmentCount, int[] separators, Hl7Delimiters delimiters, int firstLine, Hl7BufferLease? lease, IReadOnlyList<int>? continuedLines = null)
    {
        ContinuedLines = continuedLines ?? [];
        HasContinuedLines = ContinuedLines.Count > 0;
        this.text = text;
        this.segments = segments;
        this.separators = separators;
        SegmentCount = segmentCount;
        Delimiters = delimiters;
        FirstLine = firstLine;
        this.lease = lease;
        generation = lease?.Generation ?? 0;
    }

    public Hl7Delimiters Delimiters { get; }

    /// <summary>Line of the file the message starts on (its MSH), 1-based.</summary>
    public int FirstLine { get; }

    public int SegmentCount { get; }

    /// <summary>
    /// Lines that start no segment and were read as the rest of the segment before them: a line
    /// break the sender left raw inside a value (a note, an address). In such a message a value's
    /// raw line breaks read as spaces. Empty nearly always.
    /// </summary>
    public IReadOnlyList<int> ContinuedLines { get; }

    internal bool HasContinuedLines { get; }

    /// <summary>The message exactly as it was read, terminators included.</summary>
    public ReadOnlySpan<char> Text
    {
        get
        {
            EnsureCurrent();
            return text.Span;
        }
    }

    public Hl7Segment Header => new(this, 0);

    public Hl7Segment this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(index);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, SegmentCount);
            return new Hl7Segment(this, index);
        }
    }

    /// <summary>Parses a single message. The text must start (after blank lines) with MSH.</summary>
    public static Hl7ParseResult Parse(string text, int firstLine = 1) => Parse(text.AsMemory(), firstLine);

    public static Hl7ParseResult Parse(ReadOnlyMemory<char> text, int firstLine = 1) => Parse(text, firstLine, null, null);

    /// <summary>Segments with the same id beyond this count are numbered with a dictionary, not a rescan.</summary>
    private const int LinearSequenceLimit = 32;

    /// <summary>A copy that owns its text, for keeping a message after the batch reader moves on.</summary>
    public Hl7Message Clone()
    {
        EnsureCurrent();
        var copy = new Hl7SegmentEntry[SegmentCount];
        Array.Copy(segments, copy, SegmentCount);
        ref readonly var last = ref segments[SegmentCount - 1];
        var separatorCopy = separators.AsSpan(0, last.FirstSeparator + last.SeparatorCount).ToArray();
        return new Hl7Message(text.ToArray(), copy, SegmentCount, separatorCopy, Delimiters, FirstLine, null, ContinuedLines);
    }

    /// <summary>The first segment with this id at or after <paramref name="startIndex"/>, or -1.</summary>
    public int IndexOf(string segmentId, int startIndex = 0)
    {
        for (int i = startIndex; i < SegmentCount; i++)
        {
            if (string.Equals(segments[i].Id, segmentId, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    public bool TryFind(string segmentId, out Hl7Segment segment)
    {
        int index = IndexOf(segmentId);
        segment = index < 0 ? default : new Hl7Segment(this, index);
        return index >= 0;
    }

    public override string ToString() => new(Text);

    /// <summary>Position of separator <paramref name="index"/> of the table, relative to its segment's start.</summary>
    internal int Separator(int index) => separators[index];

    internal ref readonly Hl7SegmentEntry Entry(int index) => ref segments[index];

    internal ReadOnlySpan<char> Slice(int start, int length)
    {
        EnsureCurrent();
        return text.Span.Slice(start, length);
    }

    internal static Hl7ParseResult Parse(ReadOnlyMemory<char> memory, int firstLine, Hl7ParseBuffers? buffers, Hl7BufferLease? lease)
    {
        var span = memory.Span;
        int capacity = span.Count('\r') + span.Count('\n') + span.Count('\f') + 1;
        var entries = buffers is not null && buffers.Segments.Length >= capacity ? buffers.Segments : new Hl7SegmentEntry[capacity];
        int[] separators = [];
        int separatorCount = 0;
        Dictionary<string, int>? sequences = null;
        List<int>? continued = null;

        int count = 0;
        int line = firstLine;
        int position = 0;
        Hl7Delimiters delimiters = default;
        int headerLine = firstLine;
        while (position <= span.Length)
        {
            var rest = span[position..];
            int end = rest.IndexOfAny(Terminators);
            int lineLength = end < 0 ? rest.Length : end;
            var raw = rest[..lineLength];

            // Leading and trailing white space around a segment is tolerated (editors and EHR
            // exports add it); it never belongs to a value.
            int lead = raw.Length - raw.TrimStart(Hl7LineStart.LeadingPadding).Length;
            var segment = raw[lead..].TrimEnd(Hl7LineStart.Padding);
            if (!segment.IsEmpty)
            {
                if (count == 0)
                {
                    if (segment.StartsWith("MSH", StringComparison.OrdinalIgnoreCase) && !segment.StartsWith("MSH", StringComparison.Ordinal))
                    {
                        return Hl7ParseResult.Failure(new Hl7ParseError($"its header segment id is written '{segment[..3]}'; segment ids are upper case (MSH)", line));
                    }

                    if (!segment.StartsWith("MSH", StringComparison.Ordinal))
                    {
                        return Hl7ParseResult.Failure(new Hl7ParseError("the message does not start with an MSH segment", line));
                    }

                    if (!Hl7Delimiters.TryRead(segment, out delimiters, out var error))
                    {
                        return Hl7ParseResult.Failure(new Hl7ParseError(error!, line));
                    }

                    headerLine = line;
                    int needed = span.Count(delimiters.Field);
                    separators = buffers is not null && buffers.Separators.Length >= needed ? buffers.Separators : new int[needed];
                }
                else if (segment.Length >= 3 && segment.StartsWith("MSH", StringComparison.Ordinal))
                {
                    return Hl7ParseResult.Failure(new Hl7ParseError("a second MSH segment starts inside the message", line));
                }

                if (!IsSegment(segment, delimiters.Field))
                {
                    // The header is never continued: its control id, type and version must be read as sent.
                    if (count == 1 || LooksLikeSegment(segment, delimiters.Field))
                    {
                        return Hl7ParseResult.Failure(new Hl7ParseError(DescribeBadLine(segment, delimiters.Field), line));
                    }

                    // Text that starts no segment ("Parent given VIS.", "APT 4B^^SPRINGFIELD") is
                    // the rest of the segment before it, split by a raw line break in a value.
                    Continue(ref entries[count - 1], position + lead, segment, delimiters.Field, separators, ref separatorCount);
                    (continued ??= []).Add(line);
                }
                else
                {
                    var id = Hl7SegmentIds.Intern(segment[..3]);
                    int sequence = NextSequence(entries, count, id, ref sequences);
                    int firstSeparator = separatorCount;
                    AddSeparators(segment, 0, delimiters.Field, separators, ref separatorCount);
                    entries[count++] = new Hl7SegmentEntry(id, position + lead, segment.Length, line, sequence, firstSeparator, separatorCount - firstSeparator);
                }
            }

            if (end < 0)
            {
                break;
            }

            position += end + 1;
            if (rest[end] == '\r' && end + 1 < rest.Length && rest[end + 1] == '\n')
            {
                position++;
            }

            // A form feed ends a segment but is no line break: editors, grep -n and ReadLine show
            // the text after it on the same line, and the report must name that line.
            if (rest[end] != '\f')
            {
                line++;
            }
        }

        if (count == 0)
        {
            return Hl7ParseResult.Failure(new Hl7ParseError("the message is empty", firstLine));
        }

        if (buffers is not null)
        {
            buffers.Segments = entries;
            buffers.Separators = separators;
        }

        return Hl7ParseResult.Success(new Hl7Message(memory, entries, count, separators, delimiters, headerLine, lease, continued));
    }

    private static int NextSequence(Hl7SegmentEntry[] entries, int count, string id, ref Dictionary<string, int>? sequences)
    {
        if (sequences is null && count < LinearSequenceLimit)
        {
            int sequence = 1;
            for (int k = 0; k < count; k++)
            {
                if (ReferenceEquals(entries[k].Id, id))
                {
                    sequence++;
                }
            }

            return sequence;
        }

        if (sequences is null)
        {
            sequences = new Dictionary<string, int>(StringComparer.Ordinal);
            for (int k = 0; k < count; k++)
            {
                sequences[entries[k].Id] = entries[k].Sequence;
            }
        }

        ref int last = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(sequences, id, out _);
        return ++last;
    }

    private static bool IsSegment(ReadOnlySpan<char> line, char fieldSeparator) =>
        line.Length >= 3 && Hl7SegmentIds.IsValid(line[..3]) && (line.Length == 3 || line[3] == fieldSeparator);

    /// <summary>
    /// The line of the file a position of a segment is on: the segment's own line, or a later one
    /// when the segment was continued on the lines after it. Counted as the parser counts lines
    /// (CR, LF or CRLF end a line; a form feed does not).
    /// </summary>
    internal int LineOf(int segmentIndex, int position)
    {
        ref readonly var entry = ref Entry(segmentIndex);
        // The segment's line breaks are found once: a segment continued once and asked for each of
        // its 100,000 repetitions' lines must not be read again each time (that was quadratic).
        if (breaksIn is not { } cached || cached.Segment != segmentIndex)
        {
            var raw = Slice(entry.Start, entry.Length);
            var found = new List<int>();
            for (int i = raw.IndexOfAny('\r', '\n'); i >= 0;)
            {
                if (raw[i] == '\n' || i + 1 == raw.Length || raw[i + 1] != '\n')
                {
                    found.Add(i); // a CRLF is one break, counted at its LF
                }

                int next = raw[(i + 1)..].IndexOfAny('\r', '\n');
                i = next < 0 ? -1 : i + 1 + next;
            }

            breaksIn = cached = (segmentIndex, found.ToArray());
        }

        int offset = Math.Clamp(position - entry.Start, 0, entry.Length);
        int at = Array.BinarySearch(cached.Breaks, offset);
        int line = entry.Line + (at >= 0 ? at : ~at); // the breaks before the position
        return line;
    }

    /// <summary>A value's text with each raw line break (CR, LF, CRLF or form feed) read as one space.</summary>
    internal static string LineBreaksAsSpaces(ReadOnlySpan<char> raw)
    {
        if (raw.IndexOfAny(Terminators) < 0)
        {
            return new string(raw);
        }

        var builder = new System.Text.StringBuilder(raw.Length);
        for (int i = 0; i < raw.Length; i++)
        {
            if (raw[i] == '\r' && i + 1 < raw.Length && raw[i + 1] == '\n')
            {
                i++;
            }

            builder.Append(Terminators.Contains(raw[i]) ? ' ' : raw[i]);
        }

        return builder.ToString();
    }

    /// <summary>Records where the field separators of <paramref name="line"/> are, <paramref name="shift"/> characters into its segment.</summary>
    private static void AddSeparators(ReadOnlySpan<char> line, int shift, char fieldSeparator, int[] separators, ref int separatorCount)
    {
        int offset = 0;
        int next;
        while ((next = line[offset..].IndexOf(fieldSeparator)) >= 0)
        {
            offset += next;
            separators[separatorCount++] = shift + offset;
            offset++;
        }
    }

    /// <summary>Extends <paramref name="segment"/> over a line that continues it, with the separators in that line.</summary>
    private static void Continue(ref Hl7SegmentEntry segment, int lineStart, ReadOnlySpan<char> line, char fieldSeparator, int[] separators, ref int separatorCount)
    {
        AddSeparators(line, lineStart - segment.Start, fieldSeparator, separators, ref separatorCount);
        segment = segment with { Length = lineStart + line.Length - segment.Start, SeparatorCount = separatorCount - segment.FirstSeparator };
    }

    /// <summary>
    /// A line that is meant as a segment though it is not one: three or four letters or digits and
    /// the field separator (<c>pid|1</c>, <c>PID1|2</c>), or three and then neither a letter, a
    /// digit nor a space (<c>RXR\t...</c>, <c>RXA,0,1</c>). The text of a value goes on otherwise
    /// (<c>Parent given VIS.</c>, <c>APT 4B</c>, <c>ST^FARGO^ND</c>, <c>ND|||</c>).
    /// </summary>
    private static bool LooksLikeSegment(ReadOnlySpan<char> line, char fieldSeparator)
    {
        int id = 0;
        while (id < line.Length && id < 5 && char.IsAsciiLetterOrDigit(line[id]))
        {
            id++;
        }

        return (id is 3 or 4 && id < line.Length && line[id] == fieldSeparator)
            || (id == 3 && line.Length > 3 && line[3] != ' ');
    }

    // The text of the line is not quoted: it may hold patient data, and reasons end up in reports.
    private static string DescribeBadLine(ReadOnlySpan<char> line, char fieldSeparator)
    {
        // "pid|1||…": a standard segment's (or a Z-segment's) id in the wrong case is the whole fault, and the one thing
        // to say (not of free text that happens to start "see|").
        if (line.Length > 3 && line[3] == fieldSeparator && line[..3].ContainsAnyInRange('a', 'z'))
        {
            Span<char> upper = stackalloc char[3];
            line[..3].ToUpperInvariant(upper);
            // A site's own Z-segment (zvx|) too: upper-cased, it is one.
            if (Hl7SegmentIds.IsStandard(upper) || (upper[0] == 'Z' && Hl7SegmentIds.IsValid(upper)))
            {
                return $"the line is not an HL7 segment: its id is written '{line[..3]}'; segment ids are upper case ({upper})";
            }
        }

        bool looksLikeSegment = line.Length >= 3 && Hl7SegmentIds.IsValid(line[..3]);
        return looksLikeSegment
            ? $"the line is not an HL7 segment: its id '{line[..3]}' is not followed by the field separator '{fieldSeparator}'"
            : $"the line is not an HL7 segment (a segment starts with a 3-character id such as PID followed by '{fieldSeparator}'); the segment before it may have been split across two lines";
    }

    private void EnsureCurrent()
    {
        if (lease is not null && lease.Generation != generation)
        {
            throw new InvalidOperationException("This message was read by a batch reader that has moved on to the next message; call Clone() to keep a message.");
        }
    }
}
