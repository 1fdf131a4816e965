using System.Text;

namespace Registry.Ingest.EndToEnd.Support;

/// <summary>Reads what a clinic reads back: the MSA segments of a batch ACK file.</summary>
internal static class AckFile
{
    public static List<string> MsaSegments(string path) =>
        Encoding.UTF8.GetString(File.ReadAllBytes(path))
            .Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries)
            .Where(s => s.StartsWith("MSA|", StringComparison.Ordinal))
            .ToList();
}
