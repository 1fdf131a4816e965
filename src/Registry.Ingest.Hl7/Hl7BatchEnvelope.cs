namespace Registry.Ingest.Hl7;

/// <summary>
/// What the batch reader saw around the messages: the optional FHS/FTS and BHS/BTS segments, the
/// counts they declare next to the counts read, and lines that belong to no message.
/// </summary>
public sealed class Hl7BatchEnvelope
{
    /// <summary>Structural notes kept per file; beyond this only a count is kept.</summary>
    public const int MaxIssues = 100;

    private readonly List<Hl7Batch> batches = [];
    private readonly List<Hl7EnvelopeIssue> issues = [];

    public Hl7EnvelopeSegment? FileHeader { get; internal set; }

    public Hl7EnvelopeSegment? FileTrailer { get; internal set; }

    /// <summary>
    /// The batches begun before the FTS: what its FTS-1 counts. Two exports joined into one file
    /// (FHS…FTS FHS…FTS) hold more, which the first FTS did not declare.
    /// </summary>
    public int BatchesBeforeFileTrailer { get; internal set; }

    public IReadOnlyList<Hl7Batch> Batches => batches;

    /// <summary>Messages read that were not inside a BHS…BTS batch.</summary>
    public int MessagesOutsideBatches { get; internal set; }

    public int MessagesRead { get; internal set; }

    public IReadOnlyList<Hl7EnvelopeIssue> Issues => issues;

    /// <summary>Issues that were not kept because there were more than <see cref="MaxIssues"/>.</summary>
    public int IssuesNotKept { get; private set; }

    internal Hl7Batch? OpenBatch => batches.Count > 0 && batches[^1].Trailer is null ? batches[^1] : null;

    internal Hl7Batch? LastBatch => batches.Count > 0 ? batches[^1] : null;

    internal Hl7Batch StartBatch(Hl7EnvelopeSegment header)
    {
        var batch = new Hl7Batch(batches.Count + 1, header);
        batches.Add(batch);
        return batch;
    }

    internal void AddIssue(int line, string text, Hl7EnvelopeIssueKind kind = Hl7EnvelopeIssueKind.Structure)
    {
        if (issues.Count < MaxIssues)
        {
            issues.Add(new Hl7EnvelopeIssue(line, text, kind));
        }
        else
        {
            IssuesNotKept++;
        }
    }
}
