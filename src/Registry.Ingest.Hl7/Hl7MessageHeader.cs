namespace Registry.Ingest.Hl7;

/// <summary>
/// The MSH fields an acknowledgement needs. For a message that could not be parsed they are read
/// best-effort from its first line, so even a broken message gets an ACK addressed to its sender
/// with its control id, read the same way either way (the whole field, as sent). Processing id,
/// version and message type are codes: padding around them (fixed-width exports) is dropped, here
/// and wherever they are judged.
/// </summary>
public sealed record Hl7MessageHeader(
    string SendingApplication,
    string SendingFacility,
    string ReceivingApplication,
    string ReceivingFacility,
    string ControlId,
    string ProcessingId,
    string Version,
    string MessageType,
    string TriggerEvent)
{
    public static Hl7MessageHeader Empty { get; } = new("", "", "", "", "", "", "", "", "");

    /// <summary>MSH-10 exactly as written, for MSA-2 (see <see cref="Hl7Ack.IncomingControlIdAsSent"/>).</summary>
    public string? ControlIdAsSent { get; init; }

    public static Hl7MessageHeader From(Hl7Message message)
    {
        var msh = message.Header;
        return new Hl7MessageHeader(
            msh.Field(3).Component(1).Value,
            msh.Field(4).Component(1).Value,
            msh.Field(5).Component(1).Value,
            msh.Field(6).Component(1).Value,
            msh.Field(10).Value,
            msh.Field(11).Component(1).Value.Trim(),
            msh.Field(12).Component(1).Value.Trim(),
            msh.Field(9).Component(1).Value.Trim(),
            msh.Field(9).Component(2).Value.Trim())
        {
            ControlIdAsSent = Hl7Ack.AsSent(msh.Field(10).Raw, message.Delimiters),
        };
    }

    /// <summary>Reads what it can from a line that starts with MSH; never throws.</summary>
    public static Hl7MessageHeader Read(ReadOnlySpan<char> line)
    {
        // The batch reader skips padding before MSH (and takes "msh" for it); so must the header.
        line = line.TrimStart(Hl7LineStart.LeadingPadding + "\f");
        int end = line.IndexOfAny('\r', '\n');
        if (end >= 0)
        {
            line = line[..end];
        }

        if (line.Length < 4 || !line.StartsWith("MSH", StringComparison.OrdinalIgnoreCase))
        {
            return Empty;
        }

        int shift = 0;
        if (!Hl7Delimiters.TryRead(line, out var delimiters, out _))
        {
            delimiters = Hl7Delimiters.Default with { Field = line[3] };
            if (delimiters.Field == delimiters.Component)
            {
                delimiters = delimiters with { Component = '\0' };
            }

            // MSH-2 left out: every field is one place early. Read as written, MSA-2 echoed MSH-11
            // ("P") as the control id.
            if (Hl7Delimiters.Msh2LeftOut(Hl7LineFields.Piece(line, delimiters.Field, 1)))
            {
                shift = -1;
            }
        }

        var controlId = Hl7LineFields.Piece(line, delimiters.Field, 9 + shift);
        return new Hl7MessageHeader(
            Get(line, delimiters, 3 + shift), Get(line, delimiters, 4 + shift), Get(line, delimiters, 5 + shift), Get(line, delimiters, 6 + shift),
            Hl7LineFields.WholeValue(controlId, delimiters), Get(line, delimiters, 11 + shift).Trim(), Get(line, delimiters, 12 + shift).Trim(), Get(line, delimiters, 9 + shift).Trim(), Get(line, delimiters, 9 + shift, 2).Trim())
        {
            ControlIdAsSent = Hl7Ack.AsSent(controlId, delimiters),
        };
    }

    // Piece i of the line (split on the field separator) is MSH-(i+1), as written.
    private static string Get(ReadOnlySpan<char> line, Hl7Delimiters delimiters, int field, int component = 1) =>
        Hl7LineFields.Value(Hl7LineFields.Piece(line, delimiters.Field, field - 1), delimiters, component);
}
