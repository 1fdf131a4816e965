namespace Registry.Ingest.Immunization.Validation;

/// <summary>The <c>Validation</c> section of appsettings.json.</summary>
internal sealed class ValidationOptions
{
    public const string Section = "Validation";

    /// <summary><c>icare</c> (default) or <c>ndiis</c>: a named set of severity overrides.</summary>
    public string Profile { get; set; } = ValidationProfiles.Icare;

    /// <summary>
    /// False (default): warnings alone give AA with W-severity ERR segments, as in the CDC IG's own
    /// example. True: AIRA's practice, AE whenever any warning exists.
    /// </summary>
    public bool WarningsGiveAe { get; set; }

    /// <summary>Rule id to E, W, I or Off; applied after the profile.</summary>
    public Dictionary<string, string> Severity { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Clinic name (as in the file name) to the MSH-4 sending facility ids the registry knows for it.
    /// Clinics not listed here are not checked.
    /// </summary>
    public Dictionary<string, string[]> Clinics { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}
