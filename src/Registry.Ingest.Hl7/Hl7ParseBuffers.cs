namespace Registry.Ingest.Hl7;

/// <summary>Tables a parse fills, kept by the batch reader so that each message reuses them.</summary>
internal sealed class Hl7ParseBuffers
{
    public Hl7SegmentEntry[] Segments { get; set; } = new Hl7SegmentEntry[64];

    public int[] Separators { get; set; } = new int[1024];
}
