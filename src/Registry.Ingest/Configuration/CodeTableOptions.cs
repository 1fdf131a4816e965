namespace Registry.Ingest.Configuration;

/// <summary>The <c>CodeTables</c> section.</summary>
internal sealed class CodeTableOptions
{
    public const string Section = "CodeTables";

    /// <summary>Folder of cvx.tsv, mvx.tsv, hl7_tables.tsv…; empty = the Data folder beside the executable.</summary>
    public string Directory { get; set; } = string.Empty;
}
