namespace Registry.Ingest.Immunization.Records;

/// <summary>XTN: use (PRN, NET…), equipment (PH, CP, Internet…), area code, local number, e-mail.</summary>
internal sealed record PhoneNumber(string? Use, string? Equipment, string? AreaCode, string? LocalNumber, string? Email, string? Text)
{
    /// <summary>A whole phone field sent as <c>""</c>: the stored number and e-mail are cleared.</summary>
    public static PhoneNumber Cleared { get; } = new(null, null, "", "", "", null);

    /// <summary>The first repetition that holds a number (an e-mail often comes first, on its own); null when none does.</summary>
    public static PhoneNumber? Kept(IReadOnlyList<PhoneNumber> phones)
    {
        for (int i = 0; i < phones.Count; i++)
        {
            if (!ReferenceEquals(phones[i], Cleared) && (phones[i].AreaCode is not null || phones[i].LocalNumber is not null))
            {
                return phones[i];
            }
        }

        // "" clears only when no repetition sends a number (""~^PRN^PH^^^217^5551234: the number).
        return phones.Any(p => ReferenceEquals(p, Cleared)) ? Cleared : null;
    }

    /// <summary>The first e-mail address sent, whichever repetition holds it.</summary>
    public static string? KeptEmail(IReadOnlyList<PhoneNumber> phones)
    {
        for (int i = 0; i < phones.Count; i++)
        {
            if (!ReferenceEquals(phones[i], Cleared) && phones[i].Email is not null)
            {
                return phones[i].Email;
            }
        }

        // As for the number: a "" beside a repetition that sends a number says nothing of the e-mail.
        return ReferenceEquals(Kept(phones), Cleared) ? Cleared.Email : null;
    }
}
