namespace Registry.Ingest.Immunization.Records;

/// <summary>
/// Typed fields of a patient sent as <c>""</c>: clear the stored value. Text fields carry this in
/// their value (""); a list, number or date cannot, so it is said here. A field not sent is not
/// set here, and keeps the stored value.
/// </summary>
[Flags]
internal enum PatientClears
{
    None = 0,

    /// <summary>PID-10.</summary>
    Races = 1,

    /// <summary>PID-25.</summary>
    BirthOrder = 2,

    /// <summary>PID-29.</summary>
    DeathDate = 4,
}

/// <summary>Typed fields of a vaccination sent as <c>""</c>: clear the stored value (see <see cref="PatientClears"/>).</summary>
[Flags]
internal enum VaccinationClears
{
    None = 0,

    /// <summary>RXA-6.</summary>
    Amount = 1,

    /// <summary>RXA-16.</summary>
    ExpirationDate = 2,
}
