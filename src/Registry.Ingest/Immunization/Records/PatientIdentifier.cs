namespace Registry.Ingest.Immunization.Records;

/// <summary>PID-3 (CX): the number, its type (table 0203, e.g. MR) and the authority that assigned it.</summary>
internal sealed record PatientIdentifier(string Value, string? Type, string? Authority);
