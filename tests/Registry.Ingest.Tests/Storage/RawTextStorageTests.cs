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

    /// <summary>
    /// A UTF-8 message with one byte that is not UTF-8 (a Windows curly quote pasted into a note)
    /// keeps its UTF-8 names; a Windows-1252 file's apostrophe is the character it stands for,
    /// not an invisible control code.
    /// </summary>
    [Test]
    public async Task Ingest_MessagesWithWindows1252Bytes_StoreTheNamesAsTheSenderWroteThem()
    {
        await using var harness = await StorageHarness.StartAsync();
        var mixed = SampleVxu.Valid251().With("MSH-10", "MIXED").With("PID-3", "MIX1^^^DCS0067^MR").With("PID-5", "NUÑEZ^JOSÉ^^^^^L");
        byte[] mixedBytes = [.. Encoding.UTF8.GetBytes(mixed.Text.TrimEnd('\r', '\n') + "\rNTE|1||Mom said "), 0x93, .. "ok"u8, 0x94, (byte)'\r'];
        var windows = SampleVxu.Valid251().With("MSH-10", "WINDOWS").With("PID-3", "WIN1^^^DCS0067^MR").With("PID-5", "O#BRIEN^RENÉE^^^^^L");
        byte[] windowsBytes = Encoding.Latin1.GetBytes(windows.Text).Select(b => b == (byte)'#' ? (byte)0x92 : b).ToArray();

        harness.Ingest(mixedBytes, harness.NextFileName());
        harness.Ingest(windowsBytes, harness.NextFileName());

        var names = harness.Query<string>("SELECT family_name || ' ' || given_name FROM registry.patient ORDER BY id");
        var notes = harness.Query<string>("SELECT raw_text FROM registry.message WHERE control_id = 'MIXED'");
        Assert.Multiple(() =>
        {
            Assert.That(names, Is.EqualTo(new[] { "NUÑEZ JOSÉ", "O\u2019BRIEN RENÉE" }));
            Assert.That(notes.Single(), Does.Contain("Mom said \u201Cok\u201D"));
        });
    }
}
