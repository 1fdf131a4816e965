namespace Registry.Ingest.Immunization.Vxu;

/// <summary>Whether validation also builds the records that storage needs.</summary>
internal enum VxuReadMode
{
    /// <summary>Checks only: what <c>validate</c> needs (ACK and report); allocates little.</summary>
    ValidateOnly,

    /// <summary>Checks and builds <see cref="Records.VaccinationUpdate"/> for storage.</summary>
    Records,
}
