namespace Registry.Ingest.Immunization.Validation;

/// <summary>
/// The severities in force: defaults, then the profile, then per-rule overrides from
/// configuration. Rules whose error decides what can be stored at all (scope Message or
/// OrderGroup) keep their severity; the others may be raised to E, which drops the vaccination
/// (or the message, outside an order group) they are about.
/// </summary>
internal sealed class ValidationPolicy
{
    private readonly Dictionary<ValidationRule, Severity> severities;

    private ValidationPolicy(Dictionary<ValidationRule, Severity> severities, bool warningsGiveAe, IReadOnlyDictionary<string, string[]> clinics, string profile)
    {
        this.severities = severities;
        WarningsGiveAe = warningsGiveAe;
        Clinics = clinics;
        Profile = profile;
    }

    public static ValidationPolicy Default { get; } = From(new ValidationOptions());

    public bool WarningsGiveAe { get; }

    public string Profile { get; }

    public IReadOnlyDictionary<string, string[]> Clinics { get; }

    public Severity SeverityOf(ValidationRule rule) => severities.TryGetValue(rule, out var severity) ? severity : rule.DefaultSeverity;

    /// <summary>Builds the policy; a bad profile, rule id or severity throws naming the setting.</summary>
    public static ValidationPolicy From(ValidationOptions options)
    {
        var byId = Rules.All.ToDictionary(r => r.Id, StringComparer.OrdinalIgnoreCase);
        var severities = new Dictionary<ValidationRule, Severity>();
        IReadOnlyDictionary<string, Severity> profile;
        try
        {
            profile = ValidationProfiles.Overrides(options.Profile);
        }
        catch (ArgumentException e)
        {
            throw new InvalidOperationException($"{ValidationOptions.Section}:Profile: {e.Message.Split(" (Parameter")[0]}", e);
        }

        foreach (var (id, severity) in profile)
        {
            severities[byId[id]] = severity;
        }

        foreach (var (id, text) in options.Severity)
        {
            string key = $"{ValidationOptions.Section}:Severity:{id}";
            if (!byId.TryGetValue(id, out var rule))
            {
                throw new InvalidOperationException($"{key}: there is no validation rule '{id}'. Rule ids are listed in the README.");
            }

            var severity = Parse(text) ?? throw new InvalidOperationException($"{key}: '{text}' is not a severity; use E, W, I or Off.");
            if (rule.Scope is RuleScope.Message or RuleScope.OrderGroup && severity != rule.DefaultSeverity)
            {
                throw new InvalidOperationException($"{key}: rule '{id}' decides whether the message or vaccination can be stored at all, so its severity cannot be changed.");
            }

            if (rule == Rules.OrderNumberNamesOtherVaccine && severity == Severity.Error)
            {
                throw new InvalidOperationException($"{key}: rule '{id}' is found as the message is stored, once its vaccination was accepted and applied, so it can be W, I or Off, not E.");
            }

            if (rule.Scope == RuleScope.File && severity == Severity.Error)
            {
                throw new InvalidOperationException($"{key}: rule '{id}' is about the file, not a message: its messages are read and stored regardless, so it can be W, I or Off, not E.");
            }

            severities[rule] = severity;
        }

        return new ValidationPolicy(severities, options.WarningsGiveAe, options.Clinics, options.Profile.ToLowerInvariant());
    }

    private static Severity? Parse(string text) => text.Trim().ToUpperInvariant() switch
    {
        "E" or "ERROR" => Severity.Error,
        "W" or "WARNING" => Severity.Warning,
        "I" or "INFO" or "INFORMATION" => Severity.Information,
        "OFF" or "NONE" => Severity.Off,
        _ => null,
    };
}
