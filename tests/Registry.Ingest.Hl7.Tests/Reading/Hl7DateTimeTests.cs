namespace Registry.Ingest.Hl7.Tests.Reading;

public sealed class Hl7DateTimeTests
{
    [TestCase("2024", "2024-01-01T00:00:00", Hl7DatePrecision.Year)]
    [TestCase("202402", "2024-02-01T00:00:00", Hl7DatePrecision.Month)]
    [TestCase("20240229", "2024-02-29T00:00:00", Hl7DatePrecision.Day)]
    [TestCase("201410271116", "2014-10-27T11:16:00", Hl7DatePrecision.Minute)]
    [TestCase("20141027111659", "2014-10-27T11:16:59", Hl7DatePrecision.Second)]
    [TestCase("20141027111659.1234", "2014-10-27T11:16:59.1234", Hl7DatePrecision.Second)]
    [TestCase("20141027111659-0500", "2014-10-27T11:16:59", Hl7DatePrecision.Second)]
    [TestCase(" 20141027 ", "2014-10-27T00:00:00", Hl7DatePrecision.Day)]
    public void TryParse_ValidValue_GivesDateAndPrecision(string text, string expected, Hl7DatePrecision precision)
    {
        Assert.That(Hl7DateTime.TryParse(text, out var value), Is.True);
        Assert.That(value.Value, Is.EqualTo(DateTime.Parse(expected, System.Globalization.CultureInfo.InvariantCulture)));
        Assert.That(value.Precision, Is.EqualTo(precision));
    }

    [TestCase("")]
    [TestCase("19981912")]
    [TestCase("20230229")]
    [TestCase("20240431")]
    [TestCase("2024010")]
    [TestCase("20240101246000")]
    [TestCase("2024-01-01")]
    [TestCase("01/02/2024")]
    [TestCase("20240101+05")]
    [TestCase("20240101.5")]
    [TestCase("00000101")]
    public void TryParse_InvalidValue_IsRejected(string text)
    {
        Assert.That(Hl7DateTime.TryParse(text, out _), Is.False);
    }

    [Test]
    public void TryParse_NegativeOffset_IsKept()
    {
        Assert.That(Hl7DateTime.TryParse("202401011200-0530", out var value), Is.True);
        Assert.That(value.Offset, Is.EqualTo(TimeSpan.FromMinutes(-330)));
    }
}
