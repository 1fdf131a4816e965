using System.Globalization;
using System.Text;

namespace Registry.Ingest.DropFolder;

/// <summary>
/// Shows parts of an untrusted file name in messages: printable ASCII as is, anything else as
/// <c>U+XXXX</c>, so a report or log line never carries control or bidi characters from a name.
/// </summary>
internal static class FileNameText
{
    public static string Quote(ReadOnlySpan<char> text)
    {
        var builder = new StringBuilder(text.Length + 2).Append('\'');
        foreach (var rune in text.EnumerateRunes())
        {
            if (IsPrintableAscii(rune))
            {
                builder.Append((char)rune.Value);
            }
            else
            {
                builder.Append(CultureInfo.InvariantCulture, $"U+{rune.Value:X4}");
            }
        }

        return builder.Append('\'').ToString();
    }

    /// <summary>The first character of <paramref name="text"/> at <paramref name="index"/>, e.g. <c>'_'</c>, <c>' ' (space)</c>, <c>U+00E9</c>.</summary>
    public static string Character(ReadOnlySpan<char> text, int index)
    {
        Rune.DecodeFromUtf16(text[index..], out var rune, out _);
        return rune.Value switch
        {
            ' ' => "' ' (space)",
            _ when IsPrintableAscii(rune) => $"'{(char)rune.Value}'",
            _ => string.Create(CultureInfo.InvariantCulture, $"U+{rune.Value:X4}"),
        };
    }

    private static bool IsPrintableAscii(Rune rune) => rune.Value is >= 0x20 and <= 0x7E;
}
