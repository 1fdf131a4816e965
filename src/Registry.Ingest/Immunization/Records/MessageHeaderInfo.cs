namespace Registry.Ingest.Immunization.Records;

internal sealed record MessageHeaderInfo(
    string SendingApplication,
    string SendingFacility,
    string ControlId,
    string ProcessingId,
    string Version,
    DateTime? MessageTime);
