using NUnit.Framework;

namespace Registry.Ingest.Hl7.Tests.Writing;

/// <summary>Every ACK we write must read back, with our own parser, as what we meant to say.</summary>
[TestFixture]
internal sealed class Hl7AckRoundTripTests
{
    private static readonly Hl7AckError Awkward = new(
        new Hl7Location("OBX", 2, 5, 1, 2, 1), Hl7ErrorCodes.DataTypeError, Hl7ErrorSeverity.Error,
        "Value \"a|b^c~d\\e&f\" is not a code\r\nsee line 2", Hl7ApplicationErrorCodes.InvalidValue);

    private static readonly TestCaseData[] Acks =
    [
        new TestCaseData(AckSamples.AckFor(AckSamples.Vxu251, Hl7AckCode.Accept)).SetName("Parse_Written251Accept_GivesTheSameFields"),
        new TestCaseData(AckSamples.AckFor(AckSamples.Vxu251, Hl7AckCode.Error, AckSamples.Historical, AckSamples.SourceNotInTable, Awkward, AckSamples.BirthDateMissing))
            .SetName("Parse_Written251WithErrors_GivesTheSameFields"),
        new TestCaseData(AckSamples.AckFor(AckSamples.Vxu231, Hl7AckCode.Error, AckSamples.SourceNotInTable, Awkward, AckSamples.Historical))
            .SetName("Parse_Written231WithErrors_GivesTheSameFields"),
        new TestCaseData(AckSamples.Unparseable()).SetName("Parse_WrittenUnparseable_GivesTheSameFields"),
        new TestCaseData(new Hl7Ack
        {
            Code = Hl7AckCode.Accept,
            ControlId = "A|1",
            Timestamp = AckSamples.Now,
            IncomingControlId = "X^Y&Z",
            IncomingVersion = "2.5.1",
            IncomingProcessingId = "P",
            IncomingSendingApplication = new Hl7HierarchicDesignator("EHR^1", "1.2.3", "ISO"),
            IncomingSendingFacility = new Hl7HierarchicDesignator("", "2.3.4", "ISO"),
        }).SetName("Parse_WrittenDelimitersInEchoedValues_GivesTheSameValues"),
    ];

    [TestCaseSource(nameof(Acks))]
    public void RoundTrip(Hl7Ack ack)
    {
        var message = AckSamples.Parse(new Hl7AckWriter(AckSamples.Options).Write(ack));
        var msh = message.Header;
        var expectedErrors = ack.Errors.OrderBy(e => e.Severity).ToArray();

        Assert.Multiple(() =>
        {
            Assert.That(Hd(msh.Field(5)), Is.EqualTo(ack.IncomingSendingApplication));
            Assert.That(Hd(msh.Field(6)), Is.EqualTo(ack.IncomingSendingFacility));
            Assert.That(Hd(msh.Field(3)), Is.EqualTo(AckSamples.Options.Application));
            Assert.That(msh.Field(7).Value, Is.EqualTo("20240131142509-0600"));
            Assert.That(msh.Field(10).Value, Is.EqualTo(ack.ControlId));
            Assert.That(msh.Field(11).Value, Is.EqualTo(ack.IncomingProcessingId.Length > 0 ? ack.IncomingProcessingId : "P"));
            Assert.That(msh.Field(12).Value, Is.EqualTo(ack.IncomingVersion.Length > 0 ? ack.IncomingVersion : "2.5.1"));
            Assert.That(message.TryFind("MSA", out var msa), Is.True);
            Assert.That(msa.Field(1).Value, Is.EqualTo(ack.Code switch { Hl7AckCode.Accept => "AA", Hl7AckCode.Error => "AE", _ => "AR" }));
            Assert.That(msa.Field(2).Value, Is.EqualTo(ack.IncomingControlId));
            Assert.That(ack.IsVersion231 ? ReadVersion231Errors(message) : ReadVersion251Errors(message), Is.EqualTo(expectedErrors.Select(e => Expected(e, ack.IsVersion231))));
        });
    }

    private static Hl7HierarchicDesignator Hd(Hl7Element field) => Hl7HierarchicDesignator.From(field);

    private static (string, int, string, int?, string) Expected(Hl7AckError e, bool v231)
    {
        if (!v231)
        {
            return (e.Location?.ToString() ?? "", e.Code, e.Severity.ToString()[..1], e.ApplicationCode, e.UserMessage);
        }

        // 2.3.1 names segment and field only and has no severity or application code.
        var field = e.Location is { } l ? (l with { Repetition = 0, Component = 0, SubComponent = 0 }).ToString() : "";
        return (field, e.Code, "", null, e.UserMessage.Length > 0 ? e.UserMessage : Hl7ErrorCodes.Text(e.Code)!);
    }

    private static List<(string, int, string, int?, string)> ReadVersion251Errors(Hl7Message message)
    {
        var errors = new List<(string, int, string, int?, string)>();
        for (int i = message.IndexOf("ERR"); i >= 0; i = message.IndexOf("ERR", i + 1))
        {
            var err = message[i];
            var at = err.Field(2);
            var location = at.IsEmpty ? "" : new Hl7Location(
                at.Component(1).Value, Number(at.Component(2)), Number(at.Component(3)), Number(at.Component(4)), Number(at.Component(5)), Number(at.Component(6))).ToString();
            int? application = err.Field(5).IsEmpty ? null : Number(err.Field(5).Component(1));
            Assert.That(err.Field(3).Component(3).Value, Is.EqualTo("HL70357"));
            errors.Add((location, Number(err.Field(3).Component(1)), err.Field(4).Value, application, err.Field(8).Value));
        }

        return errors;
    }

    private static List<(string, int, string, int?, string)> ReadVersion231Errors(Hl7Message message)
    {
        var errors = new List<(string, int, string, int?, string)>();
        if (!message.TryFind("ERR", out var err))
        {
            return errors;
        }

        var field = err.Field(1);
        for (int r = 1; r <= field.RepetitionCount; r++)
        {
            var eld = field.Repetition(r);
            var location = eld.Component(1).IsEmpty ? "" : new Hl7Location(eld.Component(1).Value, Number(eld.Component(2)), Number(eld.Component(3))).ToString();
            var code = eld.Component(4);
            Assert.That(code.SubComponent(3).Value, Is.EqualTo("HL70357"));
            errors.Add((location, Number(code.SubComponent(1)), "", null, code.SubComponent(2).Value));
        }

        return errors;
    }

    private static int Number(Hl7Element element) =>
        element.IsEmpty ? 0 : int.Parse(element.Value, System.Globalization.CultureInfo.InvariantCulture);
}
