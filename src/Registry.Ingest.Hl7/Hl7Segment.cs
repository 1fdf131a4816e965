namespace Registry.Ingest.Hl7;

/// <summary>One segment of a parsed message; a light view, valid while its message is.</summary>
public readonly struct Hl7Segment
{
    private readonly Hl7Message message;

    internal Hl7Segment(Hl7Message message, int index)
    {
        this.message = message;
        Index = index;
    }

    /// <summary>False for the <c>default</c> value returned when a segment was not found.</summary>
    public bool Exists => message is not null;

    /// <summary>Position of the segment in the message, 0-based.</summary>
    public int Index { get; }

    public string Id => message.Entry(Index).Id;

    /// <summary>Occurrence of this segment id within the message, from 1 (ERR-2.2).</summary>
    public int Sequence => message.Entry(Index).Sequence;

    /// <summary>Line of the file the segment is on.</summary>
    public int Line => message.Entry(Index).Line;

    public Hl7Message Message => message;

    public ReadOnlySpan<char> Raw
    {
        get
        {
            ref readonly var entry = ref message.Entry(Index);
            return message.Slice(entry.Start, entry.Length);
        }
    }

    /// <summary>MSH, FHS and BHS number their fields from the separator itself (MSH-1).</summary>
    public bool IsHeader => Id is "MSH" or "FHS" or "BHS";

    /// <summary>Number of the last field present.</summary>
    public int FieldCount
    {
        get
        {
            var raw = Raw;
            int separators = raw.Count(message.Delimiters.Field);
            return IsHeader ? separators + 1 : separators;
        }
    }

    public Hl7Location Location => new(Id, Sequence, Line: Line);

    /// <summary>Field <paramref name="number"/> (1-based, as in PID-7). Missing fields are empty.</summary>
    public Hl7Element Field(int number)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(number, 1);
        ref readonly var entry = ref message.Entry(Index);
        var raw = message.Slice(entry.Start, entry.Length);
        char separator = message.Delimiters.Field;
        bool header = IsHeader;
        if (header && number == 1)
        {
            return new Hl7Element(message, Index, entry.Start + 3, raw.Length > 3 ? 1 : 0, number, Hl7ElementLevel.Literal);
        }

        int piece = header ? number - 1 : number;
        int offset = 3;
        for (int i = 0; i < piece; i++)
        {
            if (offset >= raw.Length)
            {
                return new Hl7Element(message, Index, entry.Start + raw.Length, 0, number, Hl7ElementLevel.Field);
            }

            // Skip the separator in front of the wanted piece.
            offset++;
            if (i < piece - 1)
            {
                int next = raw[offset..].IndexOf(separator);
                if (next < 0)
                {
                    return new Hl7Element(message, Index, entry.Start + raw.Length, 0, number, Hl7ElementLevel.Field);
                }

                offset += next;
            }
        }

        if (offset > raw.Length)
        {
            return new Hl7Element(message, Index, entry.Start + raw.Length, 0, number, Hl7ElementLevel.Field);
        }

        int length = raw[offset..].IndexOf(separator);
        if (length < 0)
        {
            length = raw.Length - offset;
        }

        var level = header && number == 2 ? Hl7ElementLevel.Literal : Hl7ElementLevel.Field;
        return new Hl7Element(message, Index, entry.Start + offset, length, number, level);
    }

    /// <summary>The first component of field <paramref name="number"/>, which is how most values are read.</summary>
    public Hl7Element this[int number] => Field(number);

    public override string ToString() => Exists ? new string(Raw) : string.Empty;
}
