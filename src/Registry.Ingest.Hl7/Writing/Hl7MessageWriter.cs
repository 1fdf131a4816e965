using System.Globalization;
using System.Text;

namespace Registry.Ingest.Hl7;

/// <summary>
/// Writes ER7 segments into a reusable <see cref="StringBuilder"/>. The writer is a cursor: move to
/// a field, repetition, component or sub-component and write a value there. Separators are held
/// back until a value follows them, so trailing empty parts are never written while leading empty
/// ones are. Values are escaped; numbers and timestamps are formatted without allocating.
/// Not thread-safe: use one writer per output.
/// </summary>
internal sealed class Hl7MessageWriter
{
    private readonly string segmentTerminator;
    private bool inSegment;
    private bool inField;
    private int field;
    private int component;
    private int subComponent;
    private int pendingFields;
    private int pendingRepetitions;
    private int pendingComponents;
    private int pendingSubComponents;

    public Hl7MessageWriter(StringBuilder output, string segmentTerminator = "\r")
    {
        ArgumentException.ThrowIfNullOrEmpty(segmentTerminator);
        Output = output;
        this.segmentTerminator = segmentTerminator;
    }

    /// <summary>We always write the standard delimiters <c>|^~\&amp;</c>.</summary>
    public static Hl7Delimiters Delimiters => Hl7Delimiters.Default;

    public StringBuilder Output { get; }

    /// <summary>Starts a segment. MSH, FHS and BHS get MSH-1 and MSH-2 written at once.</summary>
    public Hl7MessageWriter BeginSegment(string id)
    {
        if (inSegment)
        {
            throw new InvalidOperationException("End the current segment before beginning another.");
        }

        if (!Hl7SegmentIds.IsValid(id))
        {
            throw new ArgumentException($"'{id}' is not a segment id.", nameof(id));
        }

        inSegment = true;
        inField = false;
        Output.Append(id);
        field = 0;
        if (id is "MSH" or "FHS" or "BHS")
        {
            // Not Delimiters.EncodingCharacters, which allocates a string on every call.
            var d = Delimiters;
            Output.Append(d.Field).Append(d.Component).Append(d.Repetition).Append(d.Escape).Append(d.SubComponent);
            field = 2;
        }

        component = subComponent = 1;
        pendingFields = pendingRepetitions = pendingComponents = pendingSubComponents = 0;
        return this;
    }

    public Hl7MessageWriter EndSegment()
    {
        EnsureInSegment();
        Output.Append(segmentTerminator);
        inSegment = inField = false;
        return this;
    }

    /// <summary>Forgets an unfinished segment, e.g. after an exception; the output is the caller's to clear.</summary>
    public void Reset() => inSegment = inField = false;

    /// <summary>Moves to field <paramref name="number"/> (as in MSH-10 or PID-7), which must lie ahead.</summary>
    public Hl7MessageWriter Field(int number)
    {
        EnsureInSegment();
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(number, field);
        pendingFields += number - field;
        pendingRepetitions = pendingComponents = pendingSubComponents = 0;
        inField = true;
        field = number;
        component = subComponent = 1;
        return this;
    }

    public Hl7MessageWriter Field(int number, ReadOnlySpan<char> value) => Field(number).Value(value);

    /// <summary>Moves to the next repetition of the current field.</summary>
    public Hl7MessageWriter Repetition()
    {
        EnsureInField();
        pendingRepetitions++;
        pendingComponents = pendingSubComponents = 0;
        component = subComponent = 1;
        return this;
    }

    /// <summary>Moves to component <paramref name="number"/> of the current repetition; not backwards.</summary>
    public Hl7MessageWriter Component(int number)
    {
        EnsureInField();
        ArgumentOutOfRangeException.ThrowIfLessThan(number, component);
        if (number > component)
        {
            pendingComponents += number - component;
            pendingSubComponents = 0;
            component = number;
            subComponent = 1;
        }

        return this;
    }

    public Hl7MessageWriter Component(int number, ReadOnlySpan<char> value) => Component(number).Value(value);

    /// <summary>Moves to sub-component <paramref name="number"/> of the current component; not backwards.</summary>
    public Hl7MessageWriter SubComponent(int number)
    {
        EnsureInField();
        ArgumentOutOfRangeException.ThrowIfLessThan(number, subComponent);
        pendingSubComponents += number - subComponent;
        subComponent = number;
        return this;
    }

    public Hl7MessageWriter SubComponent(int number, ReadOnlySpan<char> value) => SubComponent(number).Value(value);

    /// <summary>Appends an escaped value at the current position; an empty value writes nothing.</summary>
    public Hl7MessageWriter Value(ReadOnlySpan<char> value)
    {
        if (!value.IsEmpty)
        {
            WritePendingSeparators();
            Hl7Escaping.Encode(value, Delimiters, Output);
        }

        return this;
    }

    public Hl7MessageWriter Value(int value)
    {
        Span<char> digits = stackalloc char[11];
        value.TryFormat(digits, out int length, provider: CultureInfo.InvariantCulture);
        return Literal(digits[..length]);
    }

    /// <summary>An HL7 DTM to the second with its offset, e.g. <c>20240131142500-0600</c>.</summary>
    public Hl7MessageWriter Value(DateTimeOffset timestamp)
    {
        Span<char> text = stackalloc char[19];
        timestamp.TryFormat(text, out int length, "yyyyMMddHHmmss", CultureInfo.InvariantCulture);
        var offset = timestamp.Offset;
        text[length++] = offset < TimeSpan.Zero ? '-' : '+';
        offset = offset.Duration();
        offset.TryFormat(text[length..], out int written, "hhmm", CultureInfo.InvariantCulture);
        return Literal(text[..(length + written)]);
    }

    /// <summary>A value already written in these delimiters (a field echoed as it was sent), appended as is.</summary>
    public Hl7MessageWriter AsSent(ReadOnlySpan<char> text) => Literal(text);

    /// <summary>Text known to hold no delimiter (digits, our own codes), appended as is.</summary>
    private Hl7MessageWriter Literal(ReadOnlySpan<char> text)
    {
        WritePendingSeparators();
        Output.Append(text);
        return this;
    }

    private void WritePendingSeparators()
    {
        EnsureInField();
        var d = Delimiters;
        Output.Append(d.Field, pendingFields)
            .Append(d.Repetition, pendingRepetitions)
            .Append(d.Component, pendingComponents)
            .Append(d.SubComponent, pendingSubComponents);
        pendingFields = pendingRepetitions = pendingComponents = pendingSubComponents = 0;
    }

    private void EnsureInSegment()
    {
        if (!inSegment)
        {
            throw new InvalidOperationException("Begin a segment first.");
        }
    }

    private void EnsureInField()
    {
        EnsureInSegment();
        if (!inField)
        {
            throw new InvalidOperationException("Move to a field first.");
        }
    }
}
