namespace Registry.Ingest.Immunization.CodeTables;

/// <summary>
/// Loads the code tables from the TSV files of a directory, by default the <c>Data</c> folder beside
/// the executable (the build copies <c>src/Registry.Ingest/Data</c> there). A missing or malformed
/// file throws <see cref="CodeTableLoadException"/> naming the file and line: the service must not
/// start with tables that would reject valid vaccinations.
/// </summary>
internal static class CodeTableLoader
{
    public const string CvxFileName = "cvx.tsv";
    public const string CvxVaccineGroupFileName = "cvx_vaccine_group.tsv";
    public const string MvxFileName = "mvx.tsv";
    public const string Hl7TablesFileName = "hl7_tables.tsv";

    /// <summary><c>Data</c> under <see cref="AppContext.BaseDirectory"/>.</summary>
    public static string DefaultDirectory => Path.Combine(AppContext.BaseDirectory, "Data");

    /// <summary>Loads from <paramref name="directory"/>, or from <see cref="DefaultDirectory"/> when null.</summary>
    /// <exception cref="CodeTableLoadException">A file is missing, unreadable or malformed.</exception>
    public static CodeTableSet Load(string? directory = null)
    {
        string root = Path.GetFullPath(directory ?? DefaultDirectory);
        return new CodeTableSet(
            CvxFileReader.Read(Path.Combine(root, CvxFileName), Path.Combine(root, CvxVaccineGroupFileName)),
            MvxFileReader.Read(Path.Combine(root, MvxFileName)),
            Hl7TablesFileReader.Read(Path.Combine(root, Hl7TablesFileName)));
    }
}
