namespace Registry.Ingest.Configuration;

/// <summary>
/// Why a file a setting names cannot be read, in words that send the operator the right way:
/// File.Exists says "no" alike for a file that is missing and one in a folder this account may
/// not enter, and a service runs as its own user, not as the root who installed it.
/// </summary>
internal static class ReadableFile
{
    /// <summary>Null when the file can be opened for reading; else what is wrong, to follow "the file 'x' ...".</summary>
    public static string? Problem(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            return null;
        }
        catch (UnauthorizedAccessException) when (Directory.Exists(path))
        {
            return "is a folder, not a file";
        }
        catch (UnauthorizedAccessException e)
        {
            return $"cannot be read by this account ({Environment.UserName}): {e.Message} Give it read access to the file and the folders above it";
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return "does not exist";
        }
        catch (IOException e)
        {
            return $"cannot be read: {e.Message}";
        }
    }
}
