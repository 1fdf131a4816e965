namespace Registry.Ingest.Hl7;

/// <summary>What a file is, before any message is read from it.</summary>
public enum Hl7FileKind
{
    /// <summary>Has at least one line starting with MSH and no NUL byte.</summary>
    Messages,

    /// <summary>Zero bytes, or only white space and line breaks.</summary>
    Empty,

    /// <summary>Has NUL bytes: a binary file (zip, PDF, Word, UTF-16) uploaded by mistake.</summary>
    NotText,

    /// <summary>Text without any line that starts with MSH.</summary>
    NoMessages,

    /// <summary>
    /// Text with a batch envelope (a line starting with FHS or BHS) and no line that starts with
    /// MSH: a sender's "nothing to report today", processed as a file of no messages.
    /// </summary>
    EmptyBatch,
}
