using System.Text.RegularExpressions;
using Registry.Ingest.Tests.Support;

namespace Registry.Ingest.Tests.Processing;

/// <summary>
/// A message's entry in the report lists its errors, then its warnings, each in the order of the
/// message's lines and fields, so that support staff walk the message top to bottom beside it.
/// </summary>
[TestFixture]
internal sealed partial class ReportEntryOrderTests
{
    [Test]
    public void Process_WarningsFoundCheckByCheck_AreListedInLineAndFieldOrder()
    {
        using var output = TempFolder.ForCaller();
        var text = BatchFiles.Messages(1, (m, _) => m
            .With("RXR-2", "XX")
            .With("RXA-17", "ZZZ^Unknown^MVX")
            .With("RXA-15", string.Empty)
            .With("PID-8", "Q"));

        var run = PipelineRun.Of(BatchFiles.Bytes(text), output);

        var locations = Entries(run.Report!).Select(m => (Line: int.Parse(m.Groups["line"].Value, System.Globalization.CultureInfo.InvariantCulture), Where: m.Groups["where"].Value)).ToList();
        Assert.That(locations.Select(l => l.Where), Is.SupersetOf(new[] { "PID-8", "RXA-15 (1st vaccination)", "RXA-17 (1st vaccination)", "RXR-2 (1st vaccination)" }));
        Assert.That(locations.Select(l => l.Line), Is.Ordered);
        Assert.That(
            locations.Where(l => l.Where.StartsWith("RXA-", StringComparison.Ordinal)).Select(l => l.Where),
            Is.EqualTo(new[] { "RXA-15 (1st vaccination)", "RXA-17 (1st vaccination)" }));
    }

    [Test]
    public void Process_NoVaccinationAccepted_ThatErrorComesAfterTheErrorsThatSayWhy()
    {
        using var output = TempFolder.ForCaller();
        // Two vaccinations, both with an unknown vaccine: "none accepted" points at the first RXA.
        var text = BatchFiles.Messages(1, (m, _) =>
        {
            var bad = m.With("RXA-5", "99999^Nothing^CVX");
            return bad.Append(bad.Segment("ORC"), bad.Segment("RXA"));
        });

        var run = PipelineRun.Of(BatchFiles.Bytes(text), output);

        var errors = Entries(run.Report!).Where(m => m.Groups["severity"].Value == "ERROR").Select(m => $"{m.Groups["where"].Value} {m.Groups["rule"].Value}").ToList();
        Assert.That(errors, Is.EqualTo(new[] { "RXA-5 (1st vaccination) rxa-5-unknown", "RXA-5 (2nd vaccination) rxa-5-unknown", "RXA vaccination-none" }));
    }

    private static MatchCollection Entries(string report) =>
        EntryLine().Matches(report.ReplaceLineEndings("\n"));

    [GeneratedRegex(@"^  (?<severity>ERROR|WARNING|INFO) at (?<where>.+?), line (?<line>\d+) \[(?<rule>[a-z0-9-]+)\]$", RegexOptions.Multiline)]
    private static partial Regex EntryLine();
}
