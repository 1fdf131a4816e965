using System.Text;
using FsCheck;
using FsCheck.Fluent;
using Registry.Ingest.Processing;
using Registry.Ingest.Tests.Support;
using PropertyAttribute = FsCheck.NUnit.PropertyAttribute;

namespace Registry.Ingest.Tests.Processing;

/// <summary>
/// Reports go to clinic support staff and into tickets: they name messages by number, control id
/// and line, never by patient. Files carry marker values in PID-3, PID-5, PID-7, PID-11 and NK1-2,
/// intact or damaged by mutations aimed mostly at the PID and NK1 lines, so the messages fail in
/// every way a shifted or split segment can.
/// </summary>
[TestFixture]
internal sealed class ReportPrivacyProperties
{

    private static readonly string[] ValueQuotingPatientRules = ["pid-3-type", "pid-8-invalid", "pid-10-invalid", "nk1-3-invalid"];

    private static readonly Lazy<BatchFileProcessor> WithoutValueQuotingPatientRules = new(() =>
        PipelineRun.Processor([.. ValueQuotingPatientRules.Select(id => ($"Validation:Severity:{id}", "Off"))]));

    private static readonly Gen<MutationTarget> AimedAtPatient = Gen.Frequency(
        (5, Gen.Constant(new MutationTarget("PID"))),
        (2, Gen.Constant(new MutationTarget("NK1"))),
        (1, Gen.Constant(new MutationTarget("MSH"))),
        (1, Gen.Constant(MutationTarget.LineStart)),
        (2, Gen.Constant(MutationTarget.Anywhere)));

    private static readonly Arbitrary<PatientFile> Files = Arb.From(
        from original in MutatedFiles.Originals
        from birthDate in Gen.Elements<string>(PatientMarkers.BirthDates)
        from mutations in MutatedFiles.Mutations(AimedAtPatient, min: 0)
        select new PatientFile(new MutatedFile(original, mutations, m => PatientMarkers.Apply(m, birthDate)), birthDate),
        input => input.File.Shrink().Select(f => input with { File = f }));

    private TempFolder output = null!;

    [OneTimeSetUp]
    public void CreateOutputFolder() => output = TempFolder.ForCaller();

    [OneTimeTearDown]
    public void DeleteOutputFolder() => output.Dispose();

    [Property(MaxTest = 300, QuietOnSuccess = false)]
    public Property Process_FileWithPatientData_ReportShowsNoneOfIt() =>
        Prop.ForAll(Files, input => ReportShowsNoPatientData(input, PipelineRun.Of(input.File.Bytes, output)));

    /// <summary>Every other way into the report, with the rules about patient fields switched off.</summary>
    [Property(MaxTest = 300, QuietOnSuccess = false)]
    public Property Process_FileWithPatientDataAndTheValueQuotingPatientRulesOff_ReportShowsNoneOfIt() =>
        Prop.ForAll(Files, input => ReportShowsNoPatientData(input, PipelineRun.Of(input.File.Bytes, output, WithoutValueQuotingPatientRules.Value)));

    /// <summary>One shift per rule that leaks today: a field separator lost or added puts patient data where a code belongs.</summary>
    [TestCase("|F||2106-3", "|F|2106-3", TestName = "{m}(PID-9 dropped: the address is read as race)")]
    [TestCase("^^^^^M|19570613", "^^^^^M||19570613", TestName = "{m}(PID-7 moved: the birth date is read as sex)")]
    [TestCase("^CLINIC01^MR||", "^CLINIC01^", TestName = "{m}(PID-4 dropped: the name is read as identifier type)")]
    [TestCase("NK1|1|", "NK1|1|A|", TestName = "{m}(field added before NK1-2: the parent's name is read as relationship)")]
    public void Process_ShiftedPatientField_ReportDoesNotQuoteIt(string from, string to)
    {
        var spec = new BatchFileSpec([0], "\r", Envelope: false, ByteOrderMark: false);
        var text = Encoding.UTF8.GetString(spec.Build(m => PatientMarkers.Apply(m, "19570613")));
        Assert.That(text, Does.Contain(from), "the test's starting point");

        var run = PipelineRun.Of(Encoding.UTF8.GetBytes(text.Replace(from, to, StringComparison.Ordinal)), output);

        Assert.That(PatientMarkers.FoundIn(run.Report!, "19570613"), Is.Empty);
    }

    private static Property ReportShowsNoPatientData(PatientFile input, PipelineRun run) =>
        Verdict.Of(PatientMarkers.FoundIn(run.Report ?? string.Empty, input.BirthDate))
            .Classify(input.File.Mutations.Count == 0, "not mutated")
            .Classify(run.Outcome.Counts.Rejected > 0, "some message rejected");

    internal sealed record PatientFile(MutatedFile File, string BirthDate)
    {
        public override string ToString() => $"birth date {BirthDate}; {File}";
    }
}
