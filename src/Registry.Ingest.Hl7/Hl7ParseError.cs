namespace Registry.Ingest.Hl7;

/// <summary>Why a message could not be parsed, and the line of the file where that shows.</summary>
/// <param name="CutShort">The file ends inside the message, which may be incomplete: the file was cut short.</param>
public sealed record Hl7ParseError(string Reason, int Line, bool CutShort = false);
