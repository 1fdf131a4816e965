using System.Text;

namespace Registry.Ingest.Hl7;

/// <summary>
/// Streams a batch ACK file: FHS, BHS, one ACK per incoming message in the order given, BTS with the
/// exact count, FTS. An incoming file of several batches gets one BHS…BTS batch of ACKs for each
/// (<see cref="StartBatch"/>), each naming the batch it answers. Each ACK goes to the output as it
/// is written, so a file of any size needs one message's worth of memory. The output belongs to
/// the caller (flush, close, rename it). Not thread-safe.
/// </summary>
public sealed class Hl7AckFileWriter
{
    private readonly TextWriter output;
    private readonly Hl7AckFileHeader header;
    private readonly Hl7AckOptions options;
    private readonly Hl7AckWriter acks;
    private readonly StringBuilder buffer = new(1024);
    private readonly Hl7MessageWriter writer;
    private bool started;
    private bool completed;
    private string batchReference;
    private int batches;
    private int inBatch;

    public Hl7AckFileWriter(TextWriter output, Hl7AckFileHeader header, Hl7AckOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(header);
        this.output = output;
        this.header = header;
        this.options = options ?? new Hl7AckOptions();
        acks = new Hl7AckWriter(this.options);
        writer = new Hl7MessageWriter(buffer, this.options.FileLineEnding == Hl7LineEnding.CrLf ? "\r\n" : "\r");
        batchReference = header.IncomingBatchControlId;
    }

    /// <summary>Number of ACK messages written so far, in all batches.</summary>
    public int Count { get; private set; }

    public void Write(Hl7Ack ack)
    {
        Prepare(ack);
        output.Write(buffer);
        Count++;
        inBatch++;
    }

    public async Task WriteAsync(Hl7Ack ack, CancellationToken cancellationToken = default)
    {
        Prepare(ack);
        await output.WriteAsync(buffer, cancellationToken).ConfigureAwait(false);
        Count++;
        inBatch++;
    }

    /// <summary>
    /// The ACKs written next answer the incoming batch whose BHS-11 is <paramref name="incomingBatchControlId"/>
    /// (empty for messages outside any batch): the batch of ACKs written so far, if any, is closed
    /// with its BTS and a new BHS names that batch in BHS-12. Before the first ACK it only names
    /// the batch the first BHS answers.
    /// </summary>
    public void StartBatch(string incomingBatchControlId)
    {
        ArgumentNullException.ThrowIfNull(incomingBatchControlId);
        if (!started)
        {
            batchReference = incomingBatchControlId;
            return;
        }

        Begin();
        WriteBatchTrailer();
        batchReference = incomingBatchControlId;
        WriteBatchHeader();
        output.Write(buffer);
    }

    /// <summary>Ends the file with BTS and FTS; a file with no ACK still gets its FHS and BHS.</summary>
    public void Complete()
    {
        PrepareTrailer();
        output.Write(buffer);
    }

    public async Task CompleteAsync(CancellationToken cancellationToken = default)
    {
        PrepareTrailer();
        await output.WriteAsync(buffer, cancellationToken).ConfigureAwait(false);
    }

    private void Prepare(Hl7Ack ack)
    {
        ArgumentNullException.ThrowIfNull(ack);
        Begin();
        acks.Write(ack, writer);
    }

    private void PrepareTrailer()
    {
        Begin();
        completed = true;
        WriteBatchTrailer();
        writer.BeginSegment("FTS").Field(1).Value(batches).EndSegment();
    }

    private void Begin()
    {
        if (completed)
        {
            throw new InvalidOperationException("The ACK file is complete.");
        }

        // Only whole messages reach the output: a failed write leaves nothing half-built behind.
        buffer.Clear();
        writer.Reset();
        if (!started)
        {
            started = true;
            var fileReference = header.IncomingFileControlId.Length > 0 ? header.IncomingFileControlId : header.IncomingFileName;
            WriteHeaderSegment("FHS", header.FileName, header.ControlId, fileReference);
            WriteBatchHeader();
        }
    }

    /// <summary>The BTS of the batch of ACKs being written: its own count.</summary>
    private void WriteBatchTrailer() => writer.BeginSegment("BTS").Field(1).Value(inBatch).EndSegment();

    /// <summary>A BHS: our batch control id (the file's with <c>.B</c>, then <c>.B2</c>, <c>.B3</c>…), the incoming batch's in BHS-12.</summary>
    private void WriteBatchHeader()
    {
        batches++;
        inBatch = 0;
        string controlId = header.ControlId.Length == 0 ? string.Empty
            : batches == 1 ? header.ControlId + ".B"
            : header.ControlId + ".B" + batches.ToString(System.Globalization.CultureInfo.InvariantCulture);
        WriteHeaderSegment("BHS", string.Empty, controlId, batchReference);
    }

    /// <summary>FHS and BHS share their layout: 3-6 applications and facilities, 7 time, 9 name, 11 control id, 12 reference.</summary>
    private void WriteHeaderSegment(string id, string name, string controlId, string reference)
    {
        writer.BeginSegment(id);
        header.IncomingReceivingApplication.OrIfEmpty(options.Application).WriteTo(writer.Field(3));
        header.IncomingReceivingFacility.OrIfEmpty(options.Facility).WriteTo(writer.Field(4));
        header.IncomingSendingApplication.WriteTo(writer.Field(5));
        header.IncomingSendingFacility.WriteTo(writer.Field(6));
        writer.Field(7).Value(header.Timestamp);
        writer.Field(9, name).Field(11, controlId).Field(12, reference).EndSegment();
    }
}
