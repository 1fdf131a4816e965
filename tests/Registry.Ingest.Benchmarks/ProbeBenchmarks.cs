using BenchmarkDotNet.Attributes;
using Registry.Ingest.Hl7;
using Registry.Ingest.Immunization.CodeTables;
using Registry.Ingest.Immunization.Validation;
using Registry.Ingest.Immunization.Vxu;

namespace Registry.Ingest.Benchmarks;

[MemoryDiagnoser]
public class ProbeBenchmarks
{
    private Hl7Message message = null!;
    private VxuValidator validator = null!;
    private PatientReader patients = null!;
    private VaccinationReader vaccinations = null!;

    [GlobalSetup]
    public void Setup()
    {
        var tables = CodeTableLoader.Load();
        message = Hl7Message.Parse(TypicalMessages.Vxu251).Message!;
        validator = new VxuValidator(tables, ValidationPolicy.Default, TimeProvider.System);
        patients = new PatientReader(tables);
        vaccinations = new VaccinationReader(tables);
    }

    [Benchmark]
    public int FieldScan()
    {
        int n = 0;
        for (int s = 0; s < message.SegmentCount; s++)
        {
            for (int f = 1; f <= 21; f++)
            {
                n += message[s].Field(f).Component(1).Length;
            }
        }
        return n;
    }

    [Benchmark]
    public object Header() => Hl7MessageHeader.From(message);

    [Benchmark]
    public object? Patient() => patients.Read(message[1], message[2], DateOnly.MaxValue, new IssueCollector(ValidationPolicy.Default));

    [Benchmark]
    public object Layout() => SegmentLayout.Read(message, true, new IssueCollector(ValidationPolicy.Default));

    [Benchmark]
    public object? Vaccination()
    {
        var issues = new IssueCollector(ValidationPolicy.Default);
        var layout = SegmentLayout.Read(message, true, issues);
        return vaccinations.Read(message, layout.Groups[0], null, DateOnly.MaxValue, true, issues);
    }

    [Benchmark]
    public DateTimeOffset Now() => TimeProvider.System.GetLocalNow().AddTicks(message.SegmentCount);
}
