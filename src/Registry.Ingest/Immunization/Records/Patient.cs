namespace Registry.Ingest.Immunization.Records;

internal sealed record Patient(
    PatientIdentifier PrimaryIdentifier,
    IReadOnlyList<PatientIdentifier> Identifiers,
    IReadOnlyList<PersonName> Names,
    string? MotherMaidenName,
    DateOnly BirthDate,
    string? Sex,
    IReadOnlyList<string> Races,
    string? Ethnicity,
    IReadOnlyList<PostalAddress> Addresses,
    IReadOnlyList<PhoneNumber> Phones,
    string? MultipleBirthIndicator,
    int? BirthOrder,
    DateOnly? DeathDate,
    string? DeathIndicator,
    string? PublicityCode,
    string? ProtectionIndicator,
    string? RegistryStatus)
{
    /// <summary>Races, birth order or death date sent as <c>""</c>.</summary>
    public PatientClears Clears { get; init; }

    /// <summary>The line of the PID segment in the file (0 when not read from one): the patient's and its identifiers' provenance.</summary>
    public int Line { get; init; }
}
