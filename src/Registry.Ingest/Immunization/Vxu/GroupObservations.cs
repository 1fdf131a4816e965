using Registry.Ingest.Immunization.Records;

namespace Registry.Ingest.Immunization.Vxu;

/// <summary>What the OBX segments of one order group say.</summary>
/// <param name="Eligibility">The first VFC eligibility OBX's value.</param>
/// <param name="Funding">The first funding source OBX's value.</param>
internal sealed record GroupObservations(
    ObservationValue Eligibility,
    ObservationValue Funding,
    IReadOnlyList<VisDocument> VisDocuments,
    IReadOnlyList<Observation> All)
{
    /// <summary>Later eligibility OBX values, in order: one of them is taken when the first is not a code of the table.</summary>
    public IReadOnlyList<ObservationValue> LaterEligibility { get; init; } = [];

    /// <summary>Later funding source OBX values, in order, as <see cref="LaterEligibility"/>.</summary>
    public IReadOnlyList<ObservationValue> LaterFunding { get; init; } = [];
}
