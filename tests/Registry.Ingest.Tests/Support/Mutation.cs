using System.Globalization;

namespace Registry.Ingest.Tests.Support;

/// <summary>
/// One random change to a file's bytes. Where it applies is chosen when it is applied, from
/// <see cref="Seed"/> and the bytes as they are by then, so that a list of mutations can shrink.
/// </summary>
internal sealed record Mutation(MutationKind Kind, MutationTarget Target, int Seed, int Size, byte[] Text)
{
    public byte[] ApplyTo(byte[] file)
    {
        int at = Target.Position(file, Seed, Kind is MutationKind.Insert);
        if (at < 0 || (at == file.Length && Kind != MutationKind.Insert))
        {
            return file;
        }

        var bytes = file.ToList();
        switch (Kind)
        {
            case MutationKind.Delete:
                bytes.RemoveRange(at, Math.Min(Size, bytes.Count - at));
                break;
            case MutationKind.Duplicate:
                bytes.InsertRange(at, bytes.GetRange(at, Math.Min(Size, bytes.Count - at)));
                break;
            case MutationKind.Swap when at + 1 < bytes.Count:
                (bytes[at], bytes[at + 1]) = (bytes[at + 1], bytes[at]);
                break;
            case MutationKind.Insert:
                bytes.InsertRange(at, Text);
                break;
            case MutationKind.Truncate:
                bytes.RemoveRange(at, bytes.Count - at);
                break;
            case MutationKind.Overwrite:
                bytes[at] = Text[0];
                break;
            case MutationKind.BreakMultiByteCharacter:
                int lead = bytes.FindIndex(at, b => b >= 0xC0);
                if (lead >= 0 && lead + 1 < bytes.Count)
                {
                    bytes[lead + 1] = (byte)'X';
                }

                break;
        }

        return [.. bytes];
    }

    public override string ToString() => Kind switch
    {
        MutationKind.Insert => string.Create(CultureInfo.InvariantCulture, $"insert \"{Printable.Bytes(Text)}\" {Target.Describe()} (seed {Seed})"),
        MutationKind.Overwrite => string.Create(CultureInfo.InvariantCulture, $"overwrite with \"{Printable.Bytes(Text)}\" {Target.Describe()} (seed {Seed})"),
        MutationKind.Delete or MutationKind.Duplicate => string.Create(CultureInfo.InvariantCulture, $"{Kind.ToString().ToLowerInvariant()} {Size} {Target.Describe()} (seed {Seed})"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{Kind.ToString().ToLowerInvariant()} {Target.Describe()} (seed {Seed})"),
    };
}
