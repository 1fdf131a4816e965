namespace Registry.Ingest.Configuration;

/// <summary>The <c>Acknowledgements</c> section: how the registry signs its ACKs.</summary>
internal sealed class AcknowledgementOptions
{
    public const string Section = "Acknowledgements";

    /// <summary>Our MSH-3 when the sender left MSH-5 empty.</summary>
    public string Application { get; set; } = "REGISTRY.INGEST";

    /// <summary>Our MSH-4 when the sender left MSH-6 empty.</summary>
    public string Facility { get; set; } = "ICARE";

    /// <summary>Segment terminator in ACK files: <c>CR</c> (HL7 standard) or <c>CRLF</c>.</summary>
    public string LineEnding { get; set; } = "CR";
}
