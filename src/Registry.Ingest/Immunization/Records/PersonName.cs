namespace Registry.Ingest.Immunization.Records;

/// <summary>XPN: family, given, middle, suffix and name type (table 0200, L = legal).</summary>
internal sealed record PersonName(string? Family, string? Given, string? Middle, string? Suffix, string? Type)
{
    /// <summary>The name a registry keeps of several sent: the legal one (type L), else the first.</summary>
    public static PersonName? Kept(IReadOnlyList<PersonName> names)
    {
        for (int i = 0; i < names.Count; i++)
        {
            if (string.Equals(names[i].Type, "L", StringComparison.OrdinalIgnoreCase))
            {
                return names[i];
            }
        }

        return names.Count > 0 ? names[0] : null;
    }
}
