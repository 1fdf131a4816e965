namespace Registry.Ingest.Immunization.Validation;

/// <summary>Named bundles of severity overrides.</summary>
internal static class ValidationProfiles
{
    public const string Icare = "icare";
    public const string Ndiis = "ndiis";

    public static IReadOnlyList<string> Names { get; } = [Icare, Ndiis];

    public static IReadOnlyDictionary<string, Severity> Overrides(string profile) => profile.ToLowerInvariant() switch
    {
        Icare => new Dictionary<string, Severity>(),

        // NDIIS requires VFC eligibility and funding source for every administered dose.
        Ndiis => new Dictionary<string, Severity>
        {
            [Rules.EligibilityMissing.Id] = Severity.Error,
            [Rules.FundingSourceMissing.Id] = Severity.Error,
        },
        _ => throw new ArgumentException($"Unknown validation profile '{profile}'; use one of: {string.Join(", ", Names)}.", nameof(profile)),
    };
}
