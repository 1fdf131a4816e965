namespace Registry.Ingest.Hl7.Tests.Support;

/// <summary>Small VXU-shaped messages for tests; segments are joined with the terminator a test needs.</summary>
internal static class Messages
{
    public const string Header = @"MSH|^~\&|EHR|CLINIC|REG|STATE|20240101120000||VXU^V04^VXU_V04|MSG001|P|2.5.1";

    public static readonly string[] Vxu =
    [
        Header,
        "PID|1||12345^^^CLINIC^MR~67890^^^STATE^SR||Doe^Jane^Q||20200101|F",
        "ORC|RE||9999^CLINIC",
        "RXA|0|1|20240101||08^HepB^CVX|0.5|mL",
        "OBX|1|CE|64994-7^VFC^LN||V02^VFC eligible^HL70064",
        "OBX|2|CE|30963-3^Funding^LN||VXC1^Federal^CDCPHINVS",
    ];

    public static string Join(string terminator, params string[] segments) => string.Join(terminator, segments);

    /// <summary>Parses text that must be a message; a failure is a broken test, not a finding.</summary>
    public static Hl7Message Parse(string text)
    {
        var result = Hl7Message.Parse(text);
        Assert.That(result.Succeeded, Is.True, () => $"expected a message but got: {result.Error}");
        return result.Message!;
    }

    /// <summary>A header plus one segment, for reading the fields of that segment.</summary>
    public static Hl7Segment Segment(string segment) => Parse(Join("\r", Header, segment))[1];
}
