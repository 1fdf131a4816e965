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

    public static OriginalFile? FindProcessed(NpgsqlConnection connection, NpgsqlTransaction transaction, string sha256) =>
        connection.QuerySingleOrDefault<OriginalFile>(
            """
            SELECT id AS Id, file_name AS FileName, received_at AS ReceivedAt, ack_text AS AckText,
                   messages_read AS MessagesRead, ack_aa AS AckAa, ack_ae AS AckAe, ack_ar AS AckAr,
                   vaccinations_accepted AS VaccinationsAccepted, vaccinations_dropped AS VaccinationsDropped
            FROM registry.submission_file
            WHERE sha256 = @sha256 AND status = 'processed'
            """,
            new { sha256 },
            transaction);

    public static void Complete(NpgsqlConnection connection, NpgsqlTransaction transaction, long fileId, DateTimeOffset processedAt, FileCounts counts, string reportText, string? ackText) =>
        connection.Execute(
            """
            UPDATE registry.submission_file
            SET status = 'processed', processed_at = @ProcessedAt, report_text = @ReportText, ack_text = @AckText,
                messages_read = @MessagesRead, messages_accepted = @Accepted, messages_with_warnings = @AcceptedWithWarnings,
                messages_in_part = @AcceptedInPart, messages_rejected = @Rejected, ack_aa = @AckAa, ack_ae = @AckAe, ack_ar = @AckAr,
                vaccinations_accepted = @VaccinationsAccepted, vaccinations_dropped = @VaccinationsDropped
            WHERE id = @FileId
            """,
            new
            {
                FileId = fileId, ProcessedAt = processedAt.UtcDateTime, ReportText = reportText, AckText = ackText,
                counts.MessagesRead, counts.Accepted, counts.AcceptedWithWarnings, counts.AcceptedInPart, counts.Rejected,
                counts.AckAa, counts.AckAe, counts.AckAr, counts.VaccinationsAccepted, counts.VaccinationsDropped,
            },
            transaction);
}
