using System.Globalization;
using Registry.Ingest.Hl7;
using Registry.Ingest.Immunization.Validation;
using Registry.Ingest.Immunization.Vxu;
using Registry.Ingest.Processing;

namespace Registry.Ingest.Acks;

/// <summary>
/// The plain-text report a clinic's support staff reads: the outcome first, then counts, then
/// each problem with its place in the file and how to fix it. Messages are named by number,
/// control id and line only, never by anything about the patient.
/// </summary>
internal static class ReportWriter
{
    private const string Rule = "------------------------------------------------------------------------";

    public static void WriteHeader(TextWriter w, string fileName, DateTimeOffset readAt, string profile)
    {
        w.WriteLine("Registry.Ingest file report");
        w.WriteLine("===========================");
        w.WriteLine($"File:     {fileName}");
        w.WriteLine($"Read at:  {readAt.ToString("yyyy-MM-dd HH:mm:ss zzz", CultureInfo.InvariantCulture)}");
        w.WriteLine($"Rules:    profile {profile}");
    }

    public static void WriteNotProcessed(TextWriter w, string reason, string rule)
    {
        w.WriteLine("Outcome:  NOT PROCESSED. Nothing in this file was read or stored, and no ACK file was written.");
        w.WriteLine();
        w.WriteLine($"Why:      {reason}");
        w.WriteLine($"Rule:     {rule}");
        w.WriteLine();
        // The name was fine when it was the content that was not usable: say what to fix.
        w.WriteLine(rule == DropFolder.BatchFileName.NamingRule
            ? "What to do: upload the file again under a name that follows the rule above."
            : "What to do: export the file again as plain text holding the HL7 messages (not a zip, PDF, Word or CSV file) and upload it again.");
    }

    public static void WriteDuplicate(TextWriter w, Storage.OriginalFile original, string ackFileName)
    {
        w.WriteLine("Outcome:  DUPLICATE. This file has exactly the same content as a file already processed; nothing was stored again.");
        w.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Original: {original.FileName}, received {original.ReceivedAt:yyyy-MM-dd HH:mm:ss} UTC"));
        w.WriteLine($"ACK file: {ackFileName} repeats the acknowledgements sent for the original.");
        w.WriteLine();
        w.WriteLine("Original outcome");
        Line(w, "Messages read", original.MessagesRead);
        w.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {"ACK codes",-44} AA {original.AckAa}, AE {original.AckAe}, AR {original.AckAr}"));
        Line(w, "Vaccination records accepted (as sent)", original.VaccinationsAccepted);
        Line(w, "Vaccination records dropped", original.VaccinationsDropped);
        w.WriteLine();
        w.WriteLine("What to do: nothing, if the file was sent twice by mistake. To correct data, send a new file with the corrected messages.");
    }

    /// <summary>What the batch header/trailer counts say next to what was read.</summary>
    public static string BatchCounts(Hl7BatchEnvelope envelope)
    {
        if (envelope.Batches.Count == 0 && envelope.FileTrailer is null)
        {
            return envelope.FileHeader is null ? "no BHS/BTS or FHS/FTS in this file" : "no BHS/BTS in this file; an FHS without its FTS";
        }

        var parts = envelope.Batches.Select(b => b.Trailer?.DeclaredCount is { } declared
            ? string.Create(CultureInfo.InvariantCulture, $"batch {b.Number}: BTS-1 says {declared}, read {b.MessagesRead}")
            : b.Trailer is { CountIsNotANumber: true }
                ? string.Create(CultureInfo.InvariantCulture, $"batch {b.Number}: BTS-1 is not a count, read {b.MessagesRead}")
                : string.Create(CultureInfo.InvariantCulture, $"batch {b.Number}: no count given, read {b.MessagesRead}")).ToList();
        if (envelope.FileTrailer?.DeclaredCount is { } files)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"FTS-1 says {files}, read {envelope.Batches.Count} batch(es)"));
        }
        else if (envelope.FileTrailer is { CountIsNotANumber: true })
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"FTS-1 is not a count, read {envelope.Batches.Count} batch(es)"));
        }

        if (envelope.MessagesOutsideBatches > 0 && envelope.Batches.Count > 0)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{envelope.MessagesOutsideBatches} message(s) outside any batch"));
        }

        return string.Join("; ", parts);
    }

    public static void WriteSummary(TextWriter w, FileCounts c, string ackFileName, IReadOnlyList<FileNote> notes, string batchCounts, NotStoredList? notStored = null)
    {
        w.WriteLine($"Outcome:  {Outcome(c)}");
        if (TestOrDebugNote(c) is { } testOrDebug)
        {
            w.WriteLine($"          {testOrDebug}");
        }

        w.WriteLine($"ACK file: {ackFileName} (one acknowledgement per message, in file order)");
        w.WriteLine();
        w.WriteLine("Counts");
        Line(w, "Messages read", c.MessagesRead);
        Line(w, "  accepted, no issues", c.Accepted);
        Line(w, "  accepted with warnings", c.AcceptedWithWarnings);
        Line(w, "  accepted in part (vaccinations dropped)", c.AcceptedInPart);
        Line(w, "  rejected (nothing stored)", c.Rejected);
        if (c.TestOrDebug > 0)
        {
            // Counted above as accepted: validated and acknowledged as P would be, but never stored.
            Line(w, "  of the accepted: test/debug, not stored", c.TestOrDebug);
        }

        w.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {"ACK codes",-44} AA {c.AckAa}, AE {c.AckAe}, AR {c.AckAr}"));
        Line(w, "Vaccination records accepted (as sent)", c.VaccinationsAccepted);
        if (c.VaccinationsInTestOrDebug > 0)
        {
            Line(w, "  of these, in test or debug messages", c.VaccinationsInTestOrDebug);
        }

        Line(w, "Vaccination records dropped", c.VaccinationsDropped);
        w.WriteLine($"  {"Batch header counts",-44} {batchCounts}");
        w.WriteLine();
        WriteRuleTallies(w, c.RulesByFrequency);
        if (notStored is { Count: > 0 })
        {
            WriteNotStored(w, notStored);
        }

        w.WriteLine("File-level notes");
        if (notes.Count == 0)
        {
            w.WriteLine("  none");
        }

        foreach (var note in notes)
        {
            var line = note.Line > 0 ? string.Create(CultureInfo.InvariantCulture, $"line {note.Line}: ") : string.Empty;
            w.WriteLine($"  {ReportText.Severity(note.Severity)} {line}{note.Text} [{note.Rule.Id}]");
            w.WriteLine($"    Fix: {note.Fix ?? note.Rule.Fix}");
        }

        w.WriteLine();
    }

    /// <summary>
    /// Which problems the file's messages have, most widespread first: one setting or mapping in
    /// the sending system is often behind many messages, and is fixed once. Each is explained, with
    /// its fix, under the messages below. Nothing when no message has an issue.
    /// </summary>
    private static void WriteRuleTallies(TextWriter w, IReadOnlyList<Processing.RuleTally> tallies)
    {
        const int Listed = 15;
        if (tallies.Count == 0)
        {
            return;
        }

        w.WriteLine("Problems by rule (most widespread first; each is explained under its messages below)");
        foreach (var t in tallies.Take(Listed))
        {
            var messages = ReportText.Count(t.Messages, "message", "messages");
            var times = t.Times > t.Messages ? string.Create(CultureInfo.InvariantCulture, $" ({t.Times} times)") : string.Empty;
            w.WriteLine($"  {ReportText.Severity(t.Severity),-8} {t.Rule.Id,-34} {messages}{times}");
        }

        if (tallies.Count > Listed)
        {
            // Most widespread first: the rest fired in no more messages than the last listed (as many, for a tie).
            var most = ReportText.Count(tallies[Listed - 1].Messages, "message", "messages");
            w.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  and {ReportText.Count(tallies.Count - Listed, "more rule", "more rules")}, each in at most {most}"));
        }

        w.WriteLine();
    }

    /// <summary>The messages to find first in the sending system: each is explained below, among the others.</summary>
    private static void WriteNotStored(TextWriter w, NotStoredList list)
    {
        w.WriteLine("Messages not stored, or stored in part (find these first; their issues are explained below)");
        foreach (var headline in list.Headlines)
        {
            w.WriteLine($"  {headline}");
        }

        if (list.Count > list.Headlines.Count)
        {
            w.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  and {list.Count - list.Headlines.Count} more (only the first {list.Headlines.Count} are listed here)"));
        }

        w.WriteLine();
    }

    public static void WriteMessagesHeading(TextWriter w, int messagesWithIssues, int messagesRead)
    {
        w.WriteLine(messagesRead == 0 ? "Messages: none in this file."
            : messagesWithIssues == 0 ? "Messages: every message was accepted without any issue." : "Messages with issues");
        w.WriteLine(Rule);
    }

    /// <summary>How a message is named in the report: its number, control id and line, its ACK code and what became of it.</summary>
    /// <param name="processingId">Its MSH-11: a test or debug message is said not to be stored, whatever its ACK code.</param>
    public static string Headline(MessageResult r, string processingId)
    {
        var id = r.ControlId.Length == 0 ? "(no control id)" : $"control id {Quote(r.ControlId)}";
        var test = r.Stored && processingId is "T" or "D" ? $"; {(processingId == "T" ? "test" : "debug")} message (MSH-11 {processingId}), not stored" : string.Empty;
        return string.Create(CultureInfo.InvariantCulture, $"Message {r.Number}, {id}, line {r.FirstLine}: {r.AckCode}, {Status(r)}{test}");
    }

    /// <summary>
    /// One message's block: written as messages are read, into a side file, so memory stays flat.
    /// Errors first, then warnings, then notes; within each, in the order of the message's lines,
    /// so that support staff can walk the message from top to bottom (the validator finds issues
    /// check by check, not line by line). What is about the whole message comes first, and the
    /// note that no vaccination could be accepted last.
    /// </summary>
    public static void WriteMessage(TextWriter w, MessageResult r, string processingId = "P")
    {
        w.WriteLine(Headline(r, processingId));
        var inLineOrder = InLineOrder(r.Issues);
        foreach (var severity in (ReadOnlySpan<Severity>)[Severity.Error, Severity.Warning, Severity.Information])
        {
            foreach (var issue in inLineOrder)
            {
                if (issue.Severity != severity)
                {
                    continue;
                }

                var line = issue.Location is { Line: > 0 } at ? string.Create(CultureInfo.InvariantCulture, $", line {at.Line}") : string.Empty;
                var where = issue.Rule == Rules.MessageUnparseable || issue.Rule == Rules.MessageCutShort ? "message structure" : ReportText.Location(issue.Location, issue.Vaccination);
                w.WriteLine($"  {ReportText.Severity(issue.Severity)} at {where}{line} [{issue.Rule.Id}]");
                w.WriteLine($"    {issue.Text}");
                if (issue.Severity != Severity.Information)
                {
                    w.WriteLine($"    Fix: {issue.Fix}");
                }
            }
        }

        w.WriteLine();
    }

    /// <summary>
    /// A message's issues in the order of its lines, then fields (what is about the whole message
    /// first): the order of the report, and of the ACK's ERR segments within each severity.
    /// </summary>
    internal static IReadOnlyList<ValidationIssue> InLineOrder(IReadOnlyList<ValidationIssue> issues)
    {
        for (int i = 1; i < issues.Count; i++)
        {
            if (Compare(issues[i - 1], issues[i]) > 0)
            {
                return [.. issues.OrderBy(LineOrder).ThenBy(FieldOrder)]; // stable: one field's issues stay as found
            }
        }

        return issues;

        static int Compare(ValidationIssue a, ValidationIssue b) =>
            LineOrder(a) != LineOrder(b) ? LineOrder(a).CompareTo(LineOrder(b)) : FieldOrder(a).CompareTo(FieldOrder(b));
    }

    // "Nothing could be accepted" sums up the errors before it, wherever its location points.
    private static int LineOrder(ValidationIssue issue) => issue.Rule == Rules.NoVaccinations ? int.MaxValue : issue.Location?.Line ?? 0;

    private static int FieldOrder(ValidationIssue issue) => issue.Location is { Field: > 0 } at ? at.Field : int.MaxValue;

    public static void WriteFooter(TextWriter w)
    {
        w.WriteLine(Rule);
        w.WriteLine("How to read this report: ERROR means data was not stored (the whole message when the error is");
        w.WriteLine("about the patient or the header, otherwise the vaccination named); WARNING means what it names");
        w.WriteLine("was accepted as it stands (a deletion that matched nothing changed nothing) but should be");
        w.WriteLine("corrected in your system; under a message or vaccination that was not stored, it is one more");
        w.WriteLine("thing to fix before sending it again. INFO is for your records. Locations such as RXA-5 mean");
        w.WriteLine("segment RXA, field 5 (PID-3.4 is component 4 of PID-3, PID-5[2] the second repetition of");
        w.WriteLine("PID-5); line numbers count lines of the uploaded file from 1. To correct a stored");
        w.WriteLine("vaccination, resend it with the same ORC-3; to delete one, resend it with RXA-21 = D.");
    }

    private static string Outcome(FileCounts c)
    {
        if (c.MessagesRead == 0)
        {
            return "PROCESSED. The file holds a batch envelope and no message: nothing to store.";
        }

        int stored = c.AcceptedMessages;
        var text = string.Create(CultureInfo.InvariantCulture, $"PROCESSED. {stored} of {ReportText.Count(c.MessagesRead, "message", "messages")} accepted");
        if (c.AcceptedWithWarnings + c.AcceptedInPart > 0)
        {
            text += string.Create(CultureInfo.InvariantCulture, $" ({c.AcceptedWithWarnings} with warnings, {c.AcceptedInPart} in part)");
        }

        return c.Rejected > 0 ? text + string.Create(CultureInfo.InvariantCulture, $"; {c.Rejected} rejected.") : text + ".";
    }

    /// <summary>Accepted is not stored for test and debug messages: an EHR left in test mode sends nothing real.</summary>
    private static string? TestOrDebugNote(FileCounts c)
    {
        int stored = c.AcceptedMessages;
        return c.TestOrDebug == 0 ? null
            : c.TestOrDebug == stored
                ? string.Create(CultureInfo.InvariantCulture, $"NOTHING WAS STORED: {(stored == 1 ? "the accepted message is" : $"all {stored} accepted messages are")} test or debug (MSH-11 T or D); set MSH-11 to P to send real data.")
                : string.Create(CultureInfo.InvariantCulture, $"{c.TestOrDebug} of the accepted are test or debug (MSH-11 T or D) and were not stored.");
    }

    private static string Status(MessageResult r)
    {
        if (!r.Stored)
        {
            return "rejected, nothing stored";
        }

        if (r.VaccinationsDropped > 0)
        {
            return string.Create(CultureInfo.InvariantCulture, $"accepted in part ({r.VaccinationsDropped} of {ReportText.Count(r.VaccinationsRead, "vaccination", "vaccinations")} dropped)");
        }

        // Stored whole but for an error that dropped no vaccination: an ORC without its RXA.
        return r.HasErrors ? "accepted in part (no vaccination dropped; the segments its errors name were left out)"
            : r.HasWarnings ? "accepted with warnings" : "accepted";
    }

    private static void Line(TextWriter w, string label, int value) =>
        w.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {label,-44} {value}"));

    /// <summary>A control id as the report shows it: quoted, control characters as spaces, and at most 40 characters, a longer one cut with "...".</summary>
    private static string Quote(string value)
    {
        const int Shown = 40;
        int keep = value.Length > Shown ? Shown - 3 : Shown;
        if (keep < value.Length && char.IsHighSurrogate(value[keep - 1]))
        {
            keep--; // never half of an emoji: it would be written as the replacement character
        }

        var clean = new string(value.Select(c => char.IsControl(c) ? ' ' : c).Take(keep).ToArray());
        return value.Length > Shown ? $"\"{clean}...\"" : $"\"{clean}\"";
    }
}
