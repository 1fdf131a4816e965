using Registry.Ingest.Immunization.CodeTables;
using Registry.Ingest.Tests.Support;

namespace Registry.Ingest.Tests.Immunization.CodeTables;

/// <summary>The tables shipped with the program, loaded once, and copies of their files to corrupt.</summary>
internal static class ShippedCodeTables
{
    private static readonly Lazy<CodeTableSet> Loaded = new(() => CodeTableLoader.Load());

    public static CodeTableSet Instance => Loaded.Value;

    /// <summary>A temp folder holding a copy of every shipped data file.</summary>
    public static TempFolder CopyToTempFolder()
    {
        var folder = TempFolder.ForCaller();
        foreach (string file in Directory.EnumerateFiles(CodeTableLoader.DefaultDirectory, "*.tsv"))
        {
            File.Copy(file, folder.Combine(Path.GetFileName(file)));
        }

        return folder;
    }
}
