using System.Globalization;
using System.Text.RegularExpressions;

namespace Registry.Ingest.Tests.Support;

/// <summary>
/// What must hold for any input, checked against <see cref="MshLines"/>. Each check returns the
/// violations it found (empty when all is well) so a property can show them all with its input.
/// </summary>
internal static partial class PipelineChecks
{
    /// <summary>
    /// Processed: report and ACK file, nothing else; one ACK per MSH line, BTS-1 that count, the
    /// report's "Messages read" that count; with <paramref name="controlIds"/>, MSA-2 is the MSH-10
    /// of the same line wherever that is readable. Not processed: the report alone, saying so.
    /// </summary>
    public static List<string> OneAckPerMshLine(byte[] input, PipelineRun run, bool controlIds = false)
    {
        var problems = new List<string>();
        var expectedFiles = run.Outcome.Processed ? new[] { PipelineRun.AckFileName, PipelineRun.ReportFileName } : [PipelineRun.ReportFileName];
        if (!run.Files.SequenceEqual(expectedFiles.Order(StringComparer.Ordinal)))
        {
            problems.Add($"the output folder holds [{string.Join(", ", run.Files)}], expected [{string.Join(", ", expectedFiles)}]");
        }

        if (run.Report is null)
        {
            problems.Add("no report was written");
            return problems;
        }

        if (!run.Outcome.Processed)
        {
            if (!run.Report.Contains("Outcome:  NOT PROCESSED.", StringComparison.Ordinal))
            {
                problems.Add("the file was not processed but the report does not say NOT PROCESSED");
            }

            return problems;
        }

        if (run.Ack is null)
        {
            problems.Add("the file was processed but no ACK file was written");
            return problems;
        }

        var expected = MshLines.ControlIds(input);
        var ack = AckFileText.Parse(run.Ack);
        problems.AddRange(ack.Problems.Select(p => "ACK file: " + p));
        if (ack.AckCount != expected.Count)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"{ack.AckCount} ACKs for {expected.Count} MSH lines"));
        }

        if (ack.DeclaredCount != expected.Count)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"BTS-1 is {ack.DeclaredCount?.ToString(CultureInfo.InvariantCulture) ?? "missing"} for {expected.Count} MSH lines"));
        }

        var read = MessagesRead().Match(run.Report);
        if (!read.Success || int.Parse(read.Groups[1].Value, CultureInfo.InvariantCulture) != expected.Count)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"the report's message count ('{read.Value.Trim()}') is not {expected.Count}"));
        }

        if (controlIds)
        {
            for (int i = 0; i < Math.Min(expected.Count, ack.AckCount); i++)
            {
                if (expected[i] is { } id && ack.AcknowledgedControlIds[i] != id)
                {
                    problems.Add(string.Create(CultureInfo.InvariantCulture, $"ACK {i + 1} has MSA-2 '{ack.AcknowledgedControlIds[i]}' for the MSH line with MSH-10 '{id}'"));
                }
            }
        }

        return problems;
    }

    /// <summary>A file is processed exactly when some line starts a message and no byte is NUL.</summary>
    public static List<string> ProcessedExactlyWhenReadable(byte[] input, PipelineRun run)
    {
        int messages = MshLines.CountAtLineStarts(input);
        var text = MshLines.AsRead(input); // a UTF-16 file's NULs are half its characters, not NULs
        // NUL bytes with only white space (and more NULs) after them are padding at the end of the file.
        int first = text.IndexOf((byte)0);
        bool nul = first >= 0 && text[first..].IndexOfAnyExcept([(byte)0, (byte)' ', (byte)'\t', (byte)'\r', (byte)'\n', (byte)'\f', (byte)0x1A]) >= 0;
        // A batch envelope without messages is a sender's "nothing today", processed too.
        bool batch = MshLines.IsEmptyBatch(first < 0 ? text : text[..first]);
        bool expected = (messages > 0 || batch) && !nul;
        return run.Outcome.Processed == expected
            ? []
            : [string.Create(CultureInfo.InvariantCulture, $"processed: {run.Outcome.Processed}, expected {expected} ({messages} MSH lines, batch header: {batch}, NUL bytes: {nul}); reason: {run.Outcome.NotProcessedReason ?? "none"}")];
    }

    [GeneratedRegex(@"^  Messages read +(\d+)\r?$", RegexOptions.Multiline)]
    private static partial Regex MessagesRead();
}
