namespace Registry.Ingest.Immunization.Vxu;

/// <summary>LOINC codes of the OBX observations the registry interprets (OBX-3).</summary>
internal static class ObservationCodes
{
    public const string VfcEligibility = "64994-7";
    public const string FundingSource = "30963-3";
    public const string VisDocument = "69764-9";
    public const string VisVaccineType = "30956-7";
    public const string VisPublished = "29768-9";
    public const string VisPresented = "29769-7";

    /// <summary>The four VIS codes: together they describe the VIS documents, so they are replaced as one group.</summary>
    public static readonly string[] Vis = [VisDocument, VisVaccineType, VisPublished, VisPresented];

    public static bool IsVis(ReadOnlySpan<char> code) =>
        code.SequenceEqual(VisDocument) || code.SequenceEqual(VisVaccineType) || code.SequenceEqual(VisPublished) || code.SequenceEqual(VisPresented);
}
