using Registry.Ingest.Immunization.Records;

namespace Registry.Ingest.Storage;

/// <summary>
/// What the messages of a chunk say about one patient, folded in message order: each column
/// holds the last value sent (null = never sent in this chunk, no change; "" = sent as "",
/// clear it). The same row shape is copied as a new patient or staged as an update.
/// </summary>
/// <param name="storedHash">The <see cref="ContentHash"/> of the last content applied to the stored patient.</param>
internal sealed class PatientRow(PatientKey key, long id, bool exists, byte[]? storedHash = null)
{
    public static readonly string[] TextColumns =
    [
        "id_type", "family_name", "given_name", "middle_name", "name_suffix", "mother_maiden_name", "sex", "ethnicity",
        "street", "street2", "city", "state", "zip", "country", "county", "phone_area", "phone_local", "email",
        "multiple_birth", "death_indicator", "publicity_code", "protection_indicator", "registry_status",
    ];

    private readonly string?[] text = new string?[TextColumns.Length];

    public PatientKey Key { get; } = key;

    public long Id { get; } = id;

    public bool Exists { get; } = exists;

    public DateOnly BirthDate { get; private set; }

    public IReadOnlyList<string>? Races { get; private set; }

    public int? BirthOrder { get; private set; }

    public DateOnly? DeathDate { get; private set; }

    /// <summary>Typed fields last sent as "": staged with an update, which clears them; a new patient stores null.</summary>
    public PatientClears Clears { get; private set; }

    public long MessageId { get; private set; }

    public long FirstMessageId { get; private set; }

    public int Line { get; private set; }

    public IReadOnlyList<string?> Text => text;

    /// <summary>The digest of the last message content applied: stored, or folded in from this chunk.</summary>
    public byte[]? Hash { get; set; } = storedHash;

    /// <summary>Whether a message of this chunk changed the patient: only then is it written.</summary>
    public bool Changed { get; set; }

    /// <summary>
    /// The patient's content columns (the text columns, then birth date, races, birth order and
    /// death date) as copied and as hashed. A new patient stores "" as null; the typed fields
    /// sent as "" are null here and named in <see cref="Clears"/>.
    /// </summary>
    public void WriteContent(IRowValues row, bool asNew)
    {
        foreach (var value in text)
        {
            row.WriteText(asNew && value is { Length: 0 } ? null : value);
        }

        row.WriteDate(BirthDate);
        row.WriteTextArray(Races);
        row.WriteInt(BirthOrder);
        row.WriteDate(DeathDate);
    }

    public void Apply(Patient p, long messageId, int line)
    {
        if (FirstMessageId == 0)
        {
            FirstMessageId = messageId;
        }

        MessageId = messageId;
        Line = line;
        BirthDate = p.BirthDate;
        // A name, an address and a phone number are each one value: sent, every part replaces the
        // stored one (a part left out is cleared: a move keeps no old apartment or zip); not
        // sent, all are kept.
        var name = PersonName.Kept(p.Names);
        var address = PostalAddress.Kept(p.Addresses);
        var phone = PhoneNumber.Kept(p.Phones);
        Set(0, p.PrimaryIdentifier.Type);
        Set(1, Part(name, name?.Family));
        Set(2, Part(name, name?.Given));
        Set(3, Part(name, name?.Middle));
        Set(4, Part(name, name?.Suffix));
        Set(5, p.MotherMaidenName);
        Set(6, p.Sex);
        Set(7, p.Ethnicity);
        Set(8, Part(address, address?.Street));
        Set(9, Part(address, address?.Other));
        Set(10, Part(address, address?.City));
        Set(11, Part(address, address?.State));
        Set(12, Part(address, address?.Zip));
        Set(13, Part(address, address?.Country));
        Set(14, Part(address, address?.County));
        Set(15, Part(phone, phone?.AreaCode));
        Set(16, Part(phone, phone?.LocalNumber));
        Set(17, PhoneNumber.KeptEmail(p.Phones));
        Set(18, p.MultipleBirthIndicator);
        Set(19, p.DeathIndicator);
        Set(20, p.PublicityCode);
        Set(21, p.ProtectionIndicator);
        Set(22, p.RegistryStatus);
        Races = Fold(p.Races.Count > 0, PatientClears.Races, p.Clears) switch
        {
            Sent.Value => p.Races,
            Sent.Clear => null,
            _ => Races,
        };
        BirthOrder = Fold(p.BirthOrder is not null, PatientClears.BirthOrder, p.Clears) switch
        {
            Sent.Value => p.BirthOrder,
            Sent.Clear => null,
            _ => BirthOrder,
        };
        DeathDate = Fold(p.DeathDate is not null, PatientClears.DeathDate, p.Clears) switch
        {
            Sent.Value => p.DeathDate,
            Sent.Clear => null,
            _ => DeathDate,
        };
    }

    /// <summary>What a message says of one typed field, keeping <see cref="Clears"/> in step: a value, "" (clear), or nothing.</summary>
    private Sent Fold(bool hasValue, PatientClears field, PatientClears sentAsQuotes)
    {
        if (hasValue)
        {
            Clears &= ~field;
            return Sent.Value;
        }

        if (sentAsQuotes.HasFlag(field))
        {
            Clears |= field;
            return Sent.Clear;
        }

        return Sent.Nothing;
    }

    /// <summary>A part of a value sent whole: what the value leaves out is "" (cleared); nothing when it was not sent.</summary>
    internal static string? Part(object? whole, string? part) => whole is null ? null : part ?? string.Empty;

    private void Set(int column, string? value)
    {
        if (value is not null)
        {
            text[column] = value;
        }
    }

    private enum Sent
    {
        Nothing,
        Value,
        Clear,
    }
}
