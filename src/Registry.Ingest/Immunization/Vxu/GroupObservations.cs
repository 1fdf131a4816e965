using Registry.Ingest.Immunization.Records;

namespace Registry.Ingest.Immunization.Vxu;

/// <summary>What the OBX segments of one order group say.</summary>
internal sealed record GroupObservations(
    ObservationValue Eligibility,
    ObservationValue Funding,
    IReadOnlyList<VisDocument> VisDocuments,
    IReadOnlyList<Observation> All);
