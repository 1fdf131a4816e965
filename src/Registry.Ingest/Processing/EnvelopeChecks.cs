using System.Globalization;
using Registry.Ingest.Hl7;
using Registry.Ingest.Immunization.Validation;

namespace Registry.Ingest.Processing;

/// <summary>
/// File-level checks once all messages are read: declared batch and file counts against what was
/// read (a mismatch is a warning, never a rejection), and the reader's structural notes.
/// </summary>
internal static class EnvelopeChecks
{
    public static List<FileNote> Check(Hl7BatchEnvelope envelope, ValidationPolicy policy)
    {
        var notes = new List<FileNote>();
        foreach (var batch in envelope.Batches)
        {
            if (batch.Trailer?.DeclaredCount is { } declared && declared != batch.MessagesRead)
            {
                Add(notes, policy, Rules.BatchCountMismatch, batch.Trailer.Line, batch.Number, declared, batch.MessagesRead);
            }
            else if (batch.Trailer is { CountIsNotANumber: true } trailer)
            {
                Add(notes, policy, Rules.FileStructure, trailer.Line, string.Create(CultureInfo.InvariantCulture, $"BTS-1 of batch {batch.Number} is not a whole number of messages, so the batch's count could not be checked ({batch.MessagesRead} read)"));
            }
        }

        if (envelope.FileTrailer?.DeclaredCount is { } batches && batches != envelope.Batches.Count && envelope.Batches.Count > 0)
        {
            Add(notes, policy, Rules.FileCountMismatch, envelope.FileTrailer.Line, batches, envelope.Batches.Count);
        }
        else if (envelope.FileTrailer is { CountIsNotANumber: true } fileTrailer)
        {
            Add(notes, policy, Rules.FileStructure, fileTrailer.Line, string.Create(CultureInfo.InvariantCulture, $"FTS-1 is not a whole number of batches, so the file's count could not be checked ({envelope.Batches.Count} batch(es) read)"));
        }

        foreach (var issue in envelope.Issues)
        {
            Add(notes, policy, Rules.FileStructure, issue.Line, issue.Text);
        }

        if (envelope.IssuesNotKept > 0)
        {
            Add(notes, policy, Rules.FileStructure, 0, string.Create(CultureInfo.InvariantCulture, $"{envelope.IssuesNotKept} more structural notes like the ones above were not listed"));
        }

        return notes;
    }

    public static void Add(List<FileNote> notes, ValidationPolicy policy, ValidationRule rule, int line, params object[] args)
    {
        var severity = policy.SeverityOf(rule);
        if (severity != Severity.Off)
        {
            notes.Add(new FileNote(rule, severity, line, string.Format(CultureInfo.InvariantCulture, rule.Problem, args)));
        }
    }
}
