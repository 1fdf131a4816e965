using System.Text;
using Registry.Ingest.Tests.Support;

namespace Registry.Ingest.EndToEnd.Support;

/// <summary>
/// The patient data in the sample files that must never reach a log: PID-3.1 identifiers, PID-5
/// family and given names, PID-7 birth dates, PID-11 streets and NK1-2 names, read with a plain
/// split on '|' and '^' (the samples use the default delimiters), in both the file's Latin-1 bytes
/// and UTF-8 readings. Values under three characters are left out: they would match anything.
/// </summary>
internal static class PatientData
{
    public static List<string> InSamples(IEnumerable<string> sampleNames) =>
        sampleNames
            .Select(name => File.ReadAllBytes(RepositoryFiles.Path("sample-files", name)))
            .SelectMany(bytes => new[] { Encoding.Latin1.GetString(bytes), Encoding.UTF8.GetString(bytes) })
            .SelectMany(text => text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries))
            .SelectMany(Values)
            .Select(v => v.Trim())
            .Where(v => v.Length >= 3)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();

    private static IEnumerable<string> Values(string segment)
    {
        string[] fields = segment.Split('|');
        string Component(int field, int component) =>
            field < fields.Length && fields[field].Split('~')[0].Split('^') is var c && component < c.Length ? c[component] : string.Empty;

        if (segment.StartsWith("PID|", StringComparison.Ordinal))
        {
            foreach (var repetition in fields.Length > 3 ? fields[3].Split('~') : [])
            {
                yield return repetition.Split('^')[0];
            }

            yield return Component(5, 0);
            yield return Component(5, 1);
            yield return Component(7, 0);
            yield return Component(11, 0);
        }
        else if (segment.StartsWith("NK1|", StringComparison.Ordinal))
        {
            yield return Component(2, 0);
            yield return Component(2, 1);
        }
    }
}
