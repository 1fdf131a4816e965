namespace Registry.Ingest.Sftp.Tests.Support;

/// <summary>Finds files of the repository (deploy/…) from the test's output folder.</summary>
internal static class RepositoryFiles
{
    public static string Root { get; } = FindRoot();

    public static string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Registry.Ingest.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Registry.Ingest.sln not found above the test folder.");
    }
}
