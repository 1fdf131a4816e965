using System.Globalization;
using System.Text;

namespace Registry.Ingest.Tests.Support;

/// <summary>
/// A valid batch file of several typical VXUs (2.5.1, 2.3.1, two vaccinations), each with its own
/// MSH-10 (<c>CTL-001</c>…) and a next of kin named with a non-ASCII letter, written with one line
/// ending, optionally inside FHS/BHS…BTS/FTS and after a byte order mark.
/// </summary>
internal sealed record BatchFileSpec(IReadOnlyList<int> Templates, string LineEnding, bool Envelope, bool ByteOrderMark)
{
    private static readonly Func<VxuBuilder>[] Messages = [SampleVxu.Valid251, SampleVxu.Valid231, SampleVxu.TwoVaccinations251];

    public static string ControlId(int index) => string.Create(CultureInfo.InvariantCulture, $"CTL-{index + 1:000}");

    public byte[] Build(Func<VxuBuilder, VxuBuilder>? change = null)
    {
        var lines = new List<string>();
        if (Envelope)
        {
            lines.Add("FHS|^~\\&|MYEHR|CLINIC01|REGISTRY|STATEIIS|20240515103000||HL7_FUZZCLINIC_20240101.txt||F-1");
            lines.Add("BHS|^~\\&|MYEHR|CLINIC01|REGISTRY|STATEIIS|20240515103000||||B-1");
        }

        for (int i = 0; i < Templates.Count; i++)
        {
            var message = Messages[Templates[i]]().With("MSH-10", ControlId(i)).With("NK1-2.2", "RENÉE");
            lines.AddRange((change?.Invoke(message) ?? message).Segments);
        }

        if (Envelope)
        {
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"BTS|{Templates.Count}"));
            lines.Add("FTS|1");
        }

        var text = Encoding.UTF8.GetBytes(string.Join(LineEnding, lines) + LineEnding);
        return ByteOrderMark ? [0xEF, 0xBB, 0xBF, .. text] : text;
    }

    public override string ToString() =>
        $"{Templates.Count} messages ({string.Join(",", Templates)}), line ending \"{Printable.Text(LineEnding)}\", envelope {Envelope}, BOM {ByteOrderMark}";
}
