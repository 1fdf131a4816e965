using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace Registry.Ingest.Immunization.CodeTables;

/// <summary>
/// Reads the code table TSV format of Data/SOURCES.md: UTF-8 (a BOM is allowed), LF or CRLF line
/// ends, one exact header row, then rows with exactly the header's number of tab-separated,
/// non-empty, trimmed fields. Anything else fails with the file and line, because a silently
/// skipped row would make valid codes look invalid.
/// </summary>
internal static class TsvFile
{
    public static List<TsvRow> Read(string filePath, IReadOnlyList<string> header)
    {
        string[] lines = ReadLines(filePath);
        string expectedHeader = string.Join('\t', header);
        if (lines.Length == 0)
        {
            throw new CodeTableLoadException(filePath, null, $"the file is empty; expected the header row '{Show(expectedHeader)}'.");
        }

        if (!string.Equals(lines[0], expectedHeader, StringComparison.Ordinal))
        {
            throw new CodeTableLoadException(filePath, 1, $"expected the header row '{Show(expectedHeader)}' but found '{Show(lines[0])}'.");
        }

        var rows = new List<TsvRow>(lines.Length - 1);
        for (int i = 1; i < lines.Length; i++)
        {
            rows.Add(ParseRow(filePath, i + 1, lines[i], header));
        }

        return rows;
    }

    private static string[] ReadLines(string filePath)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(filePath);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new CodeTableLoadException(filePath, null, "the file does not exist. The code tables ship in the Data folder beside the executable.", ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CodeTableLoadException(filePath, null, $"the file cannot be read: {ex.Message}", ex);
        }

        ReadOnlySpan<byte> utf8 = bytes;
        if (utf8.StartsWith("\uFEFF"u8))
        {
            utf8 = utf8[3..];
        }

        var text = new char[utf8.Length];
        if (Utf8.ToUtf16(utf8, text, out int bytesRead, out int charsWritten, replaceInvalidSequences: false) != OperationStatus.Done)
        {
            int line = utf8[..bytesRead].Count((byte)'\n') + 1;
            throw new CodeTableLoadException(filePath, line, "the text is not valid UTF-8.");
        }

        string[] lines = new string(text, 0, charsWritten).Split('\n');
        int count = lines.Length > 0 && lines[^1].Length == 0 ? lines.Length - 1 : lines.Length;
        var result = new string[count];
        for (int i = 0; i < count; i++)
        {
            result[i] = lines[i].EndsWith('\r') ? lines[i][..^1] : lines[i];
        }

        return result;
    }

    private static TsvRow ParseRow(string filePath, int line, string text, IReadOnlyList<string> header)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new CodeTableLoadException(filePath, line, "the line is blank.");
        }

        string[] fields = text.Split('\t');
        if (fields.Length != header.Count)
        {
            throw new CodeTableLoadException(filePath, line, $"expected {header.Count} tab-separated fields ({string.Join(", ", header)}) but found {fields.Length}.");
        }

        for (int i = 0; i < fields.Length; i++)
        {
            if (fields[i].Length == 0)
            {
                throw new CodeTableLoadException(filePath, line, $"the {header[i]} field is empty.");
            }

            if (char.IsWhiteSpace(fields[i][0]) || char.IsWhiteSpace(fields[i][^1]))
            {
                throw new CodeTableLoadException(filePath, line, $"the {header[i]} field has leading or trailing white space.");
            }
        }

        return new TsvRow(filePath, line, fields);
    }

    private static string Show(string text) => text.Replace("\t", "<TAB>", StringComparison.Ordinal);
}
