using FsCheck;
using FsCheck.Fluent;
using PropertyAttribute = FsCheck.NUnit.PropertyAttribute;
using Registry.Ingest.Tests.Support;

namespace Registry.Ingest.Tests.Processing;

/// <summary>
/// Random files through the whole pipeline under a valid file name: nothing throws, and the ACK
/// file answers exactly the lines the batch reader takes as message starts (<see cref="MshLines"/>).
/// </summary>
[TestFixture]
internal sealed class RandomBytesPipelineProperties
{
    private TempFolder output = null!;

    [OneTimeSetUp]
    public void CreateOutputFolder() => output = TempFolder.ForCaller();

    [OneTimeTearDown]
    public void DeleteOutputFolder() => output.Dispose();

    [Property(MaxTest = 300, QuietOnSuccess = false)]
    public Property Process_RandomBytes_NeverThrowsAndGivesOneAckPerMshLine() =>
        Prop.ForAll(FuzzFiles.Arbitrary, file =>
        {
            var run = PipelineRun.Of(file.Bytes, output);
            return Verdict.Of(PipelineChecks.OneAckPerMshLine(file.Bytes, run))
                .Classify(run.Outcome.Processed, "processed")
                .Classify(MshLines.Count(file.Bytes) > 1, "2+ MSH lines");
        });

    [Property(MaxTest = 300, QuietOnSuccess = false)]
    public Property Process_RandomBytes_IsProcessedExactlyWhenALineStartsWithMshAndNoNulHasTextAfterIt() =>
        Prop.ForAll(FuzzFiles.Arbitrary, file =>
        {
            var run = PipelineRun.Of(file.Bytes, output);
            return Verdict.Of(PipelineChecks.ProcessedExactlyWhenReadable(file.Bytes, run))
                .Classify(run.Outcome.Processed, "processed");
        });
}
