using Registry.Ingest.Immunization.Records;

namespace Registry.Ingest.Immunization.Vxu;

/// <summary>
/// What reading PID/PD1 decided: whether the patient can be stored, the birth and death dates the
/// vaccination checks need, and the record when records are built.
/// </summary>
internal readonly record struct PatientCheck(bool Accepted, DateOnly? BirthDate, Patient? Patient, DateOnly? DeathDate = null);
