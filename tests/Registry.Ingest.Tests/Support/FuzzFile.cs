namespace Registry.Ingest.Tests.Support;

/// <summary>A generated file as the pieces it was made of, so that shrinking can drop pieces.</summary>
internal sealed class FuzzFile(IReadOnlyList<byte[]> pieces)
{
    private byte[]? bytes;

    public IReadOnlyList<byte[]> Pieces { get; } = pieces;

    public byte[] Bytes => bytes ??= [.. Pieces.SelectMany(p => p)];

    public IEnumerable<FuzzFile> Shrink()
    {
        for (int i = 0; i < Pieces.Count; i++)
        {
            yield return new FuzzFile([.. Pieces.Take(i), .. Pieces.Skip(i + 1)]);
        }

        for (int i = 0; i < Pieces.Count; i++)
        {
            if (Pieces[i].Length > 1)
            {
                int half = Pieces[i].Length / 2;
                yield return new FuzzFile([.. Pieces.Take(i), Pieces[i][..half], Pieces[i][half..], .. Pieces.Skip(i + 1)]);
            }
        }
    }

    public override string ToString() => $"\"{Printable.Bytes(Bytes)}\"";
}
