using System.Globalization;
using Registry.Ingest.Hl7;

namespace Registry.Ingest.Tests.Support;

/// <summary>
/// An ER7 message as a list of segment lines, changed one field or one segment at a time. Immutable:
/// every change returns a new builder, so one valid message can seed many test cases.
/// Positions read like the IG: <c>PID-7</c>, <c>PID-3.5</c> (component), <c>RXA[2]-5</c> (2nd RXA).
/// Values are raw ER7 text: the caller writes <c>^</c> and escapes as they should appear on the wire.
/// </summary>
internal sealed class VxuBuilder
{
    private readonly IReadOnlyList<string> segments;

    public VxuBuilder(IEnumerable<string> segments)
    {
        this.segments = [.. segments];
    }

    public IReadOnlyList<string> Segments => segments;

    /// <summary>Sets a field, or one component of its first repetition, padding with empty ones as needed.</summary>
    public VxuBuilder With(string position, string value)
    {
        var (segmentSpec, field, component) = SplitPosition(position);
        int index = IndexOf(segmentSpec);
        var pieces = segments[index].Split('|').ToList();

        // MSH-1 is the separator itself, so MSH-n is piece n-1 of the split line.
        int piece = pieces[0] == "MSH" ? field - 1 : field;
        while (pieces.Count <= piece)
        {
            pieces.Add(string.Empty);
        }

        if (component == 0)
        {
            pieces[piece] = value;
        }
        else
        {
            var components = pieces[piece].Split('~')[0].Split('^').ToList();
            while (components.Count < component)
            {
                components.Add(string.Empty);
            }

            components[component - 1] = value;
            pieces[piece] = string.Join('^', components);
        }

        return Replace(index, string.Join('|', pieces));
    }

    /// <summary>Removes every segment with this id (<c>PD1</c>), or one occurrence (<c>OBX[5]</c>).</summary>
    public VxuBuilder Without(string segment)
    {
        if (segment.Contains('[', StringComparison.Ordinal))
        {
            int index = IndexOf(segment);
            return new VxuBuilder(segments.Where((_, i) => i != index));
        }

        var left = segments.Where(s => !IsSegment(s, segment)).ToList();
        if (left.Count == segments.Count)
        {
            throw new ArgumentException($"The message has no {segment} segment.", nameof(segment));
        }

        return new VxuBuilder(left);
    }

    /// <summary>Replaces the whole line of a segment (<c>PID</c>, <c>RXA[2]</c>).</summary>
    public VxuBuilder Replace(string segment, string line) => Replace(IndexOf(segment), line);

    public VxuBuilder InsertBefore(string segment, string line) => Insert(IndexOf(segment), line);

    public VxuBuilder InsertAfter(string segment, string line) => Insert(IndexOf(segment) + 1, line);

    public VxuBuilder Append(params string[] lines) => new(segments.Concat(lines));

    /// <summary>The line of a segment, e.g. to duplicate or move it.</summary>
    public string Segment(string segment) => segments[IndexOf(segment)];

    /// <summary>The 1-based line a segment is on when the message starts the text.</summary>
    public int LineOf(string segment) => IndexOf(segment) + 1;

    /// <summary>Segments joined by CR, the standard terminator, with a final CR.</summary>
    public string Text => string.Join('\r', segments) + "\r";

    public Hl7Message Parse()
    {
        var result = Hl7Message.Parse(Text);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"The test message does not parse: {result.Error.Reason}");
        }

        return result.Message;
    }

    public override string ToString() => string.Join('\n', segments);

    private VxuBuilder Insert(int index, string line)
    {
        var list = segments.ToList();
        list.Insert(index, line);
        return new VxuBuilder(list);
    }

    private VxuBuilder Replace(int index, string line)
    {
        var list = segments.ToList();
        list[index] = line;
        return new VxuBuilder(list);
    }

    private int IndexOf(string spec)
    {
        string id = spec;
        int occurrence = 1;
        int bracket = spec.IndexOf('[', StringComparison.Ordinal);
        if (bracket >= 0)
        {
            id = spec[..bracket];
            occurrence = int.Parse(spec.AsSpan(bracket + 1, spec.Length - bracket - 2), CultureInfo.InvariantCulture);
        }

        int seen = 0;
        for (int i = 0; i < segments.Count; i++)
        {
            if (IsSegment(segments[i], id) && ++seen == occurrence)
            {
                return i;
            }
        }

        throw new ArgumentException($"The message has no {id} segment number {occurrence}.", nameof(spec));
    }

    private static bool IsSegment(string line, string id) =>
        line.StartsWith(id, StringComparison.Ordinal) && (line.Length == id.Length || line[id.Length] == '|');

    private static (string Segment, int Field, int Component) SplitPosition(string position)
    {
        int dash = position.IndexOf('-', StringComparison.Ordinal);
        if (dash < 0)
        {
            throw new ArgumentException($"'{position}' is not a position like PID-7 or RXA[2]-5.1.", nameof(position));
        }

        var rest = position[(dash + 1)..];
        int dot = rest.IndexOf('.', StringComparison.Ordinal);
        int field = int.Parse(dot < 0 ? rest : rest[..dot], CultureInfo.InvariantCulture);
        int component = dot < 0 ? 0 : int.Parse(rest[(dot + 1)..], CultureInfo.InvariantCulture);
        return (position[..dash], field, component);
    }
}
