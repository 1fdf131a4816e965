using Registry.Ingest.Hl7;

namespace Registry.Ingest.Tests.Support;

/// <summary>
/// Reads one of our ACK files back, independently of the writer: FHS, then one or more batches
/// (BHS, per message MSH, MSA and any ERR, BTS with the batch's count), then FTS with the number
/// of batches. Whatever does not fit that shape is listed in
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

    /// <summary>The BTS-1 counts as written, summed; null when one is missing or not a number.</summary>
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
        int? declared = 0;
        int batches = 0, inBatch = 0;
        bool open = false; // inside a BHS…BTS batch
        for (int i = 0; i < segments.Count; i++)
        {
            var segment = segments[i];
            var id = segment.Length >= 3 ? segment[..3] : segment;
            string expectedHere = i switch
            {
                0 => "FHS",
                _ when i == segments.Count - 1 => "FTS",
                _ when !open => "BHS",
                _ => id is "MSH" or "MSA" or "ERR" or "BTS" ? id : "MSH, MSA, ERR or BTS",
            };
            if (id != expectedHere || (segment.Length > 3 && segment[3] != '|'))
            {
                problems.Add($"segment {i + 1} is '{Printable.Text(segment, 40)}' where {expectedHere} belongs");
            }

            switch (id)
            {
                case "BHS" when i > 0:
                    open = true;
                    batches++;
                    inBatch = 0;
                    break;
                case "MSH" when i > 1:
                    inBatch++;
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
                    open = false;
                    var count = segment.Split('|');
                    int? batchCount = count.Length > 1 && int.TryParse(count[1], System.Globalization.CultureInfo.InvariantCulture, out int n) ? n : null;
                    if (batchCount != inBatch)
                    {
                        problems.Add($"batch {batches}'s BTS-1 is '{(count.Length > 1 ? count[1] : string.Empty)}' for {inBatch} ACKs");
                    }

                    declared = declared is int sum && batchCount is int c ? sum + c : null;
                    break;
            }
        }

        if (open)
        {
            problems.Add("the last batch has no BTS");
        }

        if (batches == 0)
        {
            declared = null;
        }

        string fts = "FTS|" + batches.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (segments.Count > 0 && segments[^1] != fts)
        {
            problems.Add($"the last segment is '{Printable.Text(segments[^1], 40)}', not {fts}");
        }

        return new AckFileText(segments, acknowledged, codes, declared, problems);
    }
}
