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
            int separators = message.Entry(Index).SeparatorCount;
            return IsHeader ? separators + 1 : separators;
        }
    }

    public Hl7Location Location => new(Id, Sequence, Line: Line);

    /// <summary>Field <paramref name="number"/> (1-based, as in PID-7). Missing fields are empty.</summary>
    public Hl7Element Field(int number)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(number, 1);
        ref readonly var entry = ref message.Entry(Index);
        bool header = IsHeader;
        if (header && number == 1)
        {
            return new Hl7Element(message, Index, entry.Start + 3, entry.Length > 3 ? 1 : 0, number, Hl7ElementLevel.Literal);
        }

        // Piece k of the segment lies between separator k-1 and separator k (or the end).
        int piece = header ? number - 1 : number;
        if (piece > entry.SeparatorCount)
        {
            return new Hl7Element(message, Index, entry.Start + entry.Length, 0, number, Hl7ElementLevel.Field);
        }

        int start = message.Separator(entry.FirstSeparator + piece - 1) + 1;
        int end = piece < entry.SeparatorCount ? message.Separator(entry.FirstSeparator + piece) : entry.Length;
        var level = header && number == 2 ? Hl7ElementLevel.Literal : Hl7ElementLevel.Field;
        return new Hl7Element(message, Index, entry.Start + start, end - start, number, level);
    }

    /// <summary>The first component of field <paramref name="number"/>, which is how most values are read.</summary>
    public Hl7Element this[int number] => Field(number);

    public override string ToString() => Exists ? new string(Raw) : string.Empty;
}
