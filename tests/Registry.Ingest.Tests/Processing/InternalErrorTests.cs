using System.Text;
using Microsoft.Extensions.Configuration;
using Registry.Ingest.Processing;
using Registry.Ingest.Tests.Support;

namespace Registry.Ingest.Tests.Processing;

/// <summary>
/// A defect of ours that one message meets (an exception while it is checked) costs that message,
/// answered AR 207 with <c>message-internal-error</c>, never the file: the messages before and after
/// it are answered and counted as usual, and the operator gets where it failed, without the data.
/// </summary>
[TestFixture]
internal sealed class InternalErrorTests
{
    [Test]
    public void Process_CheckingOneMessageThrows_ThatMessageIsAnsweredAr207AndTheRestAsUsual()
    {
        using var output = TempFolder.ForCaller();
        // The clock is what the check of every message asks first: failing once, on the first
        // question the second message asks, is an exception inside that message's check.
        var (before, perMessage) = ClockQuestions(output);
        var clock = new FailingClock(failOnCall: before + perMessage + 1);

        var run = PipelineRun.Of(File(3), output, Processor(clock));

        Assert.That(clock.Failed, Is.True, "the clock failed inside the second message's check");
        var ack = AckFileText.Parse(run.Ack!);
        Assert.That(ack.AcknowledgedControlIds, Is.EqualTo(new[] { "CTL-1", "CTL-2", "CTL-3" }));
        Assert.That(ack.Codes, Is.EqualTo(new[] { "AA", "AR", "AA" }));
        Assert.That(ack.Segments.Single(s => s.StartsWith("ERR|", StringComparison.Ordinal)), Does.StartWith("ERR||MSH^1|207^Application internal error^HL70357|E|").And.Contains("(InvalidOperationException)").And.EndWith("[message-internal-error]"));
        int secondLine = SampleVxu.Valid251().Segments.Count + 1;
        Assert.That(run.Report, Does.Contain($"Message 2, control id \"CTL-2\", line {secondLine}: AR, rejected, nothing stored"));
        var counts = run.Outcome.Counts;
        Assert.That((counts.MessagesRead, counts.AckAa, counts.AckAr, counts.InternalErrors), Is.EqualTo((3, 2, 1, 1)));
        Assert.That(counts.FirstInternalError, Does.StartWith($"message 2 (control id CTL-2, line {secondLine}): System.InvalidOperationException").And.Contains(nameof(FailingClock)));
        Assert.That(counts.FirstInternalError, Does.Not.Contain(PatientMarker), "the exception's message may quote the data: only its type and stack are kept");
    }

    private const string PatientMarker = "ALEXANDRA";

    private static byte[] File(int messages) => Encoding.ASCII.GetBytes(string.Concat(
        Enumerable.Range(1, messages).Select(n => SampleVxu.Valid251().With("MSH-10", $"CTL-{n}").Text)));

    private static BatchFileProcessor Processor(TimeProvider clock) =>
        PipelineFactory.Create(new ConfigurationBuilder().Build(), clock);

    /// <summary>
    /// How often the pipeline asks the clock before the first message, and for each message (asked
    /// after the last message too, it would fail another message than the second, and the test with it).
    /// </summary>
    private static (int Before, int PerMessage) ClockQuestions(TempFolder output)
    {
        var one = new FailingClock(failOnCall: int.MaxValue);
        PipelineRun.Of(File(1), output, Processor(one));
        var two = new FailingClock(failOnCall: int.MaxValue);
        PipelineRun.Of(File(2), output, Processor(two));
        int perMessage = two.Calls - one.Calls;
        Assert.That(perMessage, Is.Positive, "each message's check asks the clock");
        return (one.Calls - perMessage, perMessage);
    }

    private sealed class FailingClock(int failOnCall) : TimeProvider
    {
        public int Calls { get; private set; }

        public bool Failed { get; private set; }

        public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

        public override DateTimeOffset GetUtcNow()
        {
            if (++Calls == failOnCall)
            {
                Failed = true;
                throw new InvalidOperationException("The clock failed while " + PatientMarker + " was checked.");
            }

            return FixedTimeProvider.Default.GetUtcNow();
        }
    }
}
