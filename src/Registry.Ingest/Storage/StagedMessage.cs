using Registry.Ingest.Hl7;
using Registry.Ingest.Immunization.Vxu;

namespace Registry.Ingest.Storage;

/// <summary>A production message waiting in the current chunk, with what storage needs of it.</summary>
internal sealed class StagedMessage(Hl7MessageHeader header, MessageResult result, ReadOnlyMemory<byte> rawUtf8)
{
    public Hl7MessageHeader Header { get; } = header;

    public MessageResult Result { get; } = result;

    /// <summary>
    /// The message as read, in UTF-8: half the size of a string while the chunk waits, and
    /// already in the form the database stores (in the chunk's <see cref="ChunkText"/>).
    /// </summary>
    public ReadOnlyMemory<byte> RawUtf8 { get; } = rawUtf8;

    /// <summary>
    /// The <see cref="ContentHash"/> of what the message says about its patient, and of each of its
    /// vaccinations (in order): taken while the message is staged, on the reading thread, which
    /// otherwise waits for the database.
    /// </summary>
    public byte[]? PatientDigest { get; init; }

    /// <inheritdoc cref="PatientDigest"/>
    public byte[][] VaccinationDigests { get; init; } = [];

    /// <summary>The key of the patient the message is about (when it has an update): taken once, on the reading thread.</summary>
    public PatientKey? PatientKey { get; init; }

    /// <summary>Assigned when the chunk is written.</summary>
    public long Id { get; set; }
}
