namespace Registry.Ingest.Tests.Support;

/// <summary>Where in a file a mutation lands: anywhere, inside lines of one segment, or at the start of lines (of one segment).</summary>
internal sealed record MutationTarget(string? SegmentId, bool LineStartOnly = false)
{
    public static MutationTarget Anywhere { get; } = new((string?)null);

    public static MutationTarget LineStart { get; } = new(null, LineStartOnly: true);

    /// <summary>A byte offset chosen by <paramref name="seed"/>, or -1 when the file has no such place.</summary>
    public int Position(byte[] file, int seed, bool mayBeEnd)
    {
        if (SegmentId is null && !LineStartOnly)
        {
            int length = file.Length + (mayBeEnd ? 1 : 0);
            return length == 0 ? -1 : seed % length;
        }

        var places = new List<int>();
        foreach (var (start, end) in Lines(file))
        {
            bool inSegment = SegmentId is null || file.AsSpan(start, end - start).StartsWith(System.Text.Encoding.ASCII.GetBytes(SegmentId + "|"));
            if (inSegment && LineStartOnly)
            {
                places.Add(start);
            }
            else if (inSegment)
            {
                places.AddRange(Enumerable.Range(start, end - start));
            }
        }

        return places.Count == 0 ? -1 : places[seed % places.Count];
    }

    public string Describe() => (LineStartOnly, SegmentId) switch
    {
        (true, null) => "at a line start",
        (true, _) => $"at the start of an {SegmentId} line",
        (false, null) => "anywhere",
        _ => $"in an {SegmentId} line",
    };

    private static IEnumerable<(int Start, int End)> Lines(byte[] file)
    {
        int start = 0;
        for (int i = 0; i <= file.Length; i++)
        {
            if (i == file.Length || file[i] is (byte)'\r' or (byte)'\n')
            {
                yield return (start, i);
                start = i + 1;
            }
        }
    }
}
