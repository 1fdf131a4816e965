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
    public string Field(int number)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(number, 1);
        bool header = Id is "FHS" or "BHS";
        if (header && number == 1)
        {
            return delimiters.Field.ToString();
        }

        var value = Hl7LineFields.Piece(Text, delimiters.Field, header ? number - 1 : number);
        return header && number == 2 ? new string(value) : Hl7LineFields.Value(value, delimiters);
    }

    /// <summary>The count in BTS-1 or FTS-1, or null when absent or not a number.</summary>
    public int? DeclaredCount =>
        int.TryParse(Field(1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int count) ? count : null;
}
