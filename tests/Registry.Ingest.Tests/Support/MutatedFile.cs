namespace Registry.Ingest.Tests.Support;

/// <summary>A valid batch file and the mutations applied to it, in order.</summary>
internal sealed class MutatedFile(BatchFileSpec original, IReadOnlyList<Mutation> mutations, Func<VxuBuilder, VxuBuilder>? change = null)
{
    private byte[]? bytes;

    public BatchFileSpec Original { get; } = original;

    public IReadOnlyList<Mutation> Mutations { get; } = mutations;

    public byte[] Bytes => bytes ??= Mutations.Aggregate(Original.Build(change), (file, mutation) => mutation.ApplyTo(file));

    public IEnumerable<MutatedFile> Shrink()
    {
        for (int i = 0; i < Mutations.Count; i++)
        {
            yield return new MutatedFile(Original, [.. Mutations.Take(i), .. Mutations.Skip(i + 1)], change);
        }
    }

    public override string ToString() =>
        $"{Original}; mutations: [{string.Join("; ", Mutations)}]{Environment.NewLine}\"{Printable.Bytes(Bytes, 6000)}\"";
}
