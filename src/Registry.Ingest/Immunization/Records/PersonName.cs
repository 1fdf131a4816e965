namespace Registry.Ingest.Immunization.Records;

/// <summary>XPN: family, given, middle, suffix and name type (table 0200, L = legal).</summary>
internal sealed record PersonName(string? Family, string? Given, string? Middle, string? Suffix, string? Type);
