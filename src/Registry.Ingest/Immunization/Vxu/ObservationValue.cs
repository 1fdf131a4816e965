using Registry.Ingest.Hl7;

namespace Registry.Ingest.Immunization.Vxu;

/// <summary>The OBX-5 (first repetition, all its components) of the first observation of a kind, or null when none was sent.</summary>
internal readonly record struct ObservationValue(Hl7Element? Element);
