namespace Registry.Ingest.Hl7;

/// <summary>What ends each segment of a file we write.</summary>
public enum Hl7LineEnding
{
    /// <summary>CR, as the standard says.</summary>
    Cr,

    /// <summary>CRLF, for receivers that read our files as text lines.</summary>
    CrLf,
}
