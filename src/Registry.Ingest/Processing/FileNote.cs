using Registry.Ingest.Immunization.Validation;

namespace Registry.Ingest.Processing;

/// <summary>A file-level issue (batch counts, envelope structure) for the report.</summary>
/// <param name="Fix">What to do about this note when it is more particular than its rule's fix.</param>
internal sealed record FileNote(ValidationRule Rule, Severity Severity, int Line, string Text, string? Fix = null);
