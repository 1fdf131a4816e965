namespace Registry.Ingest.Immunization.Records;

/// <summary>XAD: street, other designation, city, state, zip, country, type, county.</summary>
internal sealed record PostalAddress(string? Street, string? Other, string? City, string? State, string? Zip, string? Country, string? Type, string? County)
{
    /// <summary>Whether it names a place within a country: a street, other designation, city, state or zip.</summary>
    public bool NamesAPlace => Street is not null || Other is not null || City is not null || State is not null || Zip is not null;

    /// <summary>A whole address sent as <c>""</c>: every part of the stored one is cleared.</summary>
    public static PostalAddress Cleared { get; } = new("", "", "", "", "", "", null, "");

    /// <summary>
    /// The address a registry keeps of several sent: the first that says where the patient lives
    /// (one holding only its type, as some EHRs send before the real one, says nothing; a birth
    /// place BDL/BR or a bad address BA is not where the patient lives); null when none does.
    /// </summary>
    public static PostalAddress? Kept(IReadOnlyList<PostalAddress> addresses)
    {
        bool cleared = false;
        for (int i = 0; i < addresses.Count; i++)
        {
            var a = addresses[i];
            if (ReferenceEquals(a, Cleared))
            {
                cleared = true; // "" clears only when no repetition sends an address (""~9 OAK^^PEORIA: the address)
                continue;
            }

            bool says = a.NamesAPlace || a.Country is not null || a.County is not null;
            if (says && a.Type?.ToUpperInvariant() is not ("BDL" or "BR" or "BA"))
            {
                return a;
            }
        }

        return cleared ? Cleared : null;
    }
}
