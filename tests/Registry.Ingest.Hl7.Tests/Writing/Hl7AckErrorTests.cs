using NUnit.Framework;

namespace Registry.Ingest.Hl7.Tests.Writing;

[TestFixture]
internal sealed class Hl7AckErrorTests
{
    [TestCase(1)]
    [TestCase(99)]
    [TestCase(104)]
    [TestCase(208)]
    public void Constructor_CodeNotInTable0357_Throws(int code)
    {
        Assert.That(() => new Hl7AckError(null, code, Hl7ErrorSeverity.Error, "x"), Throws.TypeOf<ArgumentOutOfRangeException>());
    }

    [TestCase(0)]
    [TestCase(9)]
    public void Constructor_CodeNotInTable0533_Throws(int applicationCode)
    {
        Assert.That(() => new Hl7AckError(null, 101, Hl7ErrorSeverity.Error, "x", applicationCode), Throws.TypeOf<ArgumentOutOfRangeException>());
    }

    [Test]
    public void Constructor_LocationWithoutSegment_MeansNoLocation()
    {
        var error = new Hl7AckError(default(Hl7Location), 101, Hl7ErrorSeverity.Error, "x");

        Assert.That(error.Location, Is.Null);
    }

    [TestCase(0, "Message accepted")]
    [TestCase(100, "Segment sequence error")]
    [TestCase(101, "Required field missing")]
    [TestCase(102, "Data type error")]
    [TestCase(103, "Table value not found")]
    [TestCase(200, "Unsupported message type")]
    [TestCase(201, "Unsupported event code")]
    [TestCase(202, "Unsupported processing id")]
    [TestCase(203, "Unsupported version id")]
    [TestCase(204, "Unknown key identifier")]
    [TestCase(205, "Duplicate key identifier")]
    [TestCase(206, "Application record locked")]
    [TestCase(207, "Application internal error")]
    public void ErrorCodesText_Table0357Code_IsTheTableText(int code, string expected)
    {
        Assert.That(Hl7ErrorCodes.Text(code), Is.EqualTo(expected));
    }

    [TestCase(1, "Illogical Date error")]
    [TestCase(2, "Invalid Date")]
    [TestCase(3, "Illogical Value error")]
    [TestCase(4, "Invalid value")]
    [TestCase(5, "Table value not found")]
    [TestCase(6, "Required observation missing")]
    [TestCase(7, "Required data missing")]
    [TestCase(8, "Data was ignored")]
    public void ApplicationErrorCodesText_Table0533Code_IsTheTableText(int code, string expected)
    {
        Assert.That(Hl7ApplicationErrorCodes.Text(code), Is.EqualTo(expected));
    }
}
