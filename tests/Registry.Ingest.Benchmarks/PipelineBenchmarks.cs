using System.Text;
using BenchmarkDotNet.Attributes;
using Registry.Ingest.Acks;
using Registry.Ingest.Hl7;
using Registry.Ingest.Immunization.CodeTables;
using Registry.Ingest.Immunization.Validation;
using Registry.Ingest.Immunization.Vxu;

namespace Registry.Ingest.Benchmarks;

/// <summary>
/// Parse + validate + build and write the ACK for one typical VXU: the per-message cost of the
/// pipeline without file I/O. Bar: ≥ 100,000 messages/s on one core, ≤ 4 KB allocated per message.
/// </summary>
[MemoryDiagnoser]
public class PipelineBenchmarks
{
    private readonly StringBuilder ack = new(4096);
    private VxuValidator validator = null!;
    private Hl7AckWriter writer = null!;
    private ReadOnlyMemory<char> text;

    [Params("2.5.1", "2.3.1")]
    public string Version { get; set; } = "2.5.1";

    [GlobalSetup]
    public void Setup()
    {
        validator = new VxuValidator(CodeTableLoader.Load(), ValidationPolicy.Default, TimeProvider.System);
        writer = new Hl7AckWriter();
        text = (Version == "2.5.1" ? TypicalMessages.Vxu251 : TypicalMessages.Vxu231).AsMemory();
    }

    [Benchmark]
    public int Parse()
    {
        var result = Hl7Message.Parse(text);
        return result.Message!.SegmentCount;
    }

    [Benchmark]
    public int ParseValidate()
    {
        var message = Hl7Message.Parse(text).Message!;
        return validator.Validate(message, "DCS0067").VaccinationsAccepted;
    }

    [Benchmark]
    public int ParseValidateAck()
    {
        var message = Hl7Message.Parse(text).Message!;
        var result = validator.Validate(message, "DCS0067");
        ack.Clear();
        writer.Write(AckFactory.Create(message, result, "R000000000000.1", DateTimeOffset.UnixEpoch), ack);
        return ack.Length;
    }
}
