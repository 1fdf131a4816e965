namespace Registry.Ingest.Immunization.Records;

/// <summary>
/// A Vaccine Information Statement given to the patient, from the OBX group sharing one OBX-4 sub-id:
/// document (69764-9) or vaccine type (30956-7), published (29768-9) and presented (29769-7) dates.
/// Two documents are equal when they say the same; where they were sent is not part of that.
/// </summary>
internal sealed record VisDocument(string? SubId, string? DocumentCode, string? VaccineCvx, DateOnly? Published, DateOnly? Presented)
{
    /// <summary>The line of the document's first OBX, for its provenance.</summary>
    public int Line { get; init; }

    /// <summary>
    /// The stored message that sent it, when that is not the vaccination's last message: set when
    /// two sendings of a vaccination in one chunk are folded together (0 otherwise).
    /// </summary>
    public long MessageId { get; init; }

    public bool Equals(VisDocument? other) =>
        other is not null && SubId == other.SubId && DocumentCode == other.DocumentCode && VaccineCvx == other.VaccineCvx
        && Published == other.Published && Presented == other.Presented;

    public override int GetHashCode() => HashCode.Combine(SubId, DocumentCode, VaccineCvx, Published, Presented);
}
