using System.Globalization;
using System.Text;

namespace Registry.Ingest.Tests.Support;

/// <summary>Shows test inputs in failure messages: printable ASCII as is, everything else escaped.</summary>
internal static class Printable
{
    public static string Bytes(ReadOnlySpan<byte> bytes, int max = 2000)
    {
        var text = new StringBuilder();
        foreach (byte b in bytes[..Math.Min(bytes.Length, max)])
        {
            Append(text, (char)b);
        }

        return bytes.Length > max ? text.Append(CultureInfo.InvariantCulture, $"…({bytes.Length} bytes)").ToString() : text.ToString();
    }

    public static string Text(string value, int max = 2000)
    {
        var text = new StringBuilder();
        foreach (char c in value.AsSpan(0, Math.Min(value.Length, max)))
        {
            Append(text, c);
        }

        return value.Length > max ? text.Append('…').ToString() : text.ToString();
    }

    private static void Append(StringBuilder text, char c)
    {
        _ = c switch
        {
            '\r' => text.Append("\\r"),
            '\n' => text.Append("\\n"),
            '\t' => text.Append("\\t"),
            '\f' => text.Append("\\f"),
            '\0' => text.Append("\\0"),
            '\\' => text.Append("\\\\"),
            >= ' ' and < '\u007f' => text.Append(c),
            _ => text.Append(CultureInfo.InvariantCulture, $"\\x{(int)c:X2}"),
        };
    }
}
