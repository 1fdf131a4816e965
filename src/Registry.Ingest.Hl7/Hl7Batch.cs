namespace Registry.Ingest.Hl7;

/// <summary>One BHS…BTS batch of a file, and how many messages were read inside it.</summary>
public sealed class Hl7Batch
{
    internal Hl7Batch(int number, Hl7EnvelopeSegment header)
    {
        Number = number;
        Header = header;
    }

    public int Number { get; }

    public Hl7EnvelopeSegment Header { get; }

    public Hl7EnvelopeSegment? Trailer { get; internal set; }

    public int MessagesRead { get; internal set; }
}
