namespace Registry.Ingest.Hl7;

/// <summary>A batch-envelope segment (FHS, BHS, BTS or FTS) as read from its line.</summary>
public sealed class Hl7EnvelopeSegment
{
    private readonly Hl7Delimiters delimiters;

    internal Hl7EnvelopeSegment(string id, int line, string text)
    {
        Id = id;
        Line = line;
        Text = text;
        if (!Hl7Delimiters.TryRead(text, out delimiters, out _))
        {
            delimiters = Hl7Delimiters.Default with { Field = text.Length > 3 ? text[3] : '|' };
        }
    }

    public string Id { get; }

    public int Line { get; }

    public string Text { get; }

    /// <summary>Decoded field value (first component); FHS and BHS count fields like MSH.</summary>
    public string Field(int number) => Component(number, 1);

    /// <summary>An application or facility field (FHS-3 to FHS-6, BHS-3 to BHS-6) with all three of its components.</summary>
    public Hl7HierarchicDesignator Designator(int number) =>
        Hl7HierarchicDesignator.Of(Component(number, 1), Component(number, 2), Component(number, 3));

    /// <summary>Decoded component of a field; FHS-1 and FHS-2 (BHS too) are the delimiters themselves.</summary>
    public string Component(int number, int component)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(number, 1);
        bool header = Id is "FHS" or "BHS";
        if (header && number == 1)
        {
            return component == 1 ? delimiters.Field.ToString() : string.Empty;
        }

        var value = Hl7LineFields.Piece(Text, delimiters.Field, header ? number - 1 : number);
        if (header && number == 2)
        {
            return component == 1 ? new string(value) : string.Empty;
        }

        return Hl7LineFields.Value(value, delimiters, component);
    }

    /// <summary>The count in BTS-1 or FTS-1, or null when absent or not a number.</summary>
    public int? DeclaredCount =>
        int.TryParse(Field(1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int count) ? count : null;

    /// <summary>BTS-1 or FTS-1 holds something, but not a count (<c>BTS|two</c>): not the same as none given.</summary>
    public bool CountIsNotANumber => DeclaredCount is null && Field(1).Trim().Length > 0;
}
