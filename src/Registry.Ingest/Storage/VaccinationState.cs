using Registry.Ingest.Immunization.Records;

namespace Registry.Ingest.Storage;

/// <summary>Where one vaccination stands after the messages of a chunk so far, applied in order.</summary>
/// <param name="storedHash">The <see cref="ContentHash"/> of the last content applied to the stored vaccination.</param>
internal sealed class VaccinationState(long? storedId, bool storedDeleted, byte[]? storedHash = null)
{
    public long? StoredId { get; } = storedId;

    public bool StoredDeleted { get; } = storedDeleted;

    public long? NewId { get; set; }

    /// <summary>For a vaccination new in this chunk: the order the chunk named it in, which is its new id's order.</summary>
    public int Created { get; init; }

    /// <summary>The last add/update sent in this chunk; null when only deletions came.</summary>
    public Vaccination? Record { get; set; }

    public long PatientId { get; set; }

    public StagedMessage? Source { get; set; }

    public bool Deleted { get; set; } = storedDeleted;

    /// <summary>For a vaccination new in this chunk: the message and line that first sent it.</summary>
    public (long MessageId, int Line)? CreatedBy { get; set; }

    /// <summary>The message and line of the delete (D) that is the chunk's last word on it, for its provenance.</summary>
    public (long MessageId, int Line)? DeletedBy { get; set; }

    /// <summary>
    /// The digest of the content the vaccination holds now, when it holds the last content
    /// applied: null once deleted, so that the same content sent again brings it back; except that
    /// a record one message added and deleted keeps that message's digest (the delete stores it).
    /// </summary>
    public byte[]? Hash { get; set; } = storedHash;

    /// <summary>Whether the vaccination has an ORC-3, stored or given by a message of the chunk so far (see VaccinationWriter.Resolve).</summary>
    public bool HasOrder { get; set; }

    /// <summary>The ORC-3 authority it holds (empty: none), when it holds an ORC-3 the chunk looked up or sent (see VaccinationWriter.Resolve).</summary>
    public string? OrderAuthority { get; set; }

    /// <summary>Its patient, vaccine and date, stored or as a message of the chunk so far left them (see VaccinationWriter.Resolve).</summary>
    public (long PatientId, string Cvx, DateOnly Day)? Identity { get; set; }

    /// <summary>Whether a delete has something to act on: stored, or added earlier in the chunk.</summary>
    public bool Known => StoredId is not null || Record is not null;
}
