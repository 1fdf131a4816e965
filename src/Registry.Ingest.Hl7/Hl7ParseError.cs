namespace Registry.Ingest.Hl7;

/// <summary>Why a message could not be parsed, and the line of the file where that shows.</summary>
public sealed record Hl7ParseError(string Reason, int Line);
