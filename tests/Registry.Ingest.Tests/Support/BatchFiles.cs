using System.Globalization;
using System.Text;

namespace Registry.Ingest.Tests.Support;

/// <summary>Whole batch files built in memory from <see cref="SampleVxu"/> messages.</summary>
internal static class BatchFiles
{
    /// <summary>
    /// <paramref name="count"/> typical 2.5.1 VXUs with MSH-10 <c>MSG1</c>…, optionally each changed
    /// by <paramref name="change"/> (given the message and its 0-based index), segments ending in CR.
    /// </summary>
    public static string Messages(int count, Func<VxuBuilder, int, VxuBuilder>? change = null)
    {
        var text = new StringBuilder();
        var typical = SampleVxu.Valid251();
        for (int i = 0; i < count; i++)
        {
            var message = typical.With("MSH-10", ControlId(i));
            text.Append((change?.Invoke(message, i) ?? message).Text);
        }

        return text.ToString();
    }

    public static string ControlId(int index) => string.Create(CultureInfo.InvariantCulture, $"MSG{index + 1}");

    /// <summary>The messages inside FHS/BHS…BTS/FTS with the counts given (the true ones by default).</summary>
    public static string InBatch(string messages, int messageCount, string? btsCount = null, string ftsCount = "1") =>
        "FHS|^~\\&|MYEHR|CLINIC01|REGISTRY|STATEIIS|20240515103000||HL7_FUZZCLINIC_20240101.txt||F-1\r" +
        "BHS|^~\\&|MYEHR|CLINIC01|REGISTRY|STATEIIS|20240515103000||||B-1\r" +
        messages +
        $"BTS|{btsCount ?? messageCount.ToString(CultureInfo.InvariantCulture)}\r" +
        $"FTS|{ftsCount}\r";

    public static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);
}
