namespace Registry.Ingest.Hl7;

/// <summary>
/// One acknowledgement, answering one incoming message. The "incoming" values are echoed from the
/// message's MSH; leave them empty for a message that could not be parsed (MSA-2 is then empty).
/// </summary>
public sealed class Hl7Ack
{
    /// <summary>MSA-1.</summary>
    public required Hl7AckCode Code { get; init; }

    /// <summary>Our new, unique MSH-10.</summary>
    public required string ControlId { get; init; }

    /// <summary>MSH-7, written to the second with its offset.</summary>
    public required DateTimeOffset Timestamp { get; init; }

    /// <summary>The incoming MSH-10, echoed in MSA-2.</summary>
    public string IncomingControlId { get; init; } = string.Empty;

    /// <summary>
    /// The incoming MSH-10 exactly as written, when the message's delimiters are the ACK's: then
    /// MSA-2 is these characters, so that an id padded by a fixed-width export, or holding an
    /// escape, is the sender's own text (escaped anew, <c>ID   </c> came back as
    /// <c>ID\X20\\X20\\X20\</c>). Null: <see cref="IncomingControlId"/> is escaped.
    /// </summary>
    public string? IncomingControlIdAsSent { get; init; }

    /// <summary>The incoming MSH-12. 2.3.1 gets the 2.3.1 form; anything else the 2.5.1 form (MSH-12 2.5.1).</summary>
    public string IncomingVersion { get; init; } = string.Empty;

    /// <summary>The incoming MSH-11, echoed when it is P, T or D (table 0103); the ACK says P otherwise.</summary>
    public string IncomingProcessingId { get; init; } = string.Empty;

    /// <summary>The incoming MSH-3, which becomes our MSH-5.</summary>
    public Hl7HierarchicDesignator IncomingSendingApplication { get; init; } = Hl7HierarchicDesignator.Empty;

    /// <summary>The incoming MSH-4, which becomes our MSH-6.</summary>
    public Hl7HierarchicDesignator IncomingSendingFacility { get; init; } = Hl7HierarchicDesignator.Empty;

    /// <summary>The incoming MSH-5, which becomes our MSH-3 (or <see cref="Hl7AckOptions.Application"/> when empty).</summary>
    public Hl7HierarchicDesignator IncomingReceivingApplication { get; init; } = Hl7HierarchicDesignator.Empty;

    /// <summary>The incoming MSH-6, which becomes our MSH-4 (or <see cref="Hl7AckOptions.Facility"/> when empty).</summary>
    public Hl7HierarchicDesignator IncomingReceivingFacility { get; init; } = Hl7HierarchicDesignator.Empty;

    /// <summary>In any order: they are written errors first, then warnings, then information.</summary>
    public IReadOnlyList<Hl7AckError> Errors { get; init; } = [];

    internal bool IsVersion231 => AnswersVersion231(IncomingVersion);

    /// <summary>Whether an ACK answering a message of this MSH-12 takes the 2.3.1 form (any other: 2.5.1).</summary>
    public static bool AnswersVersion231(string? incomingVersion) => incomingVersion == "2.3.1";

    /// <summary>
    /// A message's MSH-12 as its ACK takes it: trimmed, as validation judges it (fixed-width
    /// exports pad header codes).
    /// </summary>
    public static string IncomingVersionOf(Hl7Message incoming)
    {
        ArgumentNullException.ThrowIfNull(incoming);
        return incoming.Header.Field(12).Component(1).Value.Trim();
    }

    /// <summary>Whether anything this ACK writes is outside ASCII (echoed names, ids, messages), so MSH-18 must say so.</summary>
    internal bool HasNonAsciiText(Hl7AckOptions options)
    {
        if (!System.Text.Ascii.IsValid(IncomingControlId)
            || !IncomingSendingApplication.IsAscii || !IncomingSendingFacility.IsAscii
            || !IncomingReceivingApplication.OrIfEmpty(options.Application).IsAscii
            || !IncomingReceivingFacility.OrIfEmpty(options.Facility).IsAscii)
        {
            return true;
        }

        for (int i = 0; i < Errors.Count; i++)
        {
            if (!System.Text.Ascii.IsValid(Errors[i].UserMessage))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// A raw field to echo as it was sent: when it is written with the delimiters the ACK uses
    /// (a truncation character aside, which the ACK does not declare, so no escape sequence may
    /// then be echoed: <c>\P\</c> means nothing in ours) and is a value, not <c>""</c> (a null,
    /// which an echo would turn into "delete"), without a control character (a form feed or an
    /// MLLP frame byte, which would break the ACK's lines or frame). Otherwise null: the decoded
    /// value is escaped anew.
    /// </summary>
    public static string? AsSent(ReadOnlySpan<char> raw, Hl7Delimiters delimiters) =>
        delimiters with { Truncation = '\0' } == Hl7Delimiters.Default && !raw.IsEmpty && !raw.SequenceEqual("\"\"")
            && raw.IndexOfAnyInRange('\0', '\u001F') < 0 && raw.IndexOf('\u007F') < 0
            && (delimiters.Truncation == '\0' || !raw.Contains(delimiters.Escape))
            ? raw.ToString()
            : null;

    /// <summary>An ACK answering <paramref name="incoming"/>, with the values to echo read from its MSH.</summary>
    public static Hl7Ack For(Hl7Message incoming, Hl7AckCode code, string controlId, DateTimeOffset timestamp, IReadOnlyList<Hl7AckError>? errors = null)
    {
        ArgumentNullException.ThrowIfNull(incoming);
        var header = incoming.Header;
        return new Hl7Ack
        {
            Code = code,
            ControlId = controlId,
            Timestamp = timestamp,
            IncomingControlId = header.Field(10).Value,
            IncomingControlIdAsSent = AsSent(header.Field(10).Raw, incoming.Delimiters),
            // Trimmed, as validation judges them: fixed-width exports pad header codes.
            IncomingVersion = IncomingVersionOf(incoming),
            IncomingProcessingId = header.Field(11).Component(1).Value.Trim(),
            IncomingSendingApplication = Hl7HierarchicDesignator.From(header.Field(3)),
            IncomingSendingFacility = Hl7HierarchicDesignator.From(header.Field(4)),
            IncomingReceivingApplication = Hl7HierarchicDesignator.From(header.Field(5)),
            IncomingReceivingFacility = Hl7HierarchicDesignator.From(header.Field(6)),
            Errors = errors ?? [],
        };
    }
}
