namespace Registry.Ingest.Immunization.Records;

/// <summary>NK1: a responsible person (mother, guardian…), relationship from table 0063.</summary>
internal sealed record NextOfKin(
    int SetId,
    PersonName Name,
    string Relationship,
    IReadOnlyList<PostalAddress> Addresses,
    IReadOnlyList<PhoneNumber> Phones,
    int Line);
