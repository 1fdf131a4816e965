namespace Registry.Ingest.Immunization.CodeTables;

/// <summary>One data line of a TSV file: non-empty, trimmed fields and where they came from.</summary>
internal sealed class TsvRow(string filePath, int line, string[] fields)
{
    public string FilePath { get; } = filePath;

    /// <summary>1-based line number (the header is line 1).</summary>
    public int Line { get; } = line;

    public string this[int column] => fields[column];

    /// <summary>An exception that points at this line.</summary>
    public CodeTableLoadException Error(string reason) => new(FilePath, Line, reason);
}
