using System.Globalization;
using Registry.Ingest.DropFolder;

namespace Registry.Ingest.Polling;

/// <summary>The report a clinic gets for a file the registry failed on repeatedly: not their fault, nothing stored, what to do.</summary>
internal static class InternalErrorReport
{
    public static string Text(string fileName, int attempts, DateTimeOffset at) => string.Create(CultureInfo.InvariantCulture, $"""
        Registry.Ingest report for {FileNameText.Quote(fileName)}
        Written: {at:yyyy-MM-dd HH:mm:ss zzz}

        NOT PROCESSED. The registry could not process this file because of an internal error
        ({attempts} attempts). This is a problem on the registry's side, not in your file as far as
        is known: nothing from it was stored and no acknowledgement file was written.

        The file was kept in the rejected folder and the registry's staff can see the error in the
        service's log under this file name. Please contact the registry's help desk quoting the file
        name; do not send the file again until they ask you to.

        """);
}
