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
                AddStructure(notes, policy, trailer.Line, string.Create(CultureInfo.InvariantCulture, $"BTS-1 of batch {batch.Number} is not a whole number of messages, so the batch's count could not be checked ({batch.MessagesRead} read)"), CountFix);
            }
        }

        if (envelope.FileTrailer?.DeclaredCount is { } batches && batches != envelope.BatchesBeforeFileTrailer && envelope.BatchesBeforeFileTrailer > 0)
        {
            Add(notes, policy, Rules.FileCountMismatch, envelope.FileTrailer.Line, batches, envelope.BatchesBeforeFileTrailer);
        }
        else if (envelope.FileTrailer is { CountIsNotANumber: true } fileTrailer)
        {
            AddStructure(notes, policy, fileTrailer.Line, string.Create(CultureInfo.InvariantCulture, $"FTS-1 is not a whole number of batches, so the file's count could not be checked ({envelope.Batches.Count} batch(es) read)"), CountFix);
        }

        foreach (var issue in envelope.Issues)
        {
            AddStructure(notes, policy, issue.Line, issue.Text, FixFor(issue.Kind));
        }

        if (envelope.IssuesNotKept > 0)
        {
            AddStructure(notes, policy, 0, string.Create(CultureInfo.InvariantCulture, $"{envelope.IssuesNotKept} more structural notes like the ones above were not listed"), null);
        }

        return notes;
    }

    private const string CountFix = "Write the count as digits only: BTS-1 the number of messages in the batch, FTS-1 the number of batches in the file.";

    /// <summary>The fix for a structural note when it is not the rule's general one.</summary>
    private static string? FixFor(Hl7EnvelopeIssueKind kind) => kind switch
    {
        Hl7EnvelopeIssueKind.CutShort => "Send the file again, whole: the upload or the export stopped part-way. Check that the sending system finishes writing a file (ending it with BTS and FTS) before it is uploaded, and that the upload completes.",
        Hl7EnvelopeIssueKind.JoinedLines => "End every segment with a line break, a message's last one too, so that the next message, batch or file starts on a line of its own.",
        Hl7EnvelopeIssueKind.NulPadding => "Nothing to correct in the messages. If it happens often, check how the file is written or transferred (a preallocated file, a transfer in binary mode that pads).",
        _ => null,
    };

    /// <summary>The file was UTF-16 and read as such: a note on its first line, so the sender can fix its export.</summary>
    public static void AddUtf16(List<FileNote> notes, ValidationPolicy policy, string encoding) =>
        AddStructure(notes, policy, 1, $"the file is saved as {encoding} (Notepad's \"Unicode\"), not UTF-8; it was read as {encoding}",
            "Save or export the file as UTF-8 (or ANSI/ASCII): UTF-16 doubles its size, and other registries and interface engines refuse it.");

    private static void AddStructure(List<FileNote> notes, ValidationPolicy policy, int line, string text, string? fix)
    {
        var severity = policy.SeverityOf(Rules.FileStructure);
        if (severity != Severity.Off)
        {
            notes.Add(new FileNote(Rules.FileStructure, severity, line, text, fix));
        }
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
