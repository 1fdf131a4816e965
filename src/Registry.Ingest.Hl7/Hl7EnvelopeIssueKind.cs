namespace Registry.Ingest.Hl7;

/// <summary>What an <see cref="Hl7EnvelopeIssue"/> is about, for the fix a reader is given.</summary>
public enum Hl7EnvelopeIssueKind
{
    /// <summary>How the file is put together: batch segments missing, repeated or out of place, text outside messages.</summary>
    Structure,

    /// <summary>A header (MSH, BHS, FHS) written straight after a segment, without a line break.</summary>
    JoinedLines,

    /// <summary>NUL bytes at the end of the file.</summary>
    NulPadding,

    /// <summary>The file ends inside a segment of an unclosed batch or file: it was cut short.</summary>
    CutShort,
}
