namespace Registry.Ingest.Hl7;

/// <summary>ERR-4, HL7 table 0516. The order is the order in which errors are written.</summary>
public enum Hl7ErrorSeverity
{
    /// <summary><c>E</c></summary>
    Error,

    /// <summary><c>W</c></summary>
    Warning,

    /// <summary><c>I</c></summary>
    Information,
}
