using System.Globalization;
using System.Text;
using Dapper;
using Npgsql;
using Registry.Ingest.Hl7;
using Registry.Ingest.Immunization.Validation;
using Registry.Ingest.Immunization.Vxu;
using Registry.Ingest.Processing;

namespace Registry.Ingest.Storage;

/// <summary>
/// One file being stored, inside one transaction. Production (P) messages are staged as they are
/// read and written a chunk at a time with binary COPY; test (T) and debug (D) messages leave no
/// data. Nothing is visible to anyone until <see cref="Complete"/> commits; disposing without it
/// rolls everything back.
/// </summary>
/// <remarks>
/// Writing is pipelined: a chunk is looked up, then planned (decided and encoded, see
/// <see cref="ChunkWrites"/>) while the chunk before it is sent to the server, and sent itself
/// while the next is planned. The server's storing was the longest part of a big file and the
/// planning waited for it, chunk after chunk; now they overlap. A chunk's lookups run before the
/// chunk planned last is sent, so the patients that chunk will change are taken from its plan,
/// never read from the table; a chunk with vaccinations of patients whose vaccinations that chunk
/// sends (rare in a big file) waits for it to be stored, as a vaccination may be named by ORC-3
/// or by patient, vaccine and date.
/// </remarks>
internal sealed class IngestSession : IDisposable
{
    internal const long IngestLockKey = 0x52_49_49_4E_47; // one file at a time, across workers

    // Every join of a session looks up a chunk's keys in a big table. The planner's statistics
    // cannot count the rows this transaction has added, so as a big file grew the tables it
    // picked hash and merge joins over whole-table scans, once per chunk: quadratic. Nested
    // loops over the tables' unique indexes cost one probe per key, however big the tables get.
    private const string KeyedAccessSql = "SET LOCAL enable_hashjoin = off; SET LOCAL enable_mergejoin = off;\n";

    // The server compiles a statement to machine code (JIT) once its estimated cost passes
    // jit_above_cost. A chunk's statements over arrays of a thousand keys pass it, and compiling
    // them took longer than running them: 0.1-0.35 s a statement. Off, the update run of the
    // ingest benchmark took 7.8 s instead of 9.0 s (server CPU 4.8 s instead of 6.3 s).
    private const string NoJitSql = "SET LOCAL jit = off;\n";

    // Every patient and vaccination update of a session sets the digest of what it leaves, so the
    // stale-digest triggers (migrations 0004, 0009) must not take one for someone else's.
    private const string OwnDigestsSql = "SET LOCAL registry.writes_digests = 'on';\n";
    private readonly NpgsqlConnection connection;
    private readonly NpgsqlTransaction transaction;
    private readonly SqlIds ids;
    private readonly ReceivedFile file;
    private readonly ValidationPolicy policy;
    private readonly TimeProvider time;
    private readonly ContentHash digest = new(); // used by the reading thread only
    private List<StagedMessage> staged = [];
    private List<MessageResult> stagedTestDeletes = []; // T and D messages that delete or name an ORC-3: checked, never stored
    private List<MessageResult>? takenTestDeletes;
    private ChunkText stagedText = new(); // the raw text of staged, on the reading thread
    private ChunkText? takenText; // the raw text of the chunk taken for writing
    private readonly List<long> createdPatients = [];
    private ChunkWrites? planned; // the last chunk planned, not sent yet
    private Dictionary<PatientKey, PatientRow> plannedPatients = [];
    private HashSet<long> plannedVaccinationPatients = []; // whose vaccinations the plan not sent yet stores
    private long fileId;
    private int chunks;
    private bool done;

    private IngestSession(NpgsqlConnection connection, ReceivedFile file, ValidationPolicy policy, TimeProvider time)
    {
        this.connection = connection;
        transaction = connection.BeginTransaction();
        ids = new SqlIds(connection, transaction);
        this.file = file;
        this.policy = policy;
        this.time = time;
    }

    /// <summary>Set when a file with the same bytes was already processed: nothing is stored again.</summary>
    public OriginalFile? DuplicateOf { get; private set; }

    /// <summary>When a processed file of the same name (other bytes) was received, if one was: its records stay.</summary>
    public DateTime? SameNameReceivedAt { get; private set; }

    public static IngestSession Begin(NpgsqlConnection connection, ReceivedFile file, DatabaseOptions options, ValidationPolicy policy, TimeProvider time)
    {
        var session = new IngestSession(connection, file, policy, time);
        try
        {
            // A worker lost mid-file cannot roll back: the server ends its transaction, and frees the
            // ingest lock, once it has sat idle that long.
            string stalled = $"SET LOCAL idle_in_transaction_session_timeout = '{options.StalledFileTimeoutSeconds.ToString(CultureInfo.InvariantCulture)}s';\n";
            // Waiting for another worker's file is not a database failure: no command timeout for
            // it. A holder that dies frees the lock when the server ends its transaction (above).
            connection.Execute(KeyedAccessSql + NoJitSql + OwnDigestsSql + stalled + "SELECT pg_advisory_xact_lock(@IngestLockKey)", new { IngestLockKey }, session.transaction, commandTimeout: 0);
            session.DuplicateOf = file.Fingerprinted ? SubmissionFileWriter.FindProcessed(connection, session.transaction, file.Sha256) : null;
            if (session.DuplicateOf is null)
            {
                session.SameNameReceivedAt = SubmissionFileWriter.LastProcessedNamed(connection, session.transaction, file.FileName);
                session.fileId = SubmissionFileWriter.Insert(connection, session.transaction, file, "processing");
            }

            return session;
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    /// <summary>
    /// For a session begun before its file's fingerprint was known (read in one pass): records it,
    /// unless the file repeats a processed one, which is returned (the caller then rolls back).
    /// The ingest lock has been held since <see cref="Begin"/>, so no file can be committed with
    /// the same fingerprint in between.
    /// </summary>
    public OriginalFile? Fingerprint(ReceivedFile file)
    {
        if (SubmissionFileWriter.FindProcessed(connection, transaction, file.Sha256) is { } original)
        {
            return original;
        }

        connection.Execute(
            "UPDATE registry.submission_file SET sha256 = @Sha256, size_bytes = @SizeBytes WHERE id = @fileId",
            new { file.Sha256, file.SizeBytes, fileId },
            transaction);
        return null;
    }

    public void Add(Hl7BatchItem item, MessageResult result)
    {
        var header = item.Header;
        if (header.ProcessingId == "P")
        {
            var raw = stagedText.Add(item.Text);
            var update = result.Update;
            staged.Add(new StagedMessage(header, result, raw)
            {
                PatientKey = update is null ? null : PatientWriter.KeyOf(update),
                PatientDigest = update is null ? null : PatientWriter.Digest(digest, update),
                VaccinationDigests = update is null ? [] : VaccinationWriter.Digests(digest, update),
            });
        }
        else if (result.Update is { } test && test.Vaccinations.Any(v => v.ActionCode == "D" || v.FillerOrderId is not null))
        {
            // Acknowledged as P would be: a delete that names nothing is told so (W 204), and an
            // ORC-3 that names a stored vaccination of another vaccine (W 205).
            stagedTestDeletes.Add(result);
        }
    }

    /// <summary>The messages staged since the last call, for <see cref="Flush"/>; staging goes on into a new chunk.</summary>
    public List<StagedMessage> TakeChunk()
    {
        var chunk = staged;
        staged = [];
        takenTestDeletes = stagedTestDeletes; // the next Flush, which runs after this returns, checks them
        stagedTestDeletes = [];
        takenText = stagedText; // the previous chunk's was released when it was written
        stagedText = new ChunkText();
        return chunk;
    }

    /// <summary>
    /// Plans a chunk taken with <see cref="TakeChunk"/> while the one planned before it is sent;
    /// returns what only the database could tell, by message number. Chunks are written one at a
    /// time, in order, but may be written on another thread while the next chunk is being staged.
    /// What a chunk's plan leaves unsent is sent by the next call or by <see cref="Complete"/>; a
    /// failure to send it is thrown from there.
    /// </summary>
    public Dictionary<int, List<ValidationIssue>> Flush(List<StagedMessage> chunk)
    {
        var found = new Dictionary<int, List<ValidationIssue>>();
        if (takenTestDeletes is { Count: > 0 } testDeletes)
        {
            // Looked up as the chunks before leave the registry (rare: sent first, then looked up).
            takenTestDeletes = null;
            SendPlanned();
            foreach (var result in testDeletes)
            {
                var told = VaccinationWriter.OtherVaccines(connection, transaction, policy, result.Update!);
                told.AddRange(VaccinationWriter.UnknownDeletes(connection, transaction, policy, result.Update!)); // nothing asked without a delete

                if (told.Count > 0)
                {
                    found[result.Number] = told;
                }
            }
        }

        if (chunk.Count == 0)
        {
            ReleaseTakenText();
            return found;
        }

        // The lookups, on the connection, before the chunk planned last is sent.
        var messageIds = ids.Next("registry.message", chunk.Count);
        for (int i = 0; i < chunk.Count; i++)
        {
            chunk[i].Id = messageIds[i];
        }

        var patients = PatientWriter.Lookup(connection, transaction, ids, chunk, plannedPatients);
        if (VaccinationWriter.Touches(chunk, patients.Ids, plannedVaccinationPatients))
        {
            SendPlanned(); // this chunk's vaccinations are looked up as the chunk before leaves them
        }

        var vaccinations = VaccinationWriter.Lookup(connection, transaction, ids, chunk, patients.Ids, patients.IsNew);

        // Then the connection sends the last plan while this thread plans this chunk.
        var sending = planned;
        planned = null;
        var sent = sending is null ? Task.CompletedTask : Task.Run(() => sending.Apply(connection, transaction));
        var writes = new ChunkWrites { Number = ++chunks };
        try
        {
            ReleaseChunkMemory(); // the chunks before are garbage now; the server is storing the last one
            MessageWriter.Write(writes, fileId, chunk);
            PatientWriter.Plan(writes, fileId, file.ReceivedAt, patients, createdPatients);
            var issues = VaccinationWriter.Plan(writes, fileId, file.ReceivedAt, policy, vaccinations);
            if (issues.Count > 0)
            {
                MessageWriter.WriteIssues(writes, issues.Select(i => (i.Key.Id, i.Key.Result.Issues.Count, (IReadOnlyList<ValidationIssue>)i.Value)));
                foreach (var (message, list) in issues)
                {
                    found[message.Result.Number] = list;
                }

                // The message row was encoded before these were found: keep its ACK code the one sent.
                var changed = issues
                    .Select(i => (i.Key, Code: AckCodeRule.Decide([.. i.Key.Result.Issues, .. i.Value], policy.WarningsGiveAe)))
                    .Where(c => c.Code != c.Key.Result.AckCode)
                    .Select(c => new { c.Key.Id, Code = c.Code.ToString() })
                    .ToList();
                if (changed.Count > 0)
                {
                    writes.Execute("UPDATE registry.message SET ack_code = @Code WHERE id = @Id", changed);
                }
            }

            // The chunk's text is in its encoded rows now.
            chunk.Clear();
            ReleaseTakenText();
        }
        catch
        {
            writes.Dispose();
            WaitQuietly(sent);
            sending?.Dispose();
            throw;
        }

        try
        {
            sent.GetAwaiter().GetResult();
        }
        catch
        {
            writes.Dispose();
            throw;
        }
        finally
        {
            sending?.Dispose();
        }

        planned = writes;
        plannedPatients = patients.Rows;
        plannedVaccinationPatients = VaccinationWriter.Patients(vaccinations);
        return found;
    }

    private static void WaitQuietly(Task task)
    {
        try
        {
            task.Wait();
        }
        catch (AggregateException)
        {
            // Already failing: the first exception is the one that matters.
        }
    }

    /// <summary>Sends what the last chunk's plan left unsent.</summary>
    private void SendPlanned()
    {
        if (planned is { } writes)
        {
            planned = null;
            using (writes)
            {
                writes.Apply(connection, transaction);
            }
        }

        plannedPatients = [];
        plannedVaccinationPatients = [];
    }

    private void ReleaseTakenText()
    {
        takenText?.Release();
        takenText = null;
    }

    /// <summary>
    /// A chunk's messages and records live through several gen 0 collections, so they reach gen 2
    /// and stay there as garbage once written; left to itself the runtime let gen 2 grow by about
    /// 100 MB over a big file. A full collection between chunks, only once the heap has grown
    /// past the budget, keeps the process's memory flat at the cost of a few tens of ms per file.
    /// It runs while the server stores the chunk before: run after that, it held the connection
    /// idle, 0.2-0.3 s of a 50,000-message file.
    /// 64 MB: a 50,000-message file peaks at ~164 MB RSS with 13 of these. 80 MB ran 9 (about
    /// 0.1 s less paused) but took the worker, which carries more, to 231-239 MB of its 250 MB.
    /// </summary>
    private static void ReleaseChunkMemory()
    {
        const long HeapBudgetBytes = 64L << 20;
        if (GC.GetTotalMemory(forceFullCollection: false) > HeapBudgetBytes)
        {
            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: false);
        }
    }

    public void Complete(FileCounts counts, Stream reportText, Stream ackText)
    {
        SendPlanned();
        PatientWriter.FlagPossibleDuplicates(connection, transaction, createdPatients);
        SubmissionFileWriter.Complete(connection, transaction, fileId, time.GetUtcNow(), counts, reportText, ackText);
        transaction.Commit();
        done = true;
    }

    public void CompleteDuplicate(string reportText)
    {
        SubmissionFileWriter.Insert(connection, transaction, file, "duplicate", DuplicateOf!.Id, reportText);
        transaction.Commit();
        done = true;
    }

    public void Dispose()
    {
        planned?.Dispose();
        planned = null;
        if (!done)
        {
            try
            {
                transaction.Rollback();
            }
            catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
            {
                // The connection is gone; the server rolls the transaction back by itself.
            }
        }

        transaction.Dispose();
        connection.Dispose();
    }
}
