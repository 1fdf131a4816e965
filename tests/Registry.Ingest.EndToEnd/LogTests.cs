using System.Text.Json;
using System.Text.RegularExpressions;
using Registry.Ingest.EndToEnd.Support;
using Registry.Ingest.Tests.Support;

namespace Registry.Ingest.EndToEnd;

/// <summary>The worker's JSON log after <c>once</c> over every sample file: no patient data, and every event about a file names it.</summary>
[TestFixture]
internal sealed class LogTests
{
    private static readonly string[] Samples =
        Directory.GetFiles(RepositoryFiles.Path("sample-files"), "*.txt").Select(f => Path.GetFileName(f)!).Order(StringComparer.Ordinal).ToArray();

    private WorkerSite site = null!;

    [OneTimeSetUp]
    public async Task RunOnceOverTheSamples()
    {
        site = await WorkerSite.CreateAsync(nameof(LogTests));
        foreach (var name in Samples)
        {
            site.DropSample(name);
        }

        var run = site.Once();
        Assert.That(run.ExitCode, Is.Zero, run.ToString());
    }

    [OneTimeTearDown]
    public async Task Stop() => await site.DisposeAsync();

    [Test]
    public void PatientData_ExtractedFromTheSamples_IsFoundInThem()
    {
        var values = PatientData.InSamples(Samples);

        // The extraction itself must work, or the next test proves nothing.
        Assert.That(values, Is.SupersetOf(new[] { "PA123456", "TESTPATIENT", "ALPHA", "20230415", "123 MAIN ST", "MOTHER", "NUÑEZ", "DOE", "9 ELM RD" }));
    }

    [Test]
    public void Log_OnceOverAllSamples_HoldsNoPatientData()
    {
        var events = site.LogEvents();
        Assert.That(events, Has.Count.GreaterThan(Samples.Length), "the log was written");
        string text = site.LogText() + "\n" + string.Join('\n', events.Select(e => string.Join('\n', Strings(JsonDocument.Parse(e.Raw).RootElement))));

        var found = PatientData.InSamples(Samples)
            .Where(value => Regex.IsMatch(text, $"(?<![A-Za-z0-9]){Regex.Escape(value)}(?![A-Za-z0-9])"))
            .ToList();

        Assert.That(found, Is.Empty, "patient identifiers, names, birth dates or streets in the log");
    }

    [Test]
    public void Log_EventsAboutAFile_CarryItsFileName()
    {
        var events = site.LogEvents();
        var aboutAFile = events
            .Select(e => (Event: e, Files: Samples.Where(name => Mentions(e, name)).ToList()))
            .Where(x => x.Files.Count > 0)
            .ToList();

        Assert.That(aboutAFile, Has.Count.GreaterThanOrEqualTo(Samples.Length * 3), "took, wrote and moved: at least three events per file");
        Assert.Multiple(() =>
        {
            foreach (var (e, files) in aboutAFile)
            {
                Assert.That(e.Property("FileName"), Is.AnyOf(files.Cast<object>().ToArray()), e.ToString());
            }

            // The poller's events are about one file each, apart from the poll's summary: each names it.
            foreach (var e in events.Where(e => e.Property("SourceContext") == "Registry.Ingest.Polling.DropFolderPoller" && !e.MessageTemplate.StartsWith("Poll of", StringComparison.Ordinal)))
            {
                Assert.That(e.Property("FileName"), Is.AnyOf(Samples.Cast<object>().ToArray()), e.ToString());
            }
        });
    }

    /// <summary>An event mentions a file when its template or any property names the file or its outputs (same base name).</summary>
    private static bool Mentions(LogEvent e, string name)
    {
        string baseName = name[..name.LastIndexOf('.')];
        return e.Raw.Contains(baseName, StringComparison.Ordinal);
    }

    private static IEnumerable<string> Strings(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => [element.GetString()!],
        JsonValueKind.Object => element.EnumerateObject().SelectMany(p => Strings(p.Value).Prepend(p.Name)),
        JsonValueKind.Array => element.EnumerateArray().SelectMany(Strings),
        _ => [element.GetRawText()],
    };
}
