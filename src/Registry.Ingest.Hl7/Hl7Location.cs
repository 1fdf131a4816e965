using System.Globalization;

namespace Registry.Ingest.Hl7;

/// <summary>
/// Where a value sits: segment id and its occurrence within the message (1-based), field,
/// repetition, component, sub-component (0 when the location is coarser than that level), and the
/// line of the file the segment is on (0 when unknown).
/// </summary>
public readonly record struct Hl7Location(
    string SegmentId,
    int SegmentSequence,
    int Field = 0,
    int Repetition = 0,
    int Component = 0,
    int SubComponent = 0,
    int Line = 0)
{
    /// <summary>The same place one level up or down, e.g. a field's first component.</summary>
    public Hl7Location WithComponent(int component) => this with { Repetition = Math.Max(Repetition, 1), Component = component };

    /// <summary>
    /// The numbers of ERR-2 (ERL) after the segment id: sequence, then, when a field is named,
    /// field and repetition (1 at least), then component (1 at least) and sub-component when named.
    /// Returns how many were written (at most 5).
    /// </summary>
    public int ErlNumbers(Span<int> numbers)
    {
        numbers[0] = SegmentSequence;
        int count = 1;
        if (Field > 0)
        {
            numbers[count++] = Field;
            numbers[count++] = Math.Max(Repetition, 1);
            if (Component > 0 || SubComponent > 0)
            {
                numbers[count++] = Math.Max(Component, 1);
                if (SubComponent > 0)
                {
                    numbers[count++] = SubComponent;
                }
            }
        }

        return count;
    }

    /// <summary>ERR-2 as an ACK writes it: <c>SEG^seq^field^rep^comp^sub</c>, trailing parts left out.</summary>
    public string ToErl(char componentSeparator = '^')
    {
        Span<int> numbers = stackalloc int[5];
        int count = ErlNumbers(numbers);
        var text = new System.Text.StringBuilder(SegmentId);
        for (int i = 0; i < count; i++)
        {
            text.Append(componentSeparator);
            if (numbers[i] > 0)
            {
                text.Append(numbers[i].ToString(CultureInfo.InvariantCulture));
            }
        }

        return text.ToString().TrimEnd(componentSeparator);
    }

    /// <summary>Human form, as in the report: <c>PID-7</c>, <c>PID-3.4</c>, <c>RXA-5</c>, <c>PID-11[2].1</c>.</summary>
    public override string ToString()
    {
        if (Field == 0)
        {
            return SegmentId;
        }

        var text = string.Create(CultureInfo.InvariantCulture, $"{SegmentId}-{Field}");
        if (Repetition > 1)
        {
            text += string.Create(CultureInfo.InvariantCulture, $"[{Repetition}]");
        }

        if (Component > 1 || SubComponent > 0)
        {
            text += string.Create(CultureInfo.InvariantCulture, $".{Math.Max(Component, 1)}");
        }

        if (SubComponent > 1)
        {
            text += string.Create(CultureInfo.InvariantCulture, $".{SubComponent}");
        }

        return text;
    }
}
