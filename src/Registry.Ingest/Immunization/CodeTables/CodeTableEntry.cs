namespace Registry.Ingest.Immunization.CodeTables;

/// <summary>One code of an HL7 (or CDC/NIP/LOINC) table, e.g. <c>CP</c> "Complete" in HL70322.</summary>
internal sealed record CodeTableEntry(string Code, string Description);
