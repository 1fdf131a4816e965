namespace Registry.Ingest.Immunization.Vxu;

/// <summary>Segment indexes of one order group; -1 where the segment is absent.</summary>
internal sealed class OrderGroup
{
    /// <summary>
    /// Position among the message's vaccinations (its RXAs), from 1 ("2nd vaccination"); 0 for an
    /// ORC that no RXA followed, which records no vaccination and must not shift the numbers of
    /// those that follow it.
    /// </summary>
    public int Number { get; set; }

    public int Orc { get; init; } = -1;

    public int Rxa { get; set; } = -1;

    public int Rxr { get; set; } = -1;

    public List<int> Observations { get; } = [];

    /// <summary>2.5.1 RXA that came without its own ORC.</summary>
    public bool MissingOrc { get; set; }
}
