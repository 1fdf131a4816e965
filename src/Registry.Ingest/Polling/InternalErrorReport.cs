using System.Globalization;
using Registry.Ingest.DropFolder;

namespace Registry.Ingest.Polling;

/// <summary>The report a clinic gets for a file the registry failed on repeatedly: not their fault, nothing stored, what to do.</summary>
internal static class InternalErrorReport
{
    public static string Text(string fileName, int attempts, DateTimeOffset at) => string.Create(CultureInfo.InvariantCulture, $"""
        Registry.Ingest file report
        ===========================
        File:     {FileNameText.Quote(fileName)}
        Written:  {at:yyyy-MM-dd HH:mm:ss zzz}
        Outcome:  NOT PROCESSED because of an internal error: the registry failed on this file
                  {attempts} times. Nothing in it was stored and no ACK file was written.

        This is a problem on the registry's side, not something found wrong in your file. The file was
        kept in the rejected folder, and the registry's staff can find the error in the service's log
        under this file name.

        What to do: contact the registry's help desk, quoting the file name. Do not upload the file
        again until they ask you to.

        """);
}
