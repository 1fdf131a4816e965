using Registry.Ingest.Hl7;
using Registry.Ingest.Immunization.Vxu;

namespace Registry.Ingest.Storage;

/// <summary>A production message waiting in the current chunk, with what storage needs of it.</summary>
internal sealed class StagedMessage(Hl7MessageHeader header, MessageResult result, string rawText)
{
    public Hl7MessageHeader Header { get; } = header;

    public MessageResult Result { get; } = result;

    public string RawText { get; } = rawText;

    /// <summary>Assigned when the chunk is written.</summary>
    public long Id { get; set; }
}
