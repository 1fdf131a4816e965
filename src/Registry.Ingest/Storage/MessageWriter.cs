using Registry.Ingest.Immunization.Validation;

namespace Registry.Ingest.Storage;

/// <summary>Production messages of a chunk and their issues, by binary COPY.</summary>
internal static class MessageWriter
{
    /// <summary>The messages' rows, with the ids they were given (<see cref="StagedMessage.Id"/>), and their issues.</summary>
    public static void Write(ChunkWrites writes, long fileId, List<StagedMessage> messages)
    {
        using (var copy = BinaryCopyWriter.Begin(
            writes,
            "COPY registry.message (id, file_id, seq, first_line, control_id, sending_application, sending_facility, version, processing_id, message_time, ack_code, stored, raw_text) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var m in messages)
            {
                copy.StartRow();
                copy.WriteLong(m.Id);
                copy.WriteLong(fileId);
                copy.WriteInt(m.Result.Number);
                copy.WriteInt(m.Result.FirstLine);
                copy.WriteText(m.Header.ControlId);
                copy.WriteText(m.Header.SendingApplication);
                copy.WriteText(m.Result.Update?.Header.SendingFacility ?? m.Header.SendingFacility); // stored: the facility the patients are known under
                copy.WriteText(m.Header.Version);
                copy.WriteText(m.Header.ProcessingId);
                copy.WriteLocalTime(m.Result.Update?.Header.MessageTime);
                copy.WriteText(m.Result.AckCode.ToString());
                copy.WriteBool(m.Result.Stored);
                copy.WriteUtf8Text(m.RawUtf8.Span);
            }

            copy.Complete();
        }

        WriteIssues(writes, messages);
    }

    /// <summary>Issues found by the database (a delete of an unknown vaccination) are added to a message's.</summary>
    public static void WriteIssues(ChunkWrites writes, IEnumerable<(long MessageId, int FirstOrdinal, IReadOnlyList<ValidationIssue> Issues)> issues)
    {
        using var copy = BinaryCopyWriter.Begin(
            writes,
            "COPY registry.message_issue (message_id, ordinal, rule_id, severity, location, line, vaccination, hl7_code, app_code, text) FROM STDIN (FORMAT BINARY)");
        foreach (var (messageId, first, list) in issues)
        {
            int ordinal = first;
            foreach (var issue in list)
            {
                if (issue.Severity == Severity.Off)
                {
                    continue;
                }

                copy.StartRow();
                copy.WriteLong(messageId);
                copy.WriteInt(++ordinal);
                copy.WriteText(issue.Rule.Id);
                copy.WriteText(issue.Severity switch { Severity.Error => "E", Severity.Warning => "W", _ => "I" });
                copy.WriteText(issue.Location?.ToErl());
                copy.WriteInt(issue.Location?.Line is > 0 ? issue.Location.Value.Line : null);
                copy.WriteInt(issue.Vaccination);
                copy.WriteInt(issue.Hl7ErrorCode);
                copy.WriteInt(issue.ApplicationErrorCode);
                copy.WriteText(issue.Text);
            }
        }

        copy.Complete();
    }

    private static void WriteIssues(ChunkWrites writes, List<StagedMessage> messages) =>
        WriteIssues(writes, messages.Where(m => m.Result.Issues.Count > 0).Select(m => (m.Id, 0, m.Result.Issues)));
}
