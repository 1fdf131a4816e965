namespace Registry.Ingest.Hl7;

/// <summary>MSA-1, HL7 table 0008 (original acknowledgement mode).</summary>
public enum Hl7AckCode
{
    /// <summary><c>AA</c>: the message was accepted (warnings may still be reported).</summary>
    Accept,

    /// <summary><c>AE</c>: an error of severity E was found; the message, or part of it, was not stored.</summary>
    Error,

    /// <summary><c>AR</c>: the message was rejected without looking at its content (table 0357 codes 200–203, 207).</summary>
    Reject,
}
