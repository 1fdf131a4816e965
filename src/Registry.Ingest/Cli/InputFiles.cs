using Registry.Ingest.DropFolder;

namespace Registry.Ingest.Cli;

/// <summary>
/// The files a command works on: files named on the command line, and the regular files directly
/// inside named folders (sorted by name), leaving out what the worker would leave out of its drop
/// folder: our own outputs and hidden or temporary files.
/// </summary>
internal static class InputFiles
{
    public static List<string> Expand(IEnumerable<string> paths, out List<string> missing)
    {
        var files = new List<string>();
        missing = [];
        foreach (var path in paths)
        {
            if (File.Exists(path))
            {
                files.Add(path);
            }
            else if (Directory.Exists(path))
            {
                files.AddRange(Directory.EnumerateFiles(path)
                    .Where(f => !IsIgnored(Path.GetFileName(f)))
                    .Order(StringComparer.Ordinal));
            }
            else
            {
                missing.Add(path);
            }
        }

        return files;
    }

    public static bool IsIgnored(string name) => DropFolderNames.IsIgnored(name);
}
