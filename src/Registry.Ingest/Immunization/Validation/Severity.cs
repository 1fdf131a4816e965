namespace Registry.Ingest.Immunization.Validation;

/// <summary>HL7 table 0516, plus Off for a rule an operator switched off.</summary>
internal enum Severity
{
    Error,
    Warning,
    Information,
    Off,
}
