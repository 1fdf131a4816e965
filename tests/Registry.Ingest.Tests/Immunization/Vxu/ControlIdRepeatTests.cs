using Registry.Ingest.Immunization.Vxu;
using Registry.Ingest.Tests.Support;

namespace Registry.Ingest.Tests.Immunization.Vxu;

/// <summary>
/// msh-10-repeated: two ACKs with one MSA-2 cannot be told apart by the sender, whatever the first
/// ACK said. A message refused outright (AR) or unreadable still uses up its control id.
/// </summary>
[TestFixture]
internal sealed class ControlIdRepeatTests
{
    private static VxuBuilder One => SampleVxu.Valid251().With("MSH-10", "42");

    [Test]
    public void ValidateFile_IdOfARefusedMessageUsedAgain_WarnsTheSecond()
    {
        var results = VxuValidation.ValidateFile(One.With("MSH-12", "2.4").Text + One.Text);

        Assert.That(results[0].AckCode, Is.EqualTo(AckCode.AR));
        Assert.That(results[1].Issues.Select(i => (i.Rule.Id, i.Text)), Is.EqualTo(new[]
        {
            ("msh-10-repeated", "The message control id (MSH-10) is the same as message 1's in this file, so the two acknowledgements cannot be told apart."),
        }));
        Assert.That(results[1].AckCode, Is.EqualTo(AckCode.AA));
    }

    [Test]
    public void ValidateFile_IdOfAnUnreadableMessageUsedAgain_WarnsTheSecond()
    {
        var unreadable = One.Text.Replace("\rPID|", "\rP\u0001D|", StringComparison.Ordinal);

        var results = VxuValidation.ValidateFile(unreadable + One.Text);

        Assert.That(results[0].Issues.Select(i => i.Rule.Id), Does.Contain("message-unparseable"));
        Assert.That(results[1].Issues.Select(i => i.Rule.Id), Is.EqualTo(new[] { "msh-10-repeated" }));
    }

    [Test]
    public void ValidateFile_RefusedOrUnreadableMessage_CountsItsVaccinationsAsDropped()
    {
        // The report's "vaccination records dropped" counts every RXA sent in a rejected message.
        var two = SampleVxu.TwoVaccinations251();
        var refused = two.With("MSH-10", "R1").With("MSH-12", "2.4").Text;
        var unreadable = two.With("MSH-10", "U1").Text.Replace("\rPID|", "\rP\u0001D|", StringComparison.Ordinal);

        var results = VxuValidation.ValidateFile(refused + unreadable);

        Assert.That(results.Select(r => (r.AckCode, r.VaccinationsAccepted, r.VaccinationsDropped)), Is.EqualTo(new[] { (AckCode.AR, 0, 2), (AckCode.AE, 0, 2) }));
    }

    [Test]
    public void ValidateFile_RefusedMessageRepeatingAnEarlierId_IsWarnedToo()
    {
        var results = VxuValidation.ValidateFile(One.Text + One.With("MSH-12", "2.4").Text);

        Assert.That(results[0].Issues, Is.Empty);
        Assert.That(results[1].Issues.Select(i => (i.Rule.Id, i.Location.ToString())), Does.Contain(("msh-10-repeated", "MSH-10")));
    }
}
