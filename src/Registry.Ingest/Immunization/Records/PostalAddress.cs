namespace Registry.Ingest.Immunization.Records;

/// <summary>XAD: street, other designation, city, state, zip, country, type, county.</summary>
internal sealed record PostalAddress(string? Street, string? Other, string? City, string? State, string? Zip, string? Country, string? Type, string? County);
