using System.Runtime.Versioning;
using Registry.Ingest.Tests.Support;

namespace Registry.Ingest.Tests.Hosting;

/// <summary>
/// What <c>dotnet publish</c> leaves, in miniature: the dll, the apphost, appsettings.json and a data
/// file. install.sh copies bytes and never runs them, so tests need not publish for real.
/// </summary>
[UnsupportedOSPlatform("windows")]
internal static class FakePublishFolder
{
    public static string Create(TempFolder work, string version = "1")
    {
        var folder = work.Combine("publish");
        Directory.CreateDirectory(Path.Combine(folder, "Data"));
        File.WriteAllText(Path.Combine(folder, "registry-ingest.dll"), $"not really a dll, version {version}");
        File.WriteAllText(Path.Combine(folder, "registry-ingest"), "#!/bin/sh\n");
        File.SetUnixFileMode(Path.Combine(folder, "registry-ingest"), (UnixFileMode)0b111_101_101);
        File.Copy(RepositoryFiles.Path("appsettings.json"), Path.Combine(folder, "appsettings.json"), overwrite: true);
        File.WriteAllText(Path.Combine(folder, "Data", "cvx.tsv"), "cvx\tname\n");
        return folder;
    }
}
