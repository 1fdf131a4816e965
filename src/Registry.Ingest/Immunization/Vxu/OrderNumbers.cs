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
    // Per ORC-3: the first vaccination sent with it, and the first of another vaccine or day than
    // that one; all a question here needs. Lists scanned per vaccination made a message of
    // thousands of vaccinations under one ORC-3 take minutes.
    private readonly Dictionary<string, Sent> sent = new(StringComparer.Ordinal);
    private readonly Dictionary<int, string> keyOf = [];
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

        if (!earlier.First.Is(cvx, day))
        {
            return (earlier.First.Number, false);
        }

        // This is the first's vaccine and day: the first that differs from it differs from this.
        return earlier.FirstOther is { } other ? (other.Number, false) : (earlier.First.Number, true);
    }

    /// <summary>Records accepted vaccination <paramref name="number"/> under <paramref name="key"/>.</summary>
    public void Add(string key, int number, string cvx, DateOnly day)
    {
        keyOf[number] = key;
        if (!sent.TryGetValue(key, out var earlier))
        {
            sent[key] = new Sent(new Event(number, cvx, day));
            return;
        }

        bool differs = !earlier.First.Is(cvx, day);
        if (differs || earlier.FirstOther is not null)
        {
            (unusable ??= new(StringComparer.Ordinal)).Add(key);
        }

        if (differs)
        {
            earlier.FirstOther ??= new Event(number, cvx, day);
        }
    }

    /// <summary>Whether the vaccination's ORC-3 identifies it, once all of the message's are added.</summary>
    public bool IsUsable(int number) =>
        unusable is null || !keyOf.TryGetValue(number, out var key) || !unusable.Contains(key);

    private readonly record struct Event(int Number, string Cvx, DateOnly Day)
    {
        public bool Is(string cvx, DateOnly day) => Cvx == cvx && Day == day;
    }

    private sealed class Sent(Event first)
    {
        public Event First { get; } = first;

        public Event? FirstOther { get; set; }
    }
}
