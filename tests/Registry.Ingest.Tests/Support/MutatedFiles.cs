using FsCheck;
using FsCheck.Fluent;

namespace Registry.Ingest.Tests.Support;

/// <summary>
/// Valid multi-message files with 1–6 random mutations: delete, duplicate or swap bytes, insert a
/// delimiter, a line break, white space or NUL, truncate, or make the text invalid UTF-8. Half of
/// the mutations aim at MSH, PID or NK1 lines or at line starts, where damage matters most.
/// </summary>
internal static class MutatedFiles
{
    private static readonly string[] Insertions = ["|", "^", "~", "\\", "&", "\r", "\n", "\r\n", "\0", " ", "\t", "\f"];

    private static readonly byte[] InvalidUtf8 = [0x80, 0xBF, 0xC0, 0xC3, 0xE2, 0xF0, 0xFE, 0xFF];

    public static Gen<BatchFileSpec> Originals { get; } =
        from count in Gen.Choose(2, 6)
        from templates in Gen.ArrayOf(Gen.Choose(0, 2), count)
        from ending in Gen.Elements("\r", "\n", "\r\n")
        from envelope in Gen.Elements(true, false)
        from bom in Gen.Frequency((1, Gen.Constant(true)), (4, Gen.Constant(false)))
        select new BatchFileSpec(templates, ending, envelope, bom);

    public static Gen<MutationTarget> Targets { get; } = Gen.Frequency(
        (6, Gen.Constant(MutationTarget.Anywhere)),
        (3, Gen.Constant(new MutationTarget("MSH"))),
        (2, Gen.Constant(new MutationTarget("PID"))),
        (1, Gen.Constant(new MutationTarget("NK1"))),
        (1, Gen.Elements(new MutationTarget("FHS"), new MutationTarget("BHS"), new MutationTarget("BTS"))),
        (2, Gen.Constant(MutationTarget.LineStart)),
        (2, Gen.Constant(new MutationTarget("MSH", LineStartOnly: true))));

    private static Gen<MutationKind> Kinds { get; } = Gen.Frequency(
        (4, Gen.Constant(MutationKind.Delete)),
        (2, Gen.Constant(MutationKind.Duplicate)),
        (2, Gen.Constant(MutationKind.Swap)),
        (6, Gen.Constant(MutationKind.Insert)),
        (1, Gen.Constant(MutationKind.Truncate)),
        (1, Gen.Constant(MutationKind.Overwrite)),
        (1, Gen.Constant(MutationKind.BreakMultiByteCharacter)));

    /// <summary>Line starts are where the reader skips white space, so insertions there are white space or breaks.</summary>
    private static readonly string[] LineStartInsertions = [" ", "\t", "\f", "\r", "\n", "|"];

    public static Gen<Mutation> Mutation(Gen<MutationTarget> targets) =>
        from kind in Kinds
        from target in targets
        from seed in Gen.Choose(0, 1_000_000_000)
        from size in Gen.Choose(1, 8)
        from text in kind == MutationKind.Overwrite ? Gen.Elements(InvalidUtf8).Select(b => new[] { b })
            : target.LineStartOnly ? Gen.Elements(LineStartInsertions).Select(System.Text.Encoding.ASCII.GetBytes)
            : Gen.Elements(Insertions).Select(System.Text.Encoding.ASCII.GetBytes)
        select new Mutation(kind, target, seed, size, text);

    public static Gen<Mutation[]> Mutations(Gen<MutationTarget> targets, int min = 1) =>
        Gen.Choose(min, 6).SelectMany(n => Gen.ArrayOf(Mutation(targets), n));

    public static Arbitrary<MutatedFile> Arbitrary { get; } = Arb.From(
        from original in Originals
        from mutations in Mutations(Targets)
        select new MutatedFile(original, mutations),
        file => file.Shrink());
}
