using FsCheck;
using FsCheck.Fluent;
using Registry.Ingest.Tests.Support;
using PropertyAttribute = FsCheck.NUnit.PropertyAttribute;

namespace Registry.Ingest.Tests.Processing;

/// <summary>
/// Valid multi-message files, randomly damaged, through the whole pipeline: nothing throws, every
/// MSH line gets its ACK in file order, and each ACK answers its own message's MSH-10 whenever
/// that MSH-10 can be read.
/// </summary>
[TestFixture]
internal sealed class MutatedBatchPipelineProperties
{
    private TempFolder output = null!;

    [OneTimeSetUp]
    public void CreateOutputFolder() => output = TempFolder.ForCaller();

    [OneTimeTearDown]
    public void DeleteOutputFolder() => output.Dispose();

    [Property(MaxTest = 300, QuietOnSuccess = false)]
    public Property Process_MutatedFile_NeverThrowsAndAcksEachMshLineInOrderWithItsControlId() =>
        Prop.ForAll(MutatedFiles.Arbitrary, file =>
        {
            var bytes = file.Bytes;
            var run = PipelineRun.Of(bytes, output);
            var problems = PipelineChecks.ProcessedExactlyWhenReadable(bytes, run);
            problems.AddRange(PipelineChecks.OneAckPerMshLine(bytes, run, controlIds: true));
            var ids = MshLines.ControlIds(bytes);
            return Verdict.Of(problems)
                .Classify(!run.Outcome.Processed, "not processed")
                .Classify(ids.Count != file.Original.Templates.Count, "MSH line count changed")
                .Classify(ids.Contains(null), "some MSH-10 unreadable");
        });
}
