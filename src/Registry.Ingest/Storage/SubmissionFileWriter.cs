using Dapper;
using Npgsql;
using Registry.Ingest.Processing;

namespace Registry.Ingest.Storage;

/// <summary>registry.submission_file: one row per file received, whatever became of it.</summary>
internal static class SubmissionFileWriter
{
    public static long Insert(NpgsqlConnection connection, NpgsqlTransaction transaction, ReceivedFile file, string status, long? duplicateOf = null, string reportText = "") =>
        connection.ExecuteScalar<long>(
            """
            INSERT INTO registry.submission_file (file_name, clinic, sha256, size_bytes, received_at, status, duplicate_of, report_text)
            VALUES (@FileName, @Clinic, @Sha256, @SizeBytes, @ReceivedAt, @Status, @DuplicateOf, @ReportText)
            RETURNING id
            """,
            new { file.FileName, file.Clinic, file.Sha256, file.SizeBytes, ReceivedAt = file.ReceivedAt.UtcDateTime, Status = status, DuplicateOf = duplicateOf, ReportText = reportText },
            transaction);

    /// <summary>The processed file these bytes repeat, if any: never one without messages, which stored nothing.</summary>
    public static OriginalFile? FindProcessed(NpgsqlConnection connection, NpgsqlTransaction transaction, string sha256) =>
        connection.QuerySingleOrDefault<OriginalFile>(
            """
            SELECT id AS Id, file_name AS FileName, received_at AS ReceivedAt, ack_text AS AckText,
                   messages_read AS MessagesRead, ack_aa AS AckAa, ack_ae AS AckAe, ack_ar AS AckAr,
                   vaccinations_accepted AS VaccinationsAccepted, vaccinations_dropped AS VaccinationsDropped
            FROM registry.submission_file
            WHERE sha256 = @sha256 AND status = 'processed' AND messages_read > 0
            """,
            new { sha256 },
            transaction);

    /// <summary>When the last processed file of this name was received (a clinic's "corrected" re-upload), if any.</summary>
    public static DateTime? LastProcessedNamed(NpgsqlConnection connection, NpgsqlTransaction transaction, string fileName) =>
        connection.QuerySingleOrDefault<DateTime?>(
            "SELECT max(received_at) FROM registry.submission_file WHERE file_name = @fileName AND status = 'processed'",
            new { fileName },
            transaction);

    /// <param name="report">The report as written (UTF-8), streamed to the server, not held as text here.</param>
    /// <param name="ack">The ACK file as written (UTF-8); a 50,000-message file's is some 7 MB.</param>
    public static void Complete(NpgsqlConnection connection, NpgsqlTransaction transaction, long fileId, DateTimeOffset processedAt, FileCounts counts, Stream report, Stream ack)
    {
        using var command = new NpgsqlCommand(
            """
            UPDATE registry.submission_file
            SET status = 'processed', processed_at = @ProcessedAt, report_text = convert_from(@Report, 'UTF8'), ack_text = convert_from(@Ack, 'UTF8'),
                messages_read = @MessagesRead, messages_accepted = @Accepted, messages_with_warnings = @AcceptedWithWarnings,
                messages_in_part = @AcceptedInPart, messages_rejected = @Rejected, ack_aa = @AckAa, ack_ae = @AckAe, ack_ar = @AckAr,
                vaccinations_accepted = @VaccinationsAccepted, vaccinations_dropped = @VaccinationsDropped
            WHERE id = @FileId
            """,
            connection,
            transaction);
        var p = command.Parameters;
        p.Add(new NpgsqlParameter<long>("FileId", fileId));
        p.Add(new NpgsqlParameter<DateTime>("ProcessedAt", processedAt.UtcDateTime));
        p.Add(new NpgsqlParameter("Report", NpgsqlTypes.NpgsqlDbType.Bytea) { Value = report });
        p.Add(new NpgsqlParameter("Ack", NpgsqlTypes.NpgsqlDbType.Bytea) { Value = ack });
        p.Add(new NpgsqlParameter<int>("MessagesRead", counts.MessagesRead));
        p.Add(new NpgsqlParameter<int>("Accepted", counts.Accepted));
        p.Add(new NpgsqlParameter<int>("AcceptedWithWarnings", counts.AcceptedWithWarnings));
        p.Add(new NpgsqlParameter<int>("AcceptedInPart", counts.AcceptedInPart));
        p.Add(new NpgsqlParameter<int>("Rejected", counts.Rejected));
        p.Add(new NpgsqlParameter<int>("AckAa", counts.AckAa));
        p.Add(new NpgsqlParameter<int>("AckAe", counts.AckAe));
        p.Add(new NpgsqlParameter<int>("AckAr", counts.AckAr));
        p.Add(new NpgsqlParameter<int>("VaccinationsAccepted", counts.VaccinationsAccepted));
        p.Add(new NpgsqlParameter<int>("VaccinationsDropped", counts.VaccinationsDropped));
        command.ExecuteNonQuery();
    }
}
