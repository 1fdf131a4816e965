namespace Registry.Ingest.Immunization.Records;

/// <summary>XCN: id, family and given name of a clinician.</summary>
internal sealed record Practitioner(string? Id, string? Family, string? Given);
