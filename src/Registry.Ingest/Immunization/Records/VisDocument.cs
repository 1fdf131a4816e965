namespace Registry.Ingest.Immunization.Records;

/// <summary>
/// A Vaccine Information Statement given to the patient, from the OBX group sharing one OBX-4 sub-id:
/// document (69764-9) or vaccine type (30956-7), published (29768-9) and presented (29769-7) dates.
/// </summary>
internal sealed record VisDocument(string? SubId, string? DocumentCode, string? VaccineCvx, DateOnly? Published, DateOnly? Presented);
