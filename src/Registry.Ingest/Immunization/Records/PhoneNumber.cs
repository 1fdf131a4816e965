namespace Registry.Ingest.Immunization.Records;

/// <summary>XTN: use (PRN, NET…), equipment (PH, CP, Internet…), area code, local number, e-mail.</summary>
internal sealed record PhoneNumber(string? Use, string? Equipment, string? AreaCode, string? LocalNumber, string? Email, string? Text);
