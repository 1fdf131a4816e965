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

    private Hl7Message(ReadOnlyMemory<char> text, Hl7SegmentEntry[] segments, int segmentCount, int[] separators, Hl7Delimiters delimiters, int firstLine, Hl7BufferLease? lease)
    {
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
        return new Hl7Message(text.ToArray(), copy, SegmentCount, separatorCopy, Delimiters, FirstLine, null);
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
                    return Hl7ParseResult.Failure(new Hl7ParseError(DescribeBadLine(segment, delimiters.Field), line));
                }

                var id = Hl7SegmentIds.Intern(segment[..3]);
                int sequence = NextSequence(entries, count, id, ref sequences);
                int firstSeparator = separatorCount;
                int offset = 0;
                int next;
                while ((next = segment[offset..].IndexOf(delimiters.Field)) >= 0)
                {
                    offset += next;
                    separators[separatorCount++] = offset;
                    offset++;
                }

                entries[count++] = new Hl7SegmentEntry(id, position + lead, segment.Length, line, sequence, firstSeparator, separatorCount - firstSeparator);
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

        return Hl7ParseResult.Success(new Hl7Message(memory, entries, count, separators, delimiters, headerLine, lease));
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

    // The text of the line is not quoted: it may hold patient data, and reasons end up in reports.
    private static string DescribeBadLine(ReadOnlySpan<char> line, char fieldSeparator)
    {
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
