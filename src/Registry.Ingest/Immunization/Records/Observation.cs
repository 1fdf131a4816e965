namespace Registry.Ingest.Immunization.Records;

/// <summary>
/// Any OBX of an order group as sent (eligibility, funding, VIS, immunity, contraindication,
/// reaction…): observation code (OBX-3, LOINC), value type (OBX-2), sub-id (OBX-4), value (OBX-5
/// first component) with its text and coding system, and observation date (OBX-14).
/// </summary>
internal sealed record Observation(
    int SetId,
    string ValueType,
    string Code,
    string? CodeText,
    string? SubId,
    string? Value,
    string? ValueText,
    string? ValueCodingSystem,
    DateTime? ObservedAt,
    string? Method,
    int Line)
{
    /// <summary>
    /// The stored message that sent it, when that is not the vaccination's last message: set when
    /// two sendings of a vaccination in one chunk are folded together (0 otherwise).
    /// </summary>
    public long MessageId { get; init; }
}
