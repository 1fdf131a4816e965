using System.Globalization;
using System.Text;
using Registry.Ingest.Acks;
using Registry.Ingest.DropFolder;
using Registry.Ingest.Hl7;
using Registry.Ingest.Immunization.Validation;
using Registry.Ingest.Immunization.Vxu;
using Registry.Ingest.Storage;

namespace Registry.Ingest.Processing;

/// <summary>
/// Takes one batch file through the pipeline exactly as the worker does: file name rule, content
/// check, then message by message validation with one ACK each, streamed to the ACK file, then the
/// report. With storage, production messages are stored a chunk at a time inside the file's
/// transaction, and the ACKs and report of a chunk are written once the database has spoken (it
/// can add issues, e.g. a deletion that matches nothing). Outputs are written under temporary
/// names and renamed into place only after the data is committed. Memory stays flat whatever
/// the file size: messages, ACKs and report entries are streamed.
/// </summary>
internal sealed class BatchFileProcessor(
    VxuValidator validator, Hl7AckOptions ackOptions, TimeProvider time, IngestStorage? storage = null, int chunkSize = 2000, bool durableOutputs = true)
{
    public const string AckSuffix = ".ack.txt";
    public const string ReportSuffix = ".report.txt";
    private const string ContentRule =
        "A batch file is plain text (UTF-8, Windows-1252/ISO-8859-1, or UTF-16 with its byte order mark) holding one or more HL7 v2 VXU messages, each starting with an MSH segment at the start of a line; FHS/BHS/BTS/FTS batch segments are optional.";

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>
    /// Whether the ACK and report are flushed to disk before they are renamed into place: yes
    /// when they are what the clinic gets (<c>validate</c>, <c>ingest</c>); the worker writes them
    /// to a staging folder, uploads them durably, and rebuilds them from the database after a crash.
    /// </summary>
    public bool DurableOutputs { get; } = durableOutputs;

    public FileOutcome Process(string path, string outputDirectory, CancellationToken cancellationToken = default)
    {
        using var input = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, FileOptions.SequentialScan);
        return Process(input, Path.GetFileName(path), outputDirectory, cancellationToken);
    }

    /// <param name="input">
    /// A seekable stream is inspected and fingerprinted in a first pass, then read. Any other
    /// stream (a file still arriving) is read once: see <see cref="ProcessInOnePass"/>.
    /// </param>
    public FileOutcome Process(Stream input, string fileName, string outputDirectory, CancellationToken cancellationToken = default)
    {
        var readAt = time.GetLocalNow();
        var baseName = SafeBaseName.For(fileName);
        var outputs = new OutputPaths(outputDirectory, baseName);
        var name = BatchFileName.Parse(fileName);
        if (!input.CanSeek)
        {
            return ProcessInOnePass(input, name, fileName, outputs, readAt, cancellationToken);
        }

        var (inspection, file, decodedFrom) = Inspect(input, fileName, name.Name?.Clinic, readAt);
        var kind = inspection.Kind;
        if (!name.Succeeded)
        {
            return NotProcessed(file, outputs, name.Error!.Message, BatchFileName.NamingRule);
        }

        if (!Readable(kind))
        {
            return NotProcessed(file, outputs, Describe(inspection, decodedFrom), ContentRule);
        }

        input.Position = 0;
        using var session = storage?.Begin(file);
        if (session?.DuplicateOf is { } original)
        {
            return Duplicate(file, outputs, session, original);
        }

        if (decodedFrom is null)
        {
            return Read(input, file, outputs, session, null, () => null, cancellationToken)!;
        }

        using var text = new Utf16DecodingStream(input);
        return Read(text, file, outputs, session, null, () => decodedFrom, cancellationToken)!;
    }

    /// <summary>
    /// Reads the file for its messages while it is inspected and fingerprinted, so that reading
    /// starts with the first bytes (the worker reads a file while it is still downloading). What
    /// a first pass would have decided up front is decided at the end, before anything is
    /// committed: a file that turns out not to be text with messages, or to repeat a processed
    /// file, has everything read from it rolled back and its outputs dropped, and gets the same
    /// outcome as with a first pass. A repeat costs a wasted read; the worker avoids it when it can
    /// (a file can only repeat a processed file of the same size).
    /// </summary>
    private FileOutcome ProcessInOnePass(Stream input, BatchFileNameResult name, string fileName, OutputPaths outputs, DateTimeOffset readAt, CancellationToken cancellationToken)
    {
        using var reading = new HashingStream(input, stopAtNotText: true);
        ReceivedFile Fingerprinted()
        {
            try
            {
                reading.CopyTo(Stream.Null);
            }
            catch (FileNotTextException)
            {
                reading.CopyTo(Stream.Null); // thrown once: the rest reads through
            }

            return new ReceivedFile(fileName, name.Name?.Clinic, reading.Sha256Hex(), reading.BytesRead, readAt);
        }

        if (!name.Succeeded)
        {
            return NotProcessed(Fingerprinted(), outputs, name.Error!.Message, BatchFileName.NamingRule);
        }

        var pending = new ReceivedFile(fileName, name.Name!.Clinic, ReceivedFile.NotYetFingerprinted, 0, readAt);
        ReceivedFile? file = null;
        try
        {
            using var session = storage?.Begin(pending);
            var outcome = Read(reading, pending, outputs, session, () =>
            {
                file = Fingerprinted();
                return Readable(reading.Inspection.Kind) && session?.Fingerprint(file) is null;
            }, () => reading.DecodedFrom, cancellationToken);
            if (outcome is not null)
            {
                return outcome;
            }
        }
        catch (FileNotTextException)
        {
            // Stopped at the read that brought the first NUL byte, before those bytes reached the
            // batch reader; everything stored so far is rolled back as the session is disposed.
        }

        // Rolled back: not messages after all, or a repeat.
        file ??= Fingerprinted();
        if (!Readable(reading.Inspection.Kind))
        {
            return NotProcessed(file, outputs, Describe(reading.Inspection, reading.DecodedFrom), ContentRule);
        }

        using var again = storage!.Begin(file);
        return again.DuplicateOf is { } original
            ? Duplicate(file, outputs, again, original)
            : throw new InvalidOperationException("The file repeated a processed file, which was gone a moment later; it will be read again.");
    }

    /// <param name="readToEnd">
    /// Called once every message is read and the outputs are written, before anything is
    /// committed: false drops everything (returns null).
    /// </param>
    /// <param name="decodedFrom">Once read: the encoding a UTF-16 file was decoded from, for a note in its report; null for UTF-8 or ISO-8859-1.</param>
    private FileOutcome? Read(Stream input, ReceivedFile file, OutputPaths outputs, IngestSession? session, Func<bool>? readToEnd, Func<string?> decodedFrom, CancellationToken cancellationToken)
    {
        var counts = new FileCounts();
        var timings = new PipelineTimings();
        using var ackFile = new AtomicFile(outputs.Ack, DurableOutputs);
        using var entries = new FileStream(outputs.Temporary("entries"), FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 64 * 1024, FileOptions.DeleteOnClose);
        // Disposed (flushed) explicitly once complete; the files they write to are owned above.
        var ackText = new StreamWriter(ackFile.Stream, Utf8, 64 * 1024, leaveOpen: true);
        var entryText = new StreamWriter(entries, Utf8, 64 * 1024, leaveOpen: true);
        using var reader = new Hl7BatchReader(input);
        var ids = new AckControlIds();
        var pending = new List<(Hl7Ack Ack, MessageResult Result, int Batch)>();
        Hl7AckFileWriter? acks = null;
        int ackBatch = -1; // the incoming batch the ACKs being written answer
        var notStored = new NotStoredList();
        int messagesWithIssues = 0;

        // With storage, one chunk is written to the database (on a worker thread) while the next
        // one is read and validated here: the two ran one after the other before, each waiting
        // for the other. Chunks are still written in order, one at a time, on the one
        // connection, and a chunk's ACKs are written only once the database has spoken on it.
        Task<Dictionary<int, List<ValidationIssue>>>? writing = null;
        List<(Hl7Ack Ack, MessageResult Result, int Batch)> written = [];

        void WriteAcks(List<(Hl7Ack Ack, MessageResult Result, int Batch)> chunk, Dictionary<int, List<ValidationIssue>>? found)
        {
            foreach (var (ack, original, batch) in chunk)
            {
                var result = original;
                var final = ack;
                if (found is not null && found.TryGetValue(result.Number, out var more))
                {
                    var issues = result.Issues.Concat(more).ToList();
                    result = result with { Issues = issues, AckCode = AckCodeRule.Decide(issues, validator.Policy.WarningsGiveAe) };
                    final = AckFactory.WithResult(ack, result);
                }

                if (batch != ackBatch)
                {
                    // Each incoming batch is answered by a batch of ACKs naming it (BHS-12).
                    ackBatch = batch;
                    acks!.StartBatch(batch == 0 ? string.Empty : reader.Envelope.Batches[batch - 1].Header.Field(11));
                }

                acks!.Write(final);
                counts.Add(result, final.IncomingProcessingId);
                if (NotStoredList.Belongs(result, final.IncomingProcessingId))
                {
                    notStored.Add(ReportWriter.Headline(result, final.IncomingProcessingId));
                }

                if (result.Issues.Count > 0)
                {
                    messagesWithIssues++;
                    ReportWriter.WriteMessage(entryText, result, final.IncomingProcessingId);
                }
            }

            chunk.Clear();
        }

        // What the database found in the chunk being written, once it is written.
        Dictionary<int, List<ValidationIssue>> WaitForWriting()
        {
            var finished = writing!;
            writing = null;
            return timings.WaitingForDatabase(() => finished.GetAwaiter().GetResult());
        }

        void FinishWriting()
        {
            if (writing is not null)
            {
                WriteAcks(written, WaitForWriting());
            }
        }

        void Drain()
        {
            if (session is null)
            {
                WriteAcks(pending, null);
                return;
            }

            // The next chunk goes to the database first, then the finished chunk's ACKs are
            // written: the connection (the pipeline's slowest stage) waits for no ACK text.
            var found = writing is null ? null : WaitForWriting();
            var chunk = session.TakeChunk();
            var acknowledged = written;
            (written, pending) = (pending, acknowledged);
            writing = Task.Factory.StartNew(() => timings.InDatabase(() => session.Flush(chunk)), cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);
            if (found is not null)
            {
                WriteAcks(acknowledged, found);
            }
        }

        var controlIds = new ControlIdHistory();
        try
        {
            foreach (var item in reader.ReadMessages())
            {
                cancellationToken.ThrowIfCancellationRequested();
                acks ??= new Hl7AckFileWriter(ackText, AckHeader(reader.Envelope, item, file.FileName, Path.GetFileName(outputs.Ack), file.ReceivedAt, ids.ForFile), ackOptions);
                var (result, ack) = timings.Validating(() =>
                {
                    var result = validator.Validate(item, file.Clinic, controlIds);
                    var ack = item.Message is { } message
                        ? AckFactory.Create(message, result, ids.For(item.Number), file.ReceivedAt)
                        : AckFactory.Create(item.Header, result, ids.For(item.Number), file.ReceivedAt);
                    session?.Add(item, result);
                    return (result, ack);
                });
                pending.Add((ack, result, item.BatchNumber));
                if (session is null || pending.Count >= chunkSize)
                {
                    Drain();
                }
            }

            acks ??= new Hl7AckFileWriter(ackText, AckHeader(reader.Envelope, null, file.FileName, Path.GetFileName(outputs.Ack), file.ReceivedAt, ids.ForFile), ackOptions);
            Drain();
            FinishWriting();
        }
        finally
        {
            // Never leave a write running on the connection the session is about to roll back.
            if (writing is not null)
            {
                try
                {
                    writing.Wait(CancellationToken.None);
                }
                catch (AggregateException)
                {
                    // Already failing: the original exception is the one that matters.
                }
            }
        }

        acks.Complete();
        ackText.Dispose();   // flushes; the file stays open (leaveOpen) until it is committed
        entryText.Dispose();
        var notes = EnvelopeChecks.Check(reader.Envelope, validator.Policy);
        if (decodedFrom() is { } encoding)
        {
            EnvelopeChecks.AddUtf16(notes, validator.Policy, encoding);
        }

        if (session?.SameNameReceivedAt is { } before)
        {
            EnvelopeChecks.Add(notes, validator.Policy, Rules.FileNameReceivedBefore, 0, before.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture));
        }

        using var report = new AtomicFile(outputs.Report, DurableOutputs);
        using (var w = new StreamWriter(report.Stream, Utf8, 64 * 1024, leaveOpen: true))
        {
            ReportWriter.WriteHeader(w, file.FileName, file.ReceivedAt, validator.Policy.Profile);
            ReportWriter.WriteSummary(w, counts, Path.GetFileName(outputs.Ack), notes, ReportWriter.BatchCounts(reader.Envelope), notStored);
            ReportWriter.WriteMessagesHeading(w, messagesWithIssues, counts.MessagesRead);
            w.Flush();
            entries.Position = 0;
            entries.CopyTo(report.Stream);
            ReportWriter.WriteFooter(w);
        }

        if (readToEnd is not null && !readToEnd())
        {
            return null; // the outputs are dropped as they are disposed; the caller rolls the session back
        }

        // The data first: an ACK must never announce what a rollback took back.
        if (session is not null)
        {
            // Streamed from the files as written: a big file's ACK is megabytes of text.
            using var reportText = report.ReadBack();
            using var ackFileText = ackFile.ReadBack();
            timings.WaitingForDatabase(() => timings.InDatabase(() => session.Complete(counts, reportText, ackFileText)));
        }

        ackFile.Commit();
        report.Commit();
        return new FileOutcome(file.FileName, outputs.Report, outputs.Ack, counts, null) { Timings = timings };
    }

    private static (Hl7FileInspection Inspection, ReceivedFile File, string? DecodedFrom) Inspect(Stream input, string fileName, string? clinic, DateTimeOffset readAt)
    {
        using var hashing = new HashingStream(input);
        hashing.CopyTo(Stream.Null);
        return (hashing.Inspection, new ReceivedFile(fileName, clinic, hashing.Sha256Hex(), hashing.BytesRead, readAt), hashing.DecodedFrom);
    }

    /// <summary>Messages, or a batch envelope with none (a sender's "nothing today"): read, acknowledged and reported.</summary>
    private static bool Readable(Hl7FileKind kind) => kind is Hl7FileKind.Messages or Hl7FileKind.EmptyBatch;

    /// <param name="decodedFrom">The encoding a UTF-16 file was read in: the inspection's byte offsets are then of the decoded text, and only its lines are the file's.</param>
    private static string Describe(Hl7FileInspection inspection, string? decodedFrom) => inspection.Kind switch
    {
        Hl7FileKind.NotText when decodedFrom is not null => string.Create(
            CultureInfo.InvariantCulture,
            $"The file is {decodedFrom} text (it starts with that byte order mark) with a NUL character in it, the first on line {inspection.FirstNulLine:N0}, with text after it: it is not a batch file as written."),
        Hl7FileKind.Empty => "The file is empty (it has no text, or only blank lines).",
        Hl7FileKind.NotText when inspection.LooksLikeUtf16 =>
            "The file looks like UTF-16 text without a byte order mark (every other byte is NUL): save it as UTF-8, or as UTF-16 with its byte order mark (Notepad's \"Unicode\"), which is read.",
        Hl7FileKind.NotText when inspection.FirstNulOffset is { } at => string.Create(
            CultureInfo.InvariantCulture,
            $"The file is not a text file (it contains NUL bytes, the first on line {inspection.FirstNulLine:N0} at byte {at:N0} counting from 0, with text after them): it may be a zip, PDF or Word file, or text with a NUL byte written into it. NUL bytes only at the end of a file are ignored as padding."),
        Hl7FileKind.NotText => "The file is not a text file (it contains NUL bytes): it may be a zip, PDF, Word or UTF-16 file.",
        _ => "The file holds no HL7 message: no line starts with MSH.",
    };

    private FileOutcome NotProcessed(ReceivedFile file, OutputPaths outputs, string reason, string rule)
    {
        using var report = new AtomicFile(outputs.Report, DurableOutputs);
        using (var w = new StreamWriter(report.Stream, Utf8, 16 * 1024, leaveOpen: true))
        {
            ReportWriter.WriteHeader(w, FileNameText.Quote(file.FileName), file.ReceivedAt, validator.Policy.Profile);
            ReportWriter.WriteNotProcessed(w, reason, rule);
        }

        storage?.RecordRejected(file, report.ReadText());
        report.Commit();

        // An ACK file left by an earlier run of the same name would contradict this report.
        File.Delete(outputs.Ack);
        return new FileOutcome(file.FileName, outputs.Report, null, new FileCounts(), reason);
    }

    private FileOutcome Duplicate(ReceivedFile file, OutputPaths outputs, IngestSession session, OriginalFile original)
    {
        var counts = FileCounts.Restore(original.MessagesRead, original.AckAa, original.AckAe, original.AckAr, original.VaccinationsAccepted, original.VaccinationsDropped);
        using var ack = new AtomicFile(outputs.Ack, DurableOutputs);
        using (var w = new StreamWriter(ack.Stream, Utf8, 64 * 1024, leaveOpen: true))
        {
            w.Write(original.AckText);
        }

        using var report = new AtomicFile(outputs.Report, DurableOutputs);
        using (var w = new StreamWriter(report.Stream, Utf8, 16 * 1024, leaveOpen: true))
        {
            ReportWriter.WriteHeader(w, file.FileName, file.ReceivedAt, validator.Policy.Profile);
            ReportWriter.WriteDuplicate(w, original, Path.GetFileName(outputs.Ack));
        }

        session.CompleteDuplicate(report.ReadText());
        ack.Commit();
        report.Commit();
        return new FileOutcome(file.FileName, outputs.Report, outputs.Ack, counts, null) { DuplicateOf = original.FileName };
    }

    private static Hl7AckFileHeader AckHeader(Hl7BatchEnvelope envelope, Hl7BatchItem? first, string fileName, string ackFileName, DateTimeOffset readAt, string controlId)
    {
        var fhs = envelope.FileHeader;
        var bhs = envelope.Batches.Count > 0 ? envelope.Batches[0].Header : null;
        return new Hl7AckFileHeader
        {
            FileName = ackFileName,
            ControlId = controlId,
            Timestamp = readAt,
            IncomingFileName = fileName,
            IncomingFileControlId = fhs?.Field(11) ?? string.Empty,
            IncomingBatchControlId = bhs?.Field(11) ?? string.Empty,
            IncomingSendingApplication = Designator(3, fhs, bhs, first, h => h.SendingApplication),
            IncomingSendingFacility = Designator(4, fhs, bhs, first, h => h.SendingFacility),
            IncomingReceivingApplication = Designator(5, fhs, bhs, first, h => h.ReceivingApplication),
            IncomingReceivingFacility = Designator(6, fhs, bhs, first, h => h.ReceivingFacility),
        };
    }

    /// <summary>Field <paramref name="number"/> of the FHS, else the BHS, else the first message's MSH: whole, with its universal id.</summary>
    private static Hl7HierarchicDesignator Designator(int number, Hl7EnvelopeSegment? fhs, Hl7EnvelopeSegment? bhs, Hl7BatchItem? first, Func<Hl7MessageHeader, string> unparsed)
    {
        foreach (var segment in (ReadOnlySpan<Hl7EnvelopeSegment?>)[fhs, bhs])
        {
            if (segment?.Designator(number) is { IsEmpty: false } designator)
            {
                return designator;
            }
        }

        if (first?.Message is { } message)
        {
            return Hl7HierarchicDesignator.From(message.Header.Field(number));
        }

        return first is null ? Hl7HierarchicDesignator.Empty : Hl7HierarchicDesignator.Of(unparsed(first.Header));
    }
}
