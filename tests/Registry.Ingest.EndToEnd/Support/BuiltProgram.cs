using Registry.Ingest.Tests.Support;

namespace Registry.Ingest.EndToEnd.Support;

/// <summary>
/// The programs under test, taken from their own bin folders in the configuration these tests were
/// built in (bin/Release/net10.0 under tests/run.sh), as an operator would run the published program.
/// </summary>
internal static class BuiltProgram
{
    private static readonly string TestDirectory = TestContext.CurrentContext.TestDirectory;

    /// <summary>Release or Debug: the folder above the test assembly's target framework folder.</summary>
    public static string Configuration { get; } = System.IO.Path.GetFileName(System.IO.Path.GetDirectoryName(TestDirectory.TrimEnd('/'))!);

    public static string TargetFramework { get; } = System.IO.Path.GetFileName(TestDirectory.TrimEnd('/'));

    /// <summary><paramref name="parts"/>: the project folder from the repository root, then the file.</summary>
    public static string Path(params string[] parts)
    {
        string[] project = parts[..^1];
        string path = RepositoryFiles.Path([.. project, "bin", Configuration, TargetFramework, parts[^1]]);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{path} was not built; build Registry.Ingest.sln in {Configuration} first.", path);
        }

        return path;
    }
}
