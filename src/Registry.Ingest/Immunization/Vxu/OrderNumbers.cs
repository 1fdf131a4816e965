namespace Registry.Ingest.Immunization.Vxu;

/// <summary>
/// The ORC-3 filler order numbers (with their authority) of one message's accepted vaccinations.
/// Several with one ORC-3 name one record when they are all the same vaccine on the same day: a
/// later one replaces an earlier one. Another vaccine or day under the same ORC-3 (the NDIIS
/// examples send one ORC-3 for every vaccination of a message) means the ORC-3 identifies none of
/// them: all are stored by patient, vaccine and date instead, so that none overwrites another.
/// </summary>
internal sealed class OrderNumbers
{
    private readonly Dictionary<string, List<(int Number, string Cvx, DateOnly Day)>> sent = new(StringComparer.Ordinal);
    private HashSet<string>? unusable;

    /// <summary>
    /// A vaccination sent earlier with <paramref name="key"/>, and whether every earlier one is
    /// this vaccine on this day: the first that is another vaccine or day, the one the clinic is
    /// told of, else the first; null when none was.
    /// </summary>
    public (int Number, bool SameEvent)? Find(string key, string cvx, DateOnly day)
    {
        if (!sent.TryGetValue(key, out var earlier))
        {
            return null;
        }

        int other = earlier.FindIndex(e => e.Cvx != cvx || e.Day != day);
        return other < 0 ? (earlier[0].Number, true) : (earlier[other].Number, false);
    }

    /// <summary>Records accepted vaccination <paramref name="number"/> under <paramref name="key"/>.</summary>
    public void Add(string key, int number, string cvx, DateOnly day)
    {
        if (!sent.TryGetValue(key, out var earlier))
        {
            sent[key] = [(number, cvx, day)];
            return;
        }

        if (!earlier.TrueForAll(e => e.Cvx == cvx && e.Day == day))
        {
            (unusable ??= new(StringComparer.Ordinal)).Add(key);
        }

        earlier.Add((number, cvx, day));
    }

    /// <summary>Whether the vaccination's ORC-3 identifies it, once all of the message's are added.</summary>
    public bool IsUsable(int number)
    {
        if (unusable is null)
        {
            return true;
        }

        foreach (var key in unusable)
        {
            if (sent[key].Exists(e => e.Number == number))
            {
                return false;
            }
        }

        return true;
    }
}
