using Registry.Ingest.Immunization.Validation;

namespace Registry.Ingest.Processing;

/// <summary>A file-level issue (batch counts, envelope structure) for the report.</summary>
internal sealed record FileNote(ValidationRule Rule, Severity Severity, int Line, string Text);
