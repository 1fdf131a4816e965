using Registry.Ingest.Hl7;

namespace Registry.Ingest.Tests.Support;

/// <summary>
/// Reads one of our ACK files back, independently of the writer: FHS, BHS, then per message MSH,
/// MSA and any ERR, then BTS and FTS. Whatever does not fit that shape is listed in
/// <see cref="Problems"/> rather than thrown, so a property can report every deviation at once.
/// </summary>
internal sealed class AckFileText
{
    private AckFileText(List<string> segments, List<string?> acknowledged, List<string> codes, int? declaredCount, List<string> problems)
    {
        Segments = segments;
        AcknowledgedControlIds = acknowledged;
        Codes = codes;
        DeclaredCount = declaredCount;
        Problems = problems;
    }

    public IReadOnlyList<string> Segments { get; }

    /// <summary>MSA-2 of each ACK in file order (decoded), null when the MSA is missing.</summary>
    public IReadOnlyList<string?> AcknowledgedControlIds { get; }

    /// <summary>MSA-1 of each ACK in file order.</summary>
    public IReadOnlyList<string> Codes { get; }

    public int AckCount => AcknowledgedControlIds.Count;

    /// <summary>BTS-1 as written, null when missing or not a number.</summary>
    public int? DeclaredCount { get; }

    public IReadOnlyList<string> Problems { get; }

    public static AckFileText Parse(string text, string segmentTerminator = "\r")
    {
        var problems = new List<string>();
        if (!text.EndsWith(segmentTerminator, StringComparison.Ordinal))
        {
            problems.Add("the file does not end with a segment terminator");
        }

        var segments = text.Split(segmentTerminator).ToList();
        if (segments.Count > 0 && segments[^1].Length == 0)
        {
            segments.RemoveAt(segments.Count - 1);
        }

        var acknowledged = new List<string?>();
        var codes = new List<string>();
        int? declared = null;
        for (int i = 0; i < segments.Count; i++)
        {
            var segment = segments[i];
            var id = segment.Length >= 3 ? segment[..3] : segment;
            string expectedHere = i switch
            {
                0 => "FHS",
                1 => "BHS",
                _ when i == segments.Count - 1 => "FTS",
                _ when i == segments.Count - 2 => "BTS",
                _ => id is "MSH" or "MSA" or "ERR" ? id : "MSH, MSA or ERR",
            };
            if (id != expectedHere || (segment.Length > 3 && segment[3] != '|'))
            {
                problems.Add($"segment {i + 1} is '{Printable.Text(segment, 40)}' where {expectedHere} belongs");
            }

            switch (id)
            {
                case "MSH" when i > 1:
                    bool hasMsa = i + 1 < segments.Count && segments[i + 1].StartsWith("MSA|", StringComparison.Ordinal);
                    if (!hasMsa)
                    {
                        problems.Add($"the MSH in segment {i + 1} is not followed by an MSA");
                        acknowledged.Add(null);
                        codes.Add(string.Empty);
                    }
                    else
                    {
                        var msa = segments[i + 1].Split('|');
                        codes.Add(msa.Length > 1 ? msa[1] : string.Empty);
                        acknowledged.Add(msa.Length > 2 ? Hl7Escaping.Decode(msa[2], Hl7Delimiters.Default) : string.Empty);
                    }

                    break;
                case "MSA" when i == 0 || !segments[i - 1].StartsWith("MSH|", StringComparison.Ordinal):
                    problems.Add($"the MSA in segment {i + 1} does not follow an MSH");
                    break;
                case "BTS":
                    var count = segment.Split('|');
                    declared = count.Length > 1 && int.TryParse(count[1], System.Globalization.CultureInfo.InvariantCulture, out int n) ? n : null;
                    break;
            }
        }

        if (segments.Count > 0 && segments[^1] != "FTS|1")
        {
            problems.Add($"the last segment is '{Printable.Text(segments[^1], 40)}', not FTS|1");
        }

        return new AckFileText(segments, acknowledged, codes, declared, problems);
    }
}
