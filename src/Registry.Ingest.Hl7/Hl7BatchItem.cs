namespace Registry.Ingest.Hl7;

/// <summary>
/// One message of a batch file as read: parsed, or failed with a reason. Either way it has a
/// position in the file and a best-effort header, so it gets its own acknowledgement. The text and
/// message are valid until the reader moves to the next message (use <see cref="Hl7Message.Clone"/>
/// or <see cref="GetText"/> to keep them).
/// </summary>
public sealed class Hl7BatchItem
{
    private readonly ReadOnlyMemory<char> text;
    private readonly Hl7BufferLease lease;
    private readonly int generation;
    private Hl7MessageHeader? header;

    internal Hl7BatchItem(int number, int firstLine, int lastLine, int batchNumber, ReadOnlyMemory<char> text, Hl7BufferLease lease, Hl7Message? message, Hl7ParseError? error)
    {
        Number = number;
        FirstLine = firstLine;
        LastLine = lastLine;
        BatchNumber = batchNumber;
        this.text = text;
        this.lease = lease;
        generation = lease.Generation;
        Message = message;
        Error = error;
    }

    /// <summary>Position of the message in the file, from 1.</summary>
    public int Number { get; }

    /// <summary>The line its MSH is on.</summary>
    public int FirstLine { get; }

    /// <summary>The last line that belongs to it.</summary>
    public int LastLine { get; }

    /// <summary>The BHS batch it is in, from 1; 0 when outside any batch.</summary>
    public int BatchNumber { get; }

    public Hl7Message? Message { get; }

    public Hl7ParseError? Error { get; }

    /// <summary>MSH fields for the ACK: from the parsed message, or read best-effort from the first line.</summary>
    public Hl7MessageHeader Header => header ??= Message is not null ? Hl7MessageHeader.From(Message) : Hl7MessageHeader.Read(Text);

    /// <summary>The message as it stood in the file (for an oversized message, only its first line).</summary>
    public ReadOnlySpan<char> Text
    {
        get
        {
            if (lease.Generation != generation)
            {
                throw new InvalidOperationException("The batch reader has moved on to the next message; call GetText() while the item is current to keep its text.");
            }

            return text.Span;
        }
    }

    public string GetText() => new(Text);
}
