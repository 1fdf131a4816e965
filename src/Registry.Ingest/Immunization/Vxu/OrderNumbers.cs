namespace Registry.Ingest.Immunization.Vxu;

/// <summary>
/// The ORC-3 filler order numbers (with their authority) of one message's accepted vaccinations.
/// Two with one ORC-3 name one record when they are the same vaccine on the same day: the later
/// replaces the earlier. Another vaccine or day under the same ORC-3 (the NDIIS examples send one
/// ORC-3 for every vaccination of a message) means the ORC-3 identifies neither: both are stored
/// by patient, vaccine and date instead, so that one does not overwrite the other.
/// </summary>
internal sealed class OrderNumbers
{
    private readonly Dictionary<string, (int Number, string Cvx, DateOnly Day)> seen = new(StringComparer.Ordinal);
    private HashSet<int>? unusable;

    /// <summary>The earlier vaccination sent with <paramref name="key"/>, and whether it is the same vaccine and day.</summary>
    public (int Number, bool SameEvent)? Find(string key, string cvx, DateOnly day) =>
        seen.TryGetValue(key, out var earlier) ? (earlier.Number, earlier.Cvx == cvx && earlier.Day == day) : null;

    public void Add(string key, int number, string cvx, DateOnly day) => seen.TryAdd(key, (number, cvx, day));

    /// <summary>Neither vaccination is identified by its ORC-3.</summary>
    public void Unusable(int earlier, int later)
    {
        unusable ??= [];
        unusable.Add(earlier);
        unusable.Add(later);
    }

    public bool IsUsable(int number) => unusable is null || !unusable.Contains(number);
}
