using Dapper;
using Npgsql;

namespace Registry.Ingest.Polling;

/// <summary>registry.drop_file: the worker's progress on each file of a drop folder, one short statement per step.</summary>
internal sealed class DropFileStore(string connectionString, string folder, TimeProvider time)
{
    // Steps are committed without waiting for the WAL flush (about 2 ms each, five or six per
    // file, which bounded small files at ~12 a second). Losing the last few ms of steps in a
    // server crash is the same as the worker crashing just before recording them: every step
    // is redone safely, which is what the state machine is for. The stored data itself is
    // committed by the ingest session on its own connection, durably as always.
    private readonly string connectionString = WithAsynchronousCommit(connectionString);

    private const string Columns =
        """
        id AS Id, name AS Name, size_bytes AS SizeBytes, modified_at AS ModifiedAt, stable_since AS StableSince,
        step AS Step, sha256 AS Sha256, submission_watermark AS SubmissionWatermark,
        submission_file_id AS SubmissionFileId, attempts AS Attempts
        """;

    /// <summary>Where the advisory lock of <see cref="TryLockFolder"/> lives: its own key space (two int4 keys), apart from the ingest and migration locks.</summary>
    private const int FolderLockClass = 0x52_49_44_46; // "RIDF"

    /// <summary>
    /// Claims polling for one poll, against every other worker of this registry database: a
    /// session lock, held until the returned connection is disposed (or the worker dies and the
    /// server closes it). Null when another worker holds it. Two workers taking the same file
    /// would each download it, and the second would answer the clinic that its file was a
    /// duplicate. The claim is not per folder: the same folder reached as 127.0.0.1 and as
    /// localhost, or by an absolute and a home-relative path, has two names, and keyed by name two
    /// workers took every file. Files are stored one at a time anyway (the ingest lock), so
    /// workers of different folders lose little by polling in turn.
    /// </summary>
    public FolderClaim? TryLockFolder()
    {
        var connection = Connect();
        try
        {
            if (connection.ExecuteScalar<bool>("SELECT pg_try_advisory_lock(@FolderLockClass, 0)", new { FolderLockClass }))
            {
                return new FolderClaim(connection);
            }
        }
        catch
        {
            connection.Dispose();
            throw;
        }

        connection.Dispose();
        return null;
    }

    /// <summary>
    /// Unlocks before the connection goes back to the pool: a pooled connection stays open, and
    /// its session lock with it, until the pool next uses it.
    /// </summary>
    internal sealed class FolderClaim(NpgsqlConnection connection) : IDisposable
    {
        /// <summary>
        /// Whether the claim still holds: its connection, idle all poll long, may have been closed
        /// under it (an idle-session timeout, a firewall, a DBA's clean-up), and the server let the
        /// lock go with it, to the next worker that asks.
        /// </summary>
        public bool StillHeld()
        {
            try
            {
                return connection.ExecuteScalar<bool>(
                    "SELECT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND classid = @FolderLockClass AND objid = 0 AND pid = pg_backend_pid() AND granted)",
                    new { FolderLockClass });
            }
            catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
            {
                return false;
            }
        }

        public void Dispose()
        {
            try
            {
                connection.Execute("SELECT pg_advisory_unlock(@FolderLockClass, 0)", new { FolderLockClass });
            }
            catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
            {
                // The connection is gone, and the server let the lock go with it.
            }
            finally
            {
                connection.Dispose();
            }
        }
    }

    public IReadOnlyList<DropFileRow> Open()
    {
        using var connection = Connect();
        return connection.Query<(long Id, string Name, long SizeBytes, DateTime ModifiedAt, DateTime StableSince, string Step, string? Sha256, long? SubmissionWatermark, long? SubmissionFileId, int Attempts)>(
                $"SELECT {Columns} FROM registry.drop_file WHERE folder = @folder AND step <> 'done' ORDER BY name",
                new { folder })
            .Select(r => new DropFileRow(r.Id, r.Name, r.SizeBytes, Utc(r.ModifiedAt), Utc(r.StableSince), Enum.Parse<DropFileStep>(r.Step, ignoreCase: true), r.Sha256, r.SubmissionWatermark, r.SubmissionFileId, r.Attempts))
            .ToList();
    }

    public void Seen(string name, long size, DateTimeOffset modifiedAt, DateTimeOffset stableSince)
    {
        using var connection = Connect();
        connection.Execute(
            """
            INSERT INTO registry.drop_file (folder, name, size_bytes, modified_at, stable_since, step, created_at, updated_at)
            VALUES (@folder, @name, @size, @modifiedAt, @stableSince, 'seen', @now, @now)
            ON CONFLICT (folder, name) WHERE step <> 'done'
            DO UPDATE SET size_bytes = EXCLUDED.size_bytes, modified_at = EXCLUDED.modified_at,
                          stable_since = EXCLUDED.stable_since, updated_at = EXCLUDED.updated_at
            WHERE registry.drop_file.step = 'seen'
            """,
            new { folder, name, size, modifiedAt = modifiedAt.UtcDateTime, stableSince = stableSince.UtcDateTime, now = Now() });
    }

    /// <summary>
    /// A file not stored yet that changed since it was seen stable (a new upload after a failed
    /// attempt, or during its download): back to seen, its stable window starting again, what
    /// was downloaded of it forgotten.
    /// </summary>
    public void SeenAgain(long id, long size, DateTimeOffset modifiedAt, DateTimeOffset stableSince)
    {
        using var connection = Connect();
        connection.Execute(
            """
            UPDATE registry.drop_file
            SET step = 'seen', sha256 = NULL, submission_watermark = NULL, size_bytes = @size, modified_at = @modifiedAt,
                stable_since = @stableSince, updated_at = @now
            WHERE id = @id AND step IN ('seen', 'downloaded')
            """,
            new { id, size, modifiedAt = modifiedAt.UtcDateTime, stableSince = stableSince.UtcDateTime, now = Now() });
    }

    /// <summary>Forgets files that were only seen and are gone: nothing was done with them.</summary>
    public void ForgetSeen(IReadOnlyCollection<string> names)
    {
        if (names.Count == 0)
        {
            return;
        }

        using var connection = Connect();
        connection.Execute(
            "DELETE FROM registry.drop_file WHERE folder = @folder AND step = 'seen' AND name = ANY(@names)",
            new { folder, names = names.ToArray() });
    }

    /// <summary>
    /// Records the download and the watermark the pipeline's row will be above: taken here, in the
    /// same statement, or earlier (<see cref="Watermark"/>) when the pipeline began before the
    /// download ended.
    /// </summary>
    public long Downloaded(long id, string sha256, long size, long? watermark = null)
    {
        using var connection = Connect();
        return connection.ExecuteScalar<long>(
            """
            UPDATE registry.drop_file
            SET step = 'downloaded', sha256 = @sha256, size_bytes = @size, updated_at = @now,
                submission_watermark = coalesce(@watermark, (SELECT coalesce(max(id), 0) FROM registry.submission_file))
            WHERE id = @id
            RETURNING submission_watermark
            """,
            new { id, sha256, size, watermark, now = Now() });
    }

    /// <summary>The highest submission_file id committed so far: a pipeline that begins after this writes its row above it.</summary>
    public long Watermark()
    {
        using var connection = Connect();
        return connection.ExecuteScalar<long>("SELECT coalesce(max(id), 0) FROM registry.submission_file");
    }

    /// <summary>
    /// Whether an upload of this name was answered before (a finished row that was not withdrawn):
    /// only then are ACK and report files of its name in the folder the previous upload's answer.
    /// By name alone: one folder may be reached under two names (127.0.0.1 and localhost, two paths).
    /// </summary>
    public bool AnsweredBefore(string name)
    {
        using var connection = Connect();
        return connection.ExecuteScalar<bool>(
            "SELECT EXISTS (SELECT 1 FROM registry.drop_file WHERE name = @name AND step = 'done' AND outcome IS DISTINCT FROM 'withdrawn')",
            new { name });
    }

    /// <summary>Whether a processed file has this size: a file of any other size cannot repeat one.</summary>
    public bool ProcessedFileOfSize(long size)
    {
        using var connection = Connect();
        return connection.ExecuteScalar<bool>(
            "SELECT EXISTS (SELECT 1 FROM registry.submission_file WHERE size_bytes = @size AND status = 'processed' AND messages_read > 0)",
            new { size });
    }

    /// <summary>The submission_file row the pipeline wrote for this download, if it committed.</summary>
    public long? FindSubmission(string name, string sha256, long watermark)
    {
        using var connection = Connect();
        return connection.ExecuteScalar<long?>(
            """
            SELECT max(id) FROM registry.submission_file
            WHERE id > @watermark AND file_name = @name AND sha256 = @sha256 AND status <> 'processing'
            """,
            new { name, sha256, watermark });
    }

    public void Stored(long id, long submissionFileId, string outcome) =>
        Execute("UPDATE registry.drop_file SET step = 'stored', submission_file_id = @submissionFileId, outcome = @outcome, updated_at = @now WHERE id = @id",
            new { id, submissionFileId, outcome, now = Now() });

    public void Acked(long id) =>
        Execute("UPDATE registry.drop_file SET step = 'acked', updated_at = @now WHERE id = @id", new { id, now = Now() });

    public void Done(long id, string? movedTo, string? outcome = null) =>
        Execute("UPDATE registry.drop_file SET step = 'done', moved_to = @movedTo, outcome = coalesce(@outcome, outcome), updated_at = @now WHERE id = @id",
            new { id, movedTo, outcome, now = Now() });

    /// <summary>Counts a failed attempt; returns the attempts so far.</summary>
    public int Failed(long id, string error)
    {
        using var connection = Connect();
        return connection.ExecuteScalar<int>(
            "UPDATE registry.drop_file SET attempts = attempts + 1, last_error = @error, updated_at = @now WHERE id = @id RETURNING attempts",
            new { id, error, now = Now() });
    }

    public SubmissionOutputs Outputs(long submissionFileId)
    {
        using var connection = Connect();
        return connection.QuerySingle<SubmissionOutputs>(
            """
            SELECT s.status AS Status, s.report_text AS ReportText, coalesce(s.ack_text, o.ack_text) AS AckText
            FROM registry.submission_file s LEFT JOIN registry.submission_file o ON o.id = s.duplicate_of
            WHERE s.id = @submissionFileId
            """,
            new { submissionFileId });
    }

    /// <summary>Proves the database answers and the schema has this table (for <c>check</c>).</summary>
    public long CountOpen()
    {
        using var connection = Connect();
        return connection.ExecuteScalar<long>("SELECT count(*) FROM registry.drop_file WHERE folder = @folder AND step <> 'done'", new { folder });
    }

    private static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));

    private DateTime Now() => time.GetUtcNow().UtcDateTime;

    private void Execute(string sql, object parameters)
    {
        using var connection = Connect();
        connection.Execute(sql, parameters);
    }

    private static string WithAsynchronousCommit(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        builder.Options = string.IsNullOrWhiteSpace(builder.Options) ? "-c synchronous_commit=off" : builder.Options + " -c synchronous_commit=off";
        return builder.ConnectionString;
    }

    private NpgsqlConnection Connect()
    {
        var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        return connection;
    }
}
