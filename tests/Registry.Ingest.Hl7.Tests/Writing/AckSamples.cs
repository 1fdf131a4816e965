using NUnit.Framework;

namespace Registry.Ingest.Hl7.Tests.Writing;

/// <summary>Incoming messages and the ACKs that answer them, shared by the writing tests.</summary>
internal static class AckSamples
{
    public const string Vxu251 =
        "MSH|^~\\&|MYEHR|DCS0067|ICARE|IDPH|20240131120000-0600||VXU^V04^VXU_V04|MSG00001|P|2.5.1|||ER|AL|||||Z22^CDCPHINVS\r" +
        "PID|1||12345^^^MYEHR^MR||DOE^JANE||20200101|F\r";

    public const string Vxu231 =
        "MSH|^~\\&|MYEHR|DCS0067|ICARE|IDPH|20240131120000-0600||VXU^V04|MSG00002|T|2.3.1\r" +
        "PID|1||12345^^^MYEHR^MR||DOE^JANE||20200101|F\r";

    public static DateTimeOffset Now { get; } = new(2024, 1, 31, 14, 25, 9, TimeSpan.FromHours(-6));

    public static Hl7AckOptions Options { get; } = new()
    {
        Application = new Hl7HierarchicDesignator("ICARE"),
        Facility = new Hl7HierarchicDesignator("IDPH", "2.16.840.1.114222.4.1.1", "ISO"),
    };

    public static Hl7AckError BirthDateMissing { get; } = new(
        new Hl7Location("PID", 1, 7, 1), Hl7ErrorCodes.RequiredFieldMissing, Hl7ErrorSeverity.Error,
        "Birth date is missing", Hl7ApplicationErrorCodes.RequiredDataMissing);

    public static Hl7AckError SourceNotInTable { get; } = new(
        new Hl7Location("RXA", 1, 9, 1), Hl7ErrorCodes.TableValueNotFound, Hl7ErrorSeverity.Warning,
        "Information source is not in NIP001", Hl7ApplicationErrorCodes.TableValueNotFound);

    public static Hl7AckError LotMissing { get; } = new(
        new Hl7Location("RXA", 2, 15, 1), Hl7ErrorCodes.RequiredFieldMissing, Hl7ErrorSeverity.Warning, "Lot number is missing");

    public static Hl7AckError Historical { get; } = new(
        null, Hl7ErrorCodes.MessageAccepted, Hl7ErrorSeverity.Information, "Historical dose recorded");

    public static Hl7Message Parse(string text)
    {
        var result = Hl7Message.Parse(text);
        Assert.That(result.Succeeded, Is.True, () => result.Error!.Reason);
        return result.Message!;
    }

    public static Hl7Ack AckFor(string incoming, Hl7AckCode code, params Hl7AckError[] errors) =>
        Hl7Ack.For(Parse(incoming), code, "ACK00001", Now, errors);

    public static Hl7Ack Unparseable(string controlId = "ACK00009") => new()
    {
        Code = Hl7AckCode.Reject,
        ControlId = controlId,
        Timestamp = Now,
        Errors = [new Hl7AckError(null, Hl7ErrorCodes.ApplicationInternalError, Hl7ErrorSeverity.Error, "The message could not be read")],
    };
}
