namespace Registry.Ingest.Hl7;

/// <summary>Something about the file's structure outside its messages, at a line of the file.</summary>
public sealed record Hl7EnvelopeIssue(int Line, string Text, Hl7EnvelopeIssueKind Kind = Hl7EnvelopeIssueKind.Structure);
