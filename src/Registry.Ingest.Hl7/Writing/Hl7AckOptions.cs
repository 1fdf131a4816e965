namespace Registry.Ingest.Hl7;

/// <summary>How we sign and lay out the acknowledgements we write.</summary>
public sealed class Hl7AckOptions
{
    /// <summary>Our MSH-3 (FHS-3, BHS-3) when the sender left its receiving application empty.</summary>
    public Hl7HierarchicDesignator Application { get; set; } = Hl7HierarchicDesignator.Empty;

    /// <summary>Our MSH-4 (FHS-4, BHS-4) when the sender left its receiving facility empty.</summary>
    public Hl7HierarchicDesignator Facility { get; set; } = Hl7HierarchicDesignator.Empty;

    /// <summary>Segment terminator in ACK files; a single ACK message always uses CR.</summary>
    public Hl7LineEnding FileLineEnding { get; set; } = Hl7LineEnding.Cr;
}
