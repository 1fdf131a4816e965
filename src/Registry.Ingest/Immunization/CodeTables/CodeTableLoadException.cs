namespace Registry.Ingest.Immunization.CodeTables;

/// <summary>A code table file is missing, unreadable or malformed; the message names the file and line.</summary>
internal sealed class CodeTableLoadException : Exception
{
    public CodeTableLoadException(string filePath, int? line, string reason, Exception? innerException = null)
        : base(Format(filePath, line, reason), innerException)
    {
        FilePath = filePath;
        Line = line;
        Reason = reason;
    }

    /// <summary>Full path of the offending file.</summary>
    public string FilePath { get; }

    /// <summary>1-based line of the file, or null when the problem is the whole file.</summary>
    public int? Line { get; }

    public string Reason { get; }

    private static string Format(string filePath, int? line, string reason) =>
        line is { } number
            ? $"Cannot load code table file '{filePath}', line {number}: {reason}"
            : $"Cannot load code table file '{filePath}': {reason}";
}
