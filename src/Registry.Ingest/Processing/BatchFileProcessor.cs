using System.Globalization;
using System.Text;
using Registry.Ingest.Acks;
using Registry.Ingest.DropFolder;
using Registry.Ingest.Hl7;
using Registry.Ingest.Immunization.Vxu;

namespace Registry.Ingest.Processing;

/// <summary>
/// Takes one batch file through the pipeline exactly as the worker does, minus storage: file name
/// rule, content check, then message by message validation with one ACK each, streamed to the ACK
/// file; finally the report. Outputs are written under temporary names and renamed into place.
/// Memory stays flat whatever the file size: messages, ACKs and report entries are streamed.
/// </summary>
internal sealed class BatchFileProcessor(VxuValidator validator, Hl7AckOptions ackOptions, TimeProvider time)
{
    public const string AckSuffix = ".ack.txt";
    public const string ReportSuffix = ".report.txt";
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    public FileOutcome Process(string path, string outputDirectory, CancellationToken cancellationToken = default)
    {
        using var input = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, FileOptions.SequentialScan);
        return Process(input, Path.GetFileName(path), outputDirectory, cancellationToken);
    }

    /// <param name="input">A seekable stream: the file is inspected once before it is read.</param>
    public FileOutcome Process(Stream input, string fileName, string outputDirectory, CancellationToken cancellationToken = default)
    {
        var readAt = time.GetLocalNow();
        if (!SafeBaseName.TryCreate(fileName, out var baseName))
        {
            throw new ArgumentException("The file name gives no usable output name.", nameof(fileName));
        }

        var reportPath = Path.Combine(outputDirectory, baseName + ReportSuffix);
        var name = BatchFileName.Parse(fileName);
        if (!name.Succeeded)
        {
            return NotProcessed(fileName, reportPath, readAt, name.Error!.Message, BatchFileName.NamingRule);
        }

        var kind = Hl7FileInspector.Inspect(input);
        if (kind != Hl7FileKind.Messages)
        {
            return NotProcessed(fileName, reportPath, readAt, Describe(kind), ContentRule);
        }

        input.Position = 0;
        var ackPath = Path.Combine(outputDirectory, baseName + AckSuffix);
        var counts = new FileCounts();
        using var ackFile = new AtomicFile(ackPath);
        using var entries = new FileStream(Path.Combine(outputDirectory, $".{baseName}.{Guid.NewGuid():N}.entries.tmp"), FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 64 * 1024, FileOptions.DeleteOnClose);
        int messagesWithIssues = 0;
        List<FileNote> notes;
        using (var ackText = new StreamWriter(ackFile.Stream, Utf8, 64 * 1024, leaveOpen: true))
        using (var entryText = new StreamWriter(entries, Utf8, 64 * 1024, leaveOpen: true))
        using (var reader = new Hl7BatchReader(input))
        {
            var ids = new AckControlIds();
            Hl7AckFileWriter? acks = null;
            foreach (var item in reader.ReadMessages())
            {
                cancellationToken.ThrowIfCancellationRequested();
                acks ??= new Hl7AckFileWriter(ackText, AckHeader(reader.Envelope, item, fileName, Path.GetFileName(ackPath), ids, readAt), ackOptions);
                var result = validator.Validate(item, name.Name!.Clinic);
                var ack = item.Message is { } message
                    ? AckFactory.Create(message, result, ids.For(item.Number), readAt)
                    : AckFactory.Create(item.Header, result, ids.For(item.Number), readAt);
                acks.Write(ack);
                counts.Add(result);
                if (result.Issues.Count > 0)
                {
                    messagesWithIssues++;
                    ReportWriter.WriteMessage(entryText, result);
                }
            }

            acks ??= new Hl7AckFileWriter(ackText, AckHeader(reader.Envelope, null, fileName, Path.GetFileName(ackPath), ids, readAt), ackOptions);
            acks.Complete();
            notes = EnvelopeChecks.Check(reader.Envelope, validator.Policy);
            WriteReport(reportPath, fileName, readAt, counts, Path.GetFileName(ackPath), notes, BatchCounts(reader.Envelope), messagesWithIssues, entryText, entries);
        }

        ackFile.Commit();
        return new FileOutcome(fileName, reportPath, ackPath, counts, null);
    }

    private const string ContentRule =
        "A batch file is plain text (UTF-8 or ISO-8859-1) holding one or more HL7 v2 VXU messages, each starting with an MSH segment at the start of a line; FHS/BHS/BTS/FTS batch segments are optional.";

    private static string Describe(Hl7FileKind kind) => kind switch
    {
        Hl7FileKind.Empty => "The file is empty (it has no text, or only blank lines).",
        Hl7FileKind.NotText => "The file is not a text file (it contains NUL bytes): it may be a zip, PDF, Word or UTF-16 file.",
        _ => "The file holds no HL7 message: no line starts with MSH.",
    };

    private FileOutcome NotProcessed(string fileName, string reportPath, DateTimeOffset readAt, string reason, string rule)
    {
        using (var report = new AtomicFile(reportPath))
        {
            using (var w = new StreamWriter(report.Stream, Utf8, 16 * 1024, leaveOpen: true))
            {
                ReportWriter.WriteHeader(w, FileNameText.Quote(fileName), readAt, validator.Policy.Profile);
                ReportWriter.WriteNotProcessed(w, reason, rule);
            }

            report.Commit();
        }

        return new FileOutcome(fileName, reportPath, null, new FileCounts(), reason);
    }

    private void WriteReport(string reportPath, string fileName, DateTimeOffset readAt, FileCounts counts, string ackFileName, List<FileNote> notes, string batchCounts, int messagesWithIssues, StreamWriter entryText, FileStream entries)
    {
        entryText.Flush();
        using var report = new AtomicFile(reportPath);
        using (var w = new StreamWriter(report.Stream, Utf8, 64 * 1024, leaveOpen: true))
        {
            ReportWriter.WriteHeader(w, fileName, readAt, validator.Policy.Profile);
            ReportWriter.WriteSummary(w, counts, ackFileName, notes, batchCounts);
            ReportWriter.WriteMessagesHeading(w, messagesWithIssues);
            w.Flush();
            entries.Position = 0;
            entries.CopyTo(report.Stream);
            ReportWriter.WriteFooter(w);
        }

        report.Commit();
    }

    private static Hl7AckFileHeader AckHeader(Hl7BatchEnvelope envelope, Hl7BatchItem? first, string fileName, string ackFileName, AckControlIds ids, DateTimeOffset readAt)
    {
        var fhs = envelope.FileHeader;
        var bhs = envelope.Batches.Count > 0 ? envelope.Batches[0].Header : null;
        var header = first?.Header;
        return new Hl7AckFileHeader
        {
            FileName = ackFileName,
            Timestamp = readAt,
            IncomingFileName = fileName,
            IncomingFileControlId = fhs?.Field(11) ?? string.Empty,
            IncomingBatchControlId = bhs?.Field(11) ?? string.Empty,
            IncomingSendingApplication = Designator(fhs?.Field(3), bhs?.Field(3), header?.SendingApplication),
            IncomingSendingFacility = Designator(fhs?.Field(4), bhs?.Field(4), header?.SendingFacility),
            IncomingReceivingApplication = Designator(fhs?.Field(5), bhs?.Field(5), header?.ReceivingApplication),
            IncomingReceivingFacility = Designator(fhs?.Field(6), bhs?.Field(6), header?.ReceivingFacility),
        };
    }

    private static Hl7HierarchicDesignator Designator(params string?[] candidates)
    {
        foreach (var candidate in candidates)
        {
            if (!string.IsNullOrEmpty(candidate))
            {
                return new Hl7HierarchicDesignator(candidate);
            }
        }

        return Hl7HierarchicDesignator.Empty;
    }

    private static string BatchCounts(Hl7BatchEnvelope envelope)
    {
        if (envelope.Batches.Count == 0 && envelope.FileTrailer is null)
        {
            return "no BHS/BTS or FHS/FTS in this file";
        }

        var parts = envelope.Batches.Select(b => b.Trailer?.DeclaredCount is { } declared
            ? string.Create(CultureInfo.InvariantCulture, $"batch {b.Number}: BTS-1 says {declared}, read {b.MessagesRead}")
            : string.Create(CultureInfo.InvariantCulture, $"batch {b.Number}: no count given, read {b.MessagesRead}")).ToList();
        if (envelope.FileTrailer?.DeclaredCount is { } files)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"FTS-1 says {files}, read {envelope.Batches.Count} batch(es)"));
        }

        if (envelope.MessagesOutsideBatches > 0 && envelope.Batches.Count > 0)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{envelope.MessagesOutsideBatches} message(s) outside any batch"));
        }

        return string.Join("; ", parts);
    }
}
