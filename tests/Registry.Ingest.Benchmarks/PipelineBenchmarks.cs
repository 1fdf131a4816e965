using System.Text;
using BenchmarkDotNet.Attributes;
using Registry.Ingest.Acks;
using Registry.Ingest.Hl7;
using Registry.Ingest.Immunization.CodeTables;
using Registry.Ingest.Immunization.Validation;
using Registry.Ingest.Immunization.Vxu;

namespace Registry.Ingest.Benchmarks;

/// <summary>
/// Per-message cost of the validate pipeline without file I/O, for a typical VXU in 2.5.1 and
/// 2.3.1: read the message from a batch (bytes to text, split, parse), validate it, build and
/// write its ACK. Each operation is a batch of <see cref="Messages"/> messages, so the figures
/// are per message. Bar: ≥ 100,000 messages/s on one core (≤ 10 µs), ≤ 4 KB allocated.
/// </summary>
[MemoryDiagnoser]
public class PipelineBenchmarks
{
    private const int Messages = 1000;
    private readonly StringBuilder ack = new(4096);
    private VxuValidator validateOnly = null!;
    private VxuValidator records = null!;
    private Hl7AckWriter writer = null!;
    private byte[] file = [];
    private ReadOnlyMemory<char> single;

    [Params("2.5.1", "2.3.1")]
    public string Version { get; set; } = "2.5.1";

    [GlobalSetup]
    public void Setup()
    {
        var tables = CodeTableLoader.Load();
        validateOnly = new VxuValidator(tables, ValidationPolicy.Default, TimeProvider.System, VxuReadMode.ValidateOnly);
        records = new VxuValidator(tables, ValidationPolicy.Default, TimeProvider.System, VxuReadMode.Records);
        writer = new Hl7AckWriter();
        var message = Version == "2.5.1" ? TypicalMessages.Vxu251 : TypicalMessages.Vxu231;
        single = message.AsMemory();
        file = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat(message, Messages)));
    }

    /// <summary>Parse alone, from text already in memory.</summary>
    [Benchmark]
    public int Parse() => Hl7Message.Parse(single).Message!.SegmentCount;

    /// <summary>What <c>validate</c> does per message: read from the batch, validate, write the ACK.</summary>
    [Benchmark(OperationsPerInvoke = Messages)]
    public int ReadValidateAck() => Run(validateOnly);

    /// <summary>The same, also building the records that storage needs (<c>ingest</c>).</summary>
    [Benchmark(OperationsPerInvoke = Messages)]
    public int ReadValidateAckWithRecords() => Run(records);

    private int Run(VxuValidator validator)
    {
        int total = 0;
        using var reader = new Hl7BatchReader(new MemoryStream(file, writable: false));
        foreach (var item in reader.ReadMessages())
        {
            var message = item.Message!;
            var result = validator.Validate(message, "DCS0067", item.Number);
            ack.Clear();
            writer.Write(AckFactory.Create(message, result, "R000000000000.1", DateTimeOffset.UnixEpoch), ack);
            total += ack.Length;
        }

        return total;
    }
}
