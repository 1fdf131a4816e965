using System.Buffers;

namespace Registry.Ingest.Immunization.CodeTables;

/// <summary>
/// Reads hl7_tables.tsv into one <see cref="CodeTable"/> per table. Every table of
/// <see cref="CodeTableNames"/> must be present: validation relies on them.
/// </summary>
internal static class Hl7TablesFileReader
{
    private static readonly string[] Header = ["table", "code", "description"];
    private static readonly SearchValues<char> TableNameCharacters = SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789");

    public static List<CodeTable> Read(string path)
    {
        var tables = new Dictionary<string, List<CodeTableEntry>>(StringComparer.Ordinal);
        var firstLines = new Dictionary<(string Table, string Code), int>();
        foreach (var row in TsvFile.Read(path, Header))
        {
            string table = row[0];
            string code = row[1];
            if (table.AsSpan().ContainsAnyExcept(TableNameCharacters))
            {
                throw row.Error($"the table name '{table}' is not letters A-Z and digits.");
            }

            if (code.AsSpan().ContainsAny(' ', '\t'))
            {
                throw row.Error($"the code '{code}' contains a space.");
            }

            if (!firstLines.TryAdd((table, code), row.Line))
            {
                throw row.Error($"the code '{code}' of table {table} is already on line {firstLines[(table, code)]}.");
            }

            if (!tables.TryGetValue(table, out var entries))
            {
                tables[table] = entries = [];
            }

            entries.Add(new CodeTableEntry(code, row[2]));
        }

        foreach (string required in CodeTableNames.All)
        {
            if (!tables.ContainsKey(required))
            {
                throw new CodeTableLoadException(path, null, $"there are no rows for table {required}, which validation needs.");
            }
        }

        return [.. tables.Select(t => new CodeTable(t.Key, t.Value))];
    }
}
