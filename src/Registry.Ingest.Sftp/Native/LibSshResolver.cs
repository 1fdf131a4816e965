using System.Reflection;
using System.Runtime.InteropServices;

namespace Registry.Ingest.Sftp.Native;

/// <summary>
/// Finds libssh under the names its packages install: Debian's libssh-4 ships only
/// <c>libssh.so.4</c> (the unversioned name comes with libssh-dev), Windows builds ship ssh.dll.
/// </summary>
internal static class LibSshResolver
{
    public static nint Resolve(string libraryName, Assembly assembly, DllImportSearchPath? searchPath)
    {
        if (libraryName != LibSsh.LibraryName)
        {
            return 0;
        }

        foreach (string candidate in Candidates())
        {
            if (NativeLibrary.TryLoad(candidate, assembly, searchPath, out nint handle))
            {
                return handle;
            }
        }

        return 0;
    }

    private static string[] Candidates() =>
        OperatingSystem.IsWindows() ? ["ssh.dll", "libssh.dll"]
        : OperatingSystem.IsMacOS() ? ["libssh.4.dylib", "libssh.dylib"]
        : ["libssh.so.4", "libssh.so"];
}
