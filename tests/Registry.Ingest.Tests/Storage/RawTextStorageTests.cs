using System.Text;
using Registry.Ingest.Tests.Support;

namespace Registry.Ingest.Tests.Storage;

/// <summary>registry.message.raw_text is the message exactly as read, whatever the file's encoding.</summary>
[TestFixture]
internal sealed class RawTextStorageTests
{
    [Test]
    public async Task Ingest_Latin1AndUtf8Files_StoreEachMessageTextAsRead()
    {
        await using var harness = await StorageHarness.StartAsync();
        var message = SampleVxu.Valid251().With("PID-5", "MÜLLER^ZOË^^^^^L").With("NK1-2", "MÜLLER^RENÉE^^^^^L");
        var latin1 = message.With("MSH-10", "LATIN1").Text;
        var utf8 = message.With("MSH-10", "UTF8").Text;

        harness.Ingest(Encoding.Latin1.GetBytes(latin1), harness.NextFileName());
        harness.Ingest(Encoding.UTF8.GetBytes(utf8), harness.NextFileName());

        var stored = harness.Query<string>("SELECT raw_text FROM registry.message ORDER BY id");
        Assert.That(stored, Has.Count.EqualTo(2));
        Assert.Multiple(() =>
        {
            Assert.That(stored[0].TrimEnd('\r', '\n'), Is.EqualTo(latin1.TrimEnd('\r', '\n')));
            Assert.That(stored[1].TrimEnd('\r', '\n'), Is.EqualTo(utf8.TrimEnd('\r', '\n')));
            Assert.That(stored[0], Does.Contain("MÜLLER^ZOË"));
        });
    }
}
