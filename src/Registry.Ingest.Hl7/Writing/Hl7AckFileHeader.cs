namespace Registry.Ingest.Hl7;

/// <summary>What the FHS and BHS of an ACK file say, mostly echoed from the incoming file's FHS and BHS.</summary>
public sealed class Hl7AckFileHeader
{
    /// <summary>Our ACK file's name (FHS-9).</summary>
    public required string FileName { get; init; }

    /// <summary>Our own control id of the file, FHS-11; the batch's, BHS-11, adds <c>.B</c>. None when empty.</summary>
    public string ControlId { get; init; } = string.Empty;

    /// <summary>FHS-7 and BHS-7.</summary>
    public required DateTimeOffset Timestamp { get; init; }

    /// <summary>The incoming file's name, referenced in FHS-12 when it has no FHS-11.</summary>
    public string IncomingFileName { get; init; } = string.Empty;

    /// <summary>The incoming FHS-11, referenced in FHS-12.</summary>
    public string IncomingFileControlId { get; init; } = string.Empty;

    /// <summary>The incoming BHS-11, referenced in BHS-12.</summary>
    public string IncomingBatchControlId { get; init; } = string.Empty;

    /// <summary>The incoming FHS-3 (or BHS-3), which becomes our FHS-5 and BHS-5.</summary>
    public Hl7HierarchicDesignator IncomingSendingApplication { get; init; } = Hl7HierarchicDesignator.Empty;

    /// <summary>The incoming FHS-4 (or BHS-4), which becomes our FHS-6 and BHS-6.</summary>
    public Hl7HierarchicDesignator IncomingSendingFacility { get; init; } = Hl7HierarchicDesignator.Empty;

    /// <summary>The incoming FHS-5, which becomes our FHS-3 and BHS-3 (or <see cref="Hl7AckOptions.Application"/>).</summary>
    public Hl7HierarchicDesignator IncomingReceivingApplication { get; init; } = Hl7HierarchicDesignator.Empty;

    /// <summary>The incoming FHS-6, which becomes our FHS-4 and BHS-4 (or <see cref="Hl7AckOptions.Facility"/>).</summary>
    public Hl7HierarchicDesignator IncomingReceivingFacility { get; init; } = Hl7HierarchicDesignator.Empty;
}
