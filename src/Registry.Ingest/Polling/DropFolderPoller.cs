using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.Extensions.Logging;
using Npgsql;
using Registry.Ingest.DropFolder;
using Registry.Ingest.Processing;

namespace Registry.Ingest.Polling;

/// <summary>
/// One poll of the drop folder: list it, keep track of which files are complete (stable), and take
/// each complete file through the steps downloaded → stored → acked → done, recording each step in
/// registry.drop_file once it is done. A crash at any point is finished on the next poll: a download
/// whose pipeline did not commit is downloaded and run again (the pipeline's transaction left
/// nothing); a stored file's ACK and report are written from what the database recorded, so they
/// are the same however often that is repeated; a moved original is not moved twice.
/// </summary>
internal sealed class DropFolderPoller(
    IDropFolder folder,
    DropFileStore store,
    BatchFileProcessor processor,
    PollOptions options,
    WorkerOptions worker,
    TimeProvider time,
    ILogger<DropFolderPoller> log,
    OutageLog outages)
{
    public const string DatabaseResource = "Database";
    public const string DropFolderResource = "Drop folder";
    public const string WorkFolderResource = "Work folder";

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);
    private readonly StabilityTracker tracker = new(time, options.StableFor);
    private readonly StabilityTracker cutUploads = new(time, options.RemoveCutUploadsAfter);
    private readonly HashSet<string> undeletable = new(StringComparer.Ordinal);
    private readonly HashSet<string> unhandled = new(StringComparer.Ordinal);
    private readonly HashSet<string> denied = new(StringComparer.Ordinal); // logged once per run each
    private readonly Dictionary<string, (long Size, DateTimeOffset LastWriteTime, bool Ends)> tails = new(StringComparer.Ordinal);
    private bool yielded;
    private Dictionary<string, FileObservation> ourTemporaries = new(StringComparer.Ordinal);

    public PollResult Poll(CancellationToken cancellationToken)
    {
        var result = new PollResult();
        DropFileStore.FolderClaim? claim;
        try
        {
            claim = store.TryLockFolder();
        }
        catch (NpgsqlException e)
        {
            outages.Failed(DatabaseResource, e);
            result.DatabaseUnavailable = true;
            return result;
        }

        if (claim is null)
        {
            // Workers that share a database take turns; only the first wait is worth an operator's notice.
            if (!yielded)
            {
                yielded = true;
                log.LogInformation("Another worker of this registry database is polling; this one polls {Folder} when that poll ends (logged once)", folder.Location);
            }
            else
            {
                log.LogDebug("Another worker of this registry database is polling; {Folder} waits for its turn", folder.Location);
            }

            result.OtherWorkerPolling = true;
            return result;
        }

        // Listed under the claim: a listing taken before it could still show files the other
        // worker has just finished and moved.
        using (claim)
        {
            IReadOnlyList<DropFolderEntry> listing;
            try
            {
                listing = folder.List();
                outages.Succeeded(DropFolderResource);
            }
            catch (DropFolderUnavailableException e)
            {
                outages.Failed(DropFolderResource, e);
                result.DropFolderUnavailable = true;
                return result;
            }

            return Poll(listing, claim, result, cancellationToken);
        }
    }

    private PollResult Poll(IReadOnlyList<DropFolderEntry> listing, DropFileStore.FolderClaim claim, PollResult result, CancellationToken cancellationToken)
    {
        RemoveCutUploads(listing);
        ReportUnhandledNames(listing);
        // A file named like a subfolder (a "rejected" that is no folder) is no upload: never taken.
        var candidates = DropFolderNames.Candidates(listing).Where(e => !options.IsSubfolderName(e.Name)).ToList();
        List<(DropFileRow Row, DropFolderEntry? Entry)> work;
        try
        {
            work = Plan(candidates, OutputNames(listing), result);
            if (outages.Succeeded(DatabaseResource))
            {
                // The pools may still hold connections the outage broke (the files' pool, idle
                // through it, is another than the poll's): the first file would take one and
                // fail, a second, false outage. Every connection after an outage is a new one.
                NpgsqlConnection.ClearAllPools();
            }
        }
        catch (NpgsqlException e)
        {
            outages.Failed(DatabaseResource, e);
            result.DatabaseUnavailable = true;
            return result;
        }

        for (int i = 0; i < work.Count; i++)
        {
            var (row, entry) = work[i];
            cancellationToken.ThrowIfCancellationRequested();
            if (!claim.StillHeld())
            {
                // Another worker may have the claim now: two taking the same file would each
                // store it, and one would answer the clinic that its upload was a duplicate.
                log.LogWarning("The poll of {Folder} lost its claim (its database connection was closed); it stops with {Left} file(s) left, which the next poll takes once it claims again", folder.Location, work.Count - i);
                result.Waiting += work.Count - i;
                break;
            }

            if (!Handle(row, entry, result, cancellationToken))
            {
                break;
            }
        }

        if (result.Finished + result.Retrying > 0)
        {
            log.LogInformation("Poll of {Folder}: {Finished} file(s) done ({Processed} processed, {Duplicates} of them duplicates of processed files; {Rejected} rejected; {Withdrawn} withdrawn by the clinic before they were stored), {Retrying} to retry, {Waiting} waiting",
                folder.Location, result.Finished, result.Processed, result.Duplicates, result.Rejected, result.Withdrawn, result.Retrying, result.Waiting);
        }

        return result;
    }

    /// <summary>
    /// Deletes our own temporary uploads that have sat unchanged for <c>RemoveCutUploadsAfter</c>:
    /// an ACK or report whose upload a crash or a lost connection cut off before the rename (the
    /// retry writes under a new name). Watched by our clock, in memory, by a running worker (a
    /// single <c>once</c> never waits long enough): after a restart the wait starts again. An
    /// upload in progress keeps changing, so it is never taken for one. A failure here is logged
    /// and the poll goes on.
    /// </summary>
    private void RemoveCutUploads(IReadOnlyList<DropFolderEntry> listing)
    {
        var (observations, cut) = cutUploads.Observe(ourTemporaries, listing.Where(e => DropFolderNames.IsOurTemporary(e.Name)));
        ourTemporaries = observations;
        foreach (var entry in cut)
        {
            try
            {
                folder.Delete(entry.Name);
                ourTemporaries.Remove(entry.Name);
                log.LogWarning("Removed {TemporaryName}, an upload of ours cut off before its rename", entry.Name);
            }
#pragma warning disable CA1031 // Tidying up must never keep a poll from taking files; an outage shows again where it matters.
            catch (Exception e) when (e is not OperationCanceledException)
#pragma warning restore CA1031
            {
                if (undeletable.Add(entry.Name))
                {
                    log.LogWarning("Could not remove {TemporaryName}, an upload of ours cut off before its rename: {Error}; tried again each poll, logged once", entry.Name, e.Message);
                }
            }
        }
    }

    /// <summary>Files whose names cannot be handled (<see cref="DropFolderNames.CanHandle"/>): left alone, logged once each, never blocking the rest.</summary>
    private void ReportUnhandledNames(IReadOnlyList<DropFolderEntry> listing)
    {
        foreach (var entry in listing)
        {
            if (!DropFolderNames.CanHandle(entry.Name) && !DropFolderNames.IsIgnored(entry.Name) && unhandled.Add(entry.Name))
            {
                log.LogWarning(
                    "{QuotedName} is left in the drop folder untouched: its name has a '\\', a control character or bytes that are not UTF-8, so it cannot be read or answered safely; the clinic should upload it again as HL7_<Clinic>_<YYYYMMDD>.txt",
                    FileNameText.Quote(entry.Name));
            }
        }
    }

    private static HashSet<string> OutputNames(IReadOnlyList<DropFolderEntry> listing) =>
        listing.Select(e => e.Name)
            .Where(n => n.EndsWith(BatchFileProcessor.AckSuffix, StringComparison.Ordinal) || n.EndsWith(BatchFileProcessor.ReportSuffix, StringComparison.Ordinal))
            .ToHashSet(StringComparer.Ordinal);

    /// <summary>
    /// A new upload of a name answered before: the previous upload's ACK and report go as soon as
    /// it is seen, so that nobody takes them for this upload's answer while it waits out its
    /// stable window (the earlier answer stays in the database, the earlier file in its subfolder).
    /// Best effort: the new answer replaces them anyway.
    /// </summary>
    private void RemoveStaleOutputs(string name, HashSet<string> outputs)
    {
        var baseName = SafeBaseName.For(name);
        var stale = new[] { baseName + BatchFileProcessor.AckSuffix, baseName + BatchFileProcessor.ReportSuffix }.Where(outputs.Contains).ToList();
        // Files of those names that no upload of this name was answered with are someone else's
        // (a client's own "x.ack.txt"): not ours to remove.
        if (stale.Count == 0 || !store.AnsweredBefore(name))
        {
            return;
        }

        try
        {
            foreach (var output in stale)
            {
                folder.Delete(output);
                outputs.Remove(output);
            }

            log.LogInformation("{FileName} was uploaded again: {Outputs} of the previous upload removed until this one is answered", name, string.Join(" and ", stale));
        }
        catch (Exception e) when (e is DropFolderUnavailableException or IOException or UnauthorizedAccessException)
        {
            log.LogWarning("{FileName} was uploaded again, but the previous upload's answer could not be removed ({Reason}); it is replaced once this one is answered", name, e.Message);
        }
    }

    /// <summary>Unfinished files first (whatever their state in the folder), then newly stable ones, up to the per-poll limit.</summary>
    /// <param name="outputs">The names of our ACKs and reports in the folder.</param>
    private List<(DropFileRow Row, DropFolderEntry? Entry)> Plan(List<DropFolderEntry> candidates, HashSet<string> outputs, PollResult result)
    {
        var rows = store.Open();
        var listed = candidates.ToDictionary(e => e.Name, StringComparer.Ordinal);
        var work = rows.Where(r => r.Step != DropFileStep.Seen)
            .Select(r => (r, listed.GetValueOrDefault(r.Name)))
            .ToList();
        var busy = work.Select(w => w.r.Name).ToHashSet(StringComparer.Ordinal);

        var seen = rows.Where(r => r.Step == DropFileStep.Seen)
            .ToDictionary(r => r.Name, r => new FileObservation(r.SizeBytes, r.ModifiedAt, r.StableSince), StringComparer.Ordinal);
        var (observations, stable) = tracker.Observe(seen, candidates.Where(c => !busy.Contains(c.Name)));
        var held = HoldUnterminated(stable, observations);
        foreach (var (name, observation) in observations)
        {
            if (!seen.TryGetValue(name, out var before) || before != observation)
            {
                store.Seen(name, observation.Size, observation.LastWriteTime, observation.StableSince);
            }

            if (before is null)
            {
                RemoveStaleOutputs(name, outputs);
            }
        }

        var gone = rows.Where(r => r.Step == DropFileStep.Seen && !observations.ContainsKey(r.Name)).ToList();
        store.ForgetSeen(gone.Select(r => r.Name).ToList());
        foreach (var row in gone)
        {
            // A copy a killed worker left behind before it recorded the download.
            RemoveWorkDirectory(row.Id);
        }

        var open = store.Open().ToDictionary(r => r.Name, StringComparer.Ordinal);
        int room = Math.Max(0, options.MaxFilesPerPoll - work.Count);
        foreach (var entry in stable.Take(room))
        {
            work.Add((open[entry.Name], entry));
        }

        result.Waiting = observations.Count - Math.Min(stable.Count, room);
        var stableNames = stable.Select(e => e.Name).ToHashSet(StringComparer.Ordinal);
        result.NextStableAt = observations.Where(o => !stableNames.Contains(o.Key))
            .Select(o => (DateTimeOffset?)(o.Value.StableSince + (held.Contains(o.Key) ? options.UnterminatedStableFor : options.StableFor)))
            .Min();
        return work;
    }

    /// <summary>
    /// Takes out of <paramref name="stable"/> the files that end in the middle of a line and have not
    /// stayed the same for <c>UnterminatedStableFor</c> yet (see <see cref="PollOptions.UnterminatedStableFor"/>);
    /// returns their names. Each file's last byte is read once per size and modification time.
    /// </summary>
    private HashSet<string> HoldUnterminated(List<DropFolderEntry> stable, Dictionary<string, FileObservation> observations)
    {
        var held = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in tails.Keys.Where(n => !observations.ContainsKey(n)).ToList())
        {
            tails.Remove(name);
        }

        if (options.UnterminatedStableFor <= options.StableFor)
        {
            return held;
        }

        var now = time.GetUtcNow();
        stable.RemoveAll(entry =>
        {
            var since = observations[entry.Name].StableSince;
            if (now - since >= options.UnterminatedStableFor || EndsWithLineBreak(entry) is not false)
            {
                return false;
            }

            held.Add(entry.Name);
            return true;
        });
        return held;
    }

    /// <summary>Whether the file ends with a line break; null when that could not be told (then it is not held).</summary>
    private bool? EndsWithLineBreak(DropFolderEntry entry)
    {
        if (tails.TryGetValue(entry.Name, out var known) && StabilityTracker.Unchanged(entry, known.Size, known.LastWriteTime))
        {
            return known.Ends;
        }

        bool ends;
        try
        {
            ends = folder.EndsWithLineBreak(entry);
        }
        catch (Exception e) when (e is FileNotFoundException or DropFolderUnavailableException)
        {
            return false; // gone, or the folder is: the next poll sees
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null; // taking it says what is wrong
        }

        tails[entry.Name] = (entry.Size, entry.LastWriteTime, ends);
        if (!ends)
        {
            log.LogInformation("{FileName} ends in the middle of a line ({Size} bytes): it is taken once it has stayed the same for {UnterminatedStableFor}, as its upload may only have paused",
                entry.Name, entry.Size, options.UnterminatedStableFor);
        }

        return ends;
    }

    /// <summary>Takes one file as far as it goes; false when the poll should stop (an outage).</summary>
    private bool Handle(DropFileRow row, DropFolderEntry? entry, PollResult result, CancellationToken cancellationToken)
    {
        using var scope = log.BeginScope(new Dictionary<string, object> { ["FileName"] = row.Name });
        var reached = new StrongBox<DropFileStep>(row.Step);
        try
        {
            Advance(row, entry, result, reached, cancellationToken);
            return true;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            log.LogWarning("Stopping: {FileName} abandoned after step {Step}; it is finished on the next poll", row.Name, reached.Value);
            throw;
        }
        catch (NpgsqlException e) when (IsOutage(e))
        {
            outages.Failed(DatabaseResource, e);
            log.LogWarning("{FileName}: the database became unavailable after step {Step}; nothing of the file is lost: its work goes on from that step when the database is back", row.Name, reached.Value);
            result.DatabaseUnavailable = true;
            return false;
        }
        catch (DropFolderUnavailableException e)
        {
            outages.Failed(DropFolderResource, e);
            log.LogWarning("{FileName}: the drop folder became unavailable after step {Step}; its work goes on from that step when the folder is back", row.Name, reached.Value);
            result.DropFolderUnavailable = true;
            return false;
        }
        catch (DropFileChangedException e) when (reached.Value < DropFileStep.Stored)
        {
            // Nothing was stored (the pipeline rolled back); not the file's fault: it waits.
            log.LogInformation("{FileName} changed while it was downloaded ({Read} bytes read of the {Listed} listed)", row.Name, e.BytesRead, e.ListedSize);
            if (folder.Find(row.Name) is { } now)
            {
                Restart(row, now, result);
            }

            return true;
        }
        catch (WorkFolderUnavailableException e)
        {
            // This machine's fault, not the file's: not counted against it; the file waits.
            outages.Failed(WorkFolderResource, e);
            result.Retrying++;
            return false;
        }
        catch (UnauthorizedAccessException e)
        {
            // Not the file's fault either (an upload's file mode, a server's umask, the worker's
            // account): counted against it, the file went to rejected/ after MaxAttempts with a
            // report blaming "an internal error", and every attempt logged a stack trace. It
            // waits, untouched, and says so once.
            if (denied.Add(row.Name))
            {
                if (reached.Value >= DropFileStep.Stored)
                {
                    // Read and stored already: what is denied is writing back or moving.
                    log.LogError("{FileName} is stored, but its ACK and report cannot be written back or the original moved: permission denied ({Error}). The worker finishes it once its account may write to the drop folder and its subfolders (check the folder's owner and mode)",
                        row.Name, e.Message);
                }
                else
                {
                    log.LogError("{FileName} cannot be read or moved by the worker: permission denied ({Error}). It stays in the drop folder, untouched, and is taken once the worker's account may read it (check the upload's file mode, the SFTP server's umask or the folder's owner)",
                        row.Name, e.Message);
                }
            }

            result.Retrying++;
            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return Failed(row, entry, e, result);
        }
    }

    /// <param name="reached">The last step recorded for the file, kept up to date for the shutdown log.</param>
    private void Advance(DropFileRow row, DropFolderEntry? entry, PollResult result, StrongBox<DropFileStep> reached, CancellationToken cancellationToken)
    {
        var step = row.Step;
        long? submission = row.SubmissionFileId;
        if (step is DropFileStep.Seen or DropFileStep.Downloaded)
        {
            // A download whose pipeline committed before the crash: its outcome is already recorded.
            submission = row is { Step: DropFileStep.Downloaded, Sha256: { } sha, SubmissionWatermark: { } mark } ? store.FindSubmission(row.Name, sha, mark) : null;
            if (submission is not null)
            {
                // A copy a killed worker left behind: the file is stored, the copy not needed.
                RemoveWorkDirectory(row.Id);
            }
            else
            {
                if (entry is null)
                {
                    RemoveWorkDirectory(row.Id);
                    log.LogWarning("{FileName} was removed from the drop folder before it was stored; nothing was stored", row.Name);
                    store.Done(row.Id, movedTo: null, outcome: "withdrawn");
                    result.Finished++;
                    result.Withdrawn++;
                    return;
                }

                if (ChangedSinceStable(row) is { } changed)
                {
                    // The listing can be minutes old (the files before this one took their time): a
                    // clinic may have started a new upload of it since, which must not be read
                    // half-done. So may one after an attempt that failed once the file was
                    // downloaded (an outage, a stop): that attempt's download says nothing of it.
                    Restart(row, changed, result);
                    return;
                }

                submission = DownloadAndRun(row, entry, reached, cancellationToken);
                if (submission is null)
                {
                    result.Finished++;
                    result.Withdrawn++;
                    return;
                }
            }

            store.Stored(row.Id, submission.Value, store.Outputs(submission.Value).Status);
            step = reached.Value = DropFileStep.Stored;
        }

        var outputs = store.Outputs(submission!.Value);
        if (step == DropFileStep.Stored)
        {
            WriteBack(row.Name, outputs.ReportText, outputs.AckText);
            store.Acked(row.Id);
            reached.Value = DropFileStep.Acked;
        }

        // As the file is now, not as the poll's listing saw it: a clinic may have replaced it while
        // it was stored, and a replacement must never be moved away unread.
        Finish(row, entry is null ? null : folder.Find(row.Name), outputs.Rejected ? options.RejectedFolder : options.ProcessedFolder, outputs.Rejected, outputs.Status);
        result.Finished++;
        if (outputs.Rejected)
        {
            result.Rejected++;
        }
        else
        {
            result.Processed++;
            if (outputs.Status == "duplicate")
            {
                result.Duplicates++;
            }
        }
    }

    /// <summary>The file changed since it was seen stable: its stable window starts again.</summary>
    private void Restart(DropFileRow row, DropFolderEntry changed, PollResult result)
    {
        var now = time.GetUtcNow();
        store.SeenAgain(row.Id, changed.Size, changed.LastWriteTime, now);
        log.LogInformation("{FileName} changed after it was seen complete ({Size} bytes now); it is taken once it has stayed the same for {StableFor}", row.Name, changed.Size, options.StableFor);
        result.Waiting++;
        result.NextStableAt = Earliest(result.NextStableAt, now + options.StableFor);
    }

    /// <summary>The file as it is now, when its size or time is no longer what was seen stable; null when unchanged or gone.</summary>
    private DropFolderEntry? ChangedSinceStable(DropFileRow row) =>
        folder.Find(row.Name) is { } current && !StabilityTracker.Unchanged(current, row.SizeBytes, row.ModifiedAt) ? current : null;

    private static DateTimeOffset Earliest(DateTimeOffset? a, DateTimeOffset b) => a is { } value && value < b ? value : b;

    /// <summary>
    /// Copies the file to the work folder while hashing it, and runs the ingest pipeline on the copy
    /// (as it arrives, or once it is whole when it may repeat a processed file).
    /// The copy holds patient data and is removed however this ends (done, failed, or stopped for
    /// shutdown): a retry downloads the file again.
    /// </summary>
    private long? DownloadAndRun(DropFileRow row, DropFolderEntry entry, StrongBox<DropFileStep> reached, CancellationToken cancellationToken)
    {
        var directory = WorkDirectory(row.Id);
        try
        {
            return DownloadAndRun(row, entry, directory, reached, cancellationToken);
        }
        finally
        {
            RemoveWorkDirectory(row.Id);
        }
    }

    /// <summary>How long before its download is due to end a file's pipeline may start (see <see cref="StreamedDownload.WaitUntilNearlyDone"/>).</summary>
    private static readonly TimeSpan StartBeforeDownloadEnds = TimeSpan.FromSeconds(3);

    private long? DownloadAndRun(DropFileRow row, DropFolderEntry entry, string directory, StrongBox<DropFileStep> reached, CancellationToken cancellationToken)
    {
        var input = Path.Combine(directory, "input");
        var outputDirectory = Directory.CreateDirectory(Path.Combine(directory, "out")).FullName;

        // Asked before the file is opened: a database outage here leaves no open SFTP handle behind.
        bool mayRepeat = store.ProcessedFileOfSize(entry.Size);
        long watermark = store.Watermark();
        Stream source;
        try
        {
            source = folder.OpenRead(row.Name);
        }
        catch (FileNotFoundException)
        {
            log.LogWarning("{FileName} was removed from the drop folder before it could be read; skipped", row.Name);
            store.Done(row.Id, movedTo: null, outcome: "withdrawn");
            return null;
        }

        // The download is recorded before the pipeline can see the file's end, so before any commit.
        string sha256 = string.Empty;
        using var download = new StreamedDownload(source, input, (sha, size) =>
        {
            if (size != entry.Size)
            {
                // Rewritten in place while it was read (an SFTP put onto the same name truncates
                // it first): what was read is neither the file seen nor the one there now.
                throw new DropFileChangedException(row.Name, entry.Size, size);
            }

            log.LogInformation("Took {FileName}: {Size} bytes, SHA-256 {Sha256}", row.Name, size, sha);
            store.Downloaded(row.Id, sha, size, watermark);
            sha256 = sha;
            reached.Value = DropFileStep.Downloaded;
        }, time, cancellationToken);
        FileOutcome outcome;
        if (mayRepeat)
        {
            // Perhaps a repeat of a processed file: whole first, so that the pipeline knows its
            // fingerprint before reading and answers a repeat without reading it.
            download.WaitUntilDone(cancellationToken);
            using var stream = new FileStream(input, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, FileOptions.SequentialScan);
            outcome = processor.Process(stream, row.Name, outputDirectory, cancellationToken);
        }
        else
        {
            // The usual case: the pipeline reads the copy while it downloads, in one pass (it
            // checks the content and the fingerprint at the end, before committing), from when
            // the download is due to end within a few seconds (at once on a fast link).
            download.WaitUntilNearlyDone(entry.Size, StartBeforeDownloadEnds, cancellationToken);
            using var stream = download.OpenReader();
            outcome = processor.Process(stream, row.Name, outputDirectory, cancellationToken);
        }

        LogOutcome(outcome);
        return store.FindSubmission(row.Name, sha256, watermark)
            ?? throw new InvalidOperationException("The pipeline finished but recorded no submission_file row for the file.");
    }

    private void LogOutcome(FileOutcome outcome)
    {
        var c = outcome.Counts;
        if (!outcome.Processed)
        {
            log.LogWarning("{FileName} not processed: {Reason}", outcome.FileName, outcome.NotProcessedReason);
        }
        else if (outcome.DuplicateOf is not null)
        {
            log.LogInformation("{FileName} repeats {OriginalFileName}: nothing stored again, its ACK repeated", outcome.FileName, outcome.DuplicateOf);
        }
        else
        {
            log.LogInformation("Stored {FileName}: {Messages} messages, AA {AckAa}, AE {AckAe}, AR {AckAr}; vaccinations accepted {Accepted}, dropped {Dropped}; pipeline {Timings}",
                outcome.FileName, c.MessagesRead, c.AckAa, c.AckAe, c.AckAr, c.VaccinationsAccepted, c.VaccinationsDropped, outcome.Timings?.ToString() ?? "-");
            if (c.InternalErrors > 0)
            {
                // A defect of ours: the message was answered AR 207 and the file went on.
                log.LogError("{FileName}: {InternalErrors} message(s) could not be checked because of an error in Registry.Ingest itself (rule message-internal-error, answered AR 207, not stored); the first, {InternalError}",
                    outcome.FileName, c.InternalErrors, c.FirstInternalError);
            }

            if (c.TestOrDebug > 0)
            {
                // An EHR left in test mode: everything acknowledged, nothing real arrives.
                log.Log(c.TestOrDebug == c.AcceptedMessages ? LogLevel.Warning : LogLevel.Information,
                    "{FileName}: {TestOrDebug} accepted message(s) are test or debug (MSH-11 T or D): acknowledged, not stored",
                    outcome.FileName, c.TestOrDebug);
            }
        }
    }

    /// <summary>Writes <c>&lt;base&gt;.ack.txt</c> (or removes a stale one when there is none) and <c>&lt;base&gt;.report.txt</c>.</summary>
    private void WriteBack(string name, string reportText, string? ackText)
    {
        var baseName = SafeBaseName.For(name);
        var ackName = baseName + BatchFileProcessor.AckSuffix;
        var reportName = baseName + BatchFileProcessor.ReportSuffix;
        if (ackText is null)
        {
            folder.Delete(ackName);
        }
        else
        {
            using var ack = new MemoryStream(Utf8.GetBytes(ackText));
            folder.WriteAtomically(ackName, ack);
        }

        using (var report = new MemoryStream(Utf8.GetBytes(reportText)))
        {
            folder.WriteAtomically(reportName, report);
        }

        log.LogInformation("Wrote {ReportName}{AckNote} for {FileName}", reportName, ackText is null ? string.Empty : " and " + ackName, name);
    }

    /// <summary>Moves (or deletes) the original; one already gone was moved before a crash, one changed is a new upload left alone.</summary>
    private void Finish(DropFileRow row, DropFolderEntry? entry, string subfolder, bool rejected, string outcome)
    {
        string? movedTo = null;
        if (entry is null)
        {
            log.LogInformation("{FileName} is no longer in the drop folder (moved before a restart, or removed)", row.Name);
        }
        else if (!StabilityTracker.Unchanged(entry, row.SizeBytes, row.ModifiedAt))
        {
            log.LogWarning("{FileName} was replaced by a new upload of {Size} bytes after it was taken; the new file is taken on a later poll", row.Name, entry.Size);
        }
        else if (!rejected && options.OriginalsAfterProcessing == OriginalsAfterProcessing.Delete)
        {
            folder.Delete(row.Name);
            log.LogInformation("Deleted {FileName} from the drop folder", row.Name);
        }
        else
        {
            try
            {
                movedTo = subfolder + "/" + folder.Move(row.Name, subfolder);
                log.LogInformation("Moved {FileName} to {MovedTo}", row.Name, movedTo);
            }
            catch (FileNotFoundException)
            {
                log.LogInformation("{FileName} is no longer in the drop folder (moved before a restart, or removed)", row.Name);
            }
        }

        store.Done(row.Id, movedTo, outcome);
    }

    private const int RepeatLogEvery = 60;

    /// <summary>A failure about this file: counted; after MaxAttempts a file not yet stored is rejected with an internal-error report.</summary>
    private bool Failed(DropFileRow row, DropFolderEntry? entry, Exception e, PollResult result)
    {
        int attempts;
        try
        {
            attempts = store.Failed(row.Id, $"{e.GetType().Name}: {e.Message}");
        }
        catch (NpgsqlException db)
        {
            log.LogError(e, "{FileName} failed; it stays in the drop folder for the next poll", row.Name);
            outages.Failed(DatabaseResource, db);
            result.DatabaseUnavailable = true;
            return false;
        }

        bool stored = row.Step is DropFileStep.Stored or DropFileStep.Acked;
        if (stored || attempts < options.MaxAttempts || entry is null)
        {
            // A stored file is never given up (its data is in the registry; only its answer or
            // move is missing): past MaxAttempts it is logged every RepeatLogEvery attempts, not
            // every poll, until someone mends what blocks it.
            if (attempts <= options.MaxAttempts || attempts % RepeatLogEvery == 0)
            {
                log.LogError(e, "{FileName} failed (attempt {Attempts}); it stays in the drop folder for the next poll{Repeat}",
                    row.Name, attempts, attempts < options.MaxAttempts ? string.Empty : $"; logged again every {RepeatLogEvery} attempts while it fails");
            }
            else
            {
                log.LogDebug("{FileName} failed again (attempt {Attempts}): {Error}", row.Name, attempts, e.Message);
            }

            result.Retrying++;
            return true;
        }

        log.LogError(e, "{FileName} failed {Attempts} times; giving up: it goes to {RejectedFolder} with a report saying an internal error happened", row.Name, attempts, options.RejectedFolder);
        try
        {
            WriteBack(row.Name, InternalErrorReport.Text(row.Name, attempts, time.GetLocalNow()), ackText: null);
            var movedTo = options.RejectedFolder + "/" + folder.Move(row.Name, options.RejectedFolder);
            store.Done(row.Id, movedTo, "failed");
            result.Finished++;
            result.Rejected++;
        }
#pragma warning disable CA1031 // One file that cannot even be rejected must never stop the poll for the others.
        catch (Exception again) when (again is not OperationCanceledException)
#pragma warning restore CA1031
        {
            log.LogError(again, "{FileName} could not be moved to {RejectedFolder}; retried next poll", row.Name, options.RejectedFolder);
            result.Retrying++;
        }

        return true;
    }

    private void RemoveWorkDirectory(long id)
    {
        var directory = Path.Combine(worker.ResolvedWorkDirectory, id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private string WorkDirectory(long id)
    {
        var root = worker.ResolvedWorkDirectory;
        WorkFolder.Prepare(root);
        try
        {
            var directory = Path.Combine(root, id.ToString(System.Globalization.CultureInfo.InvariantCulture));
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }

            var created = Directory.CreateDirectory(directory).FullName;
            outages.Succeeded(WorkFolderResource);
            return created;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new WorkFolderUnavailableException($"The work folder '{root}' (Worker:WorkDirectory) cannot be written: {e.Message}", e);
        }
    }

    /// <summary>The server is unreachable or refusing connections, as opposed to a statement failing on this file's data.</summary>
    private static bool IsOutage(NpgsqlException e) =>
        e.IsTransient || e is not PostgresException || ((PostgresException)e).SqlState.StartsWith("08", StringComparison.Ordinal) || ((PostgresException)e).SqlState.StartsWith("57P", StringComparison.Ordinal);
}
