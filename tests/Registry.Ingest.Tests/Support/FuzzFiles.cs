using System.Text;
using FsCheck;
using FsCheck.Fluent;

namespace Registry.Ingest.Tests.Support;

/// <summary>
/// Random files that are mostly not HL7 but often nearly so: random bytes, and pieces that matter
/// to the batch reader (MSH at and away from line starts, envelope segments, every line break,
/// white space it skips, a byte order mark, NUL, invalid and valid UTF-8).
/// </summary>
internal static class FuzzFiles
{
    private static readonly string[] Fragments =
    [
        "MSH", "MSH|", "MSH|^~\\&|", "MSH|^~\\&|APP|FAC|REG|ST|20240101||VXU^V04^VXU_V04|C1|P|2.5.1",
        "MSH|^~\\&|APP|FAC|REG|ST|20240101||VXU^V04^VXU_V04|C2|P|2.3.1\rPID|1||X1^^^FAC^MR||DOE^JO||20200101\rRXA|0|1|20240101|20240101|08^HepB^CVX|0.5",
        "MSHX|", "MSH1|", "MSH^", "MSH ", "msh|", "SMSH|", "PID|1||ID^^^A^MR||DOE^JO||20200101", "ORC|RE||1",
        "RXA|0|1|20240101||08^HepB^CVX|0.5", "FHS|^~\\&|", "BHS|^~\\&|", "BTS|", "BTS|2", "FTS|1", "FTS|", "FHSX", "BTS1",
        "|", "^", "~", "\\", "&", "#", " ", "  ", "\t", "\f", "\v", "0", "A", "Z", "\\X0D\\", "\\.br\\", "\"\"",
    ];

    private static readonly string[] LineBreaks = ["\r", "\n", "\r\n", "\n\r", "\r\r", "\n\n"];

    private static readonly byte[][] RawBytes =
    [
        [0xEF, 0xBB, 0xBF], [0x00], [0xC3], [0xC3, 0xA9], [0xFF], [0x80], [0xED, 0xA0, 0x80], [0xF0, 0x9F, 0x92, 0x89], [0xFE, 0xFF],
    ];

    private static Gen<byte> AnyByte => Gen.Choose(0, 255).Select(i => (byte)i);

    private static Gen<byte[]> Piece => Gen.Frequency(
        (10, Gen.Elements(Fragments).Select(Encoding.ASCII.GetBytes)),
        (6, Gen.Elements(LineBreaks).Select(Encoding.ASCII.GetBytes)),
        (2, Gen.Elements(RawBytes)),
        (1, AnyByte.Select(b => new[] { b })),
        (1, Gen.ArrayOf(AnyByte)));

    public static Arbitrary<FuzzFile> Arbitrary { get; } = Arb.From(
        Gen.Frequency(
            (9, Gen.ArrayOf(Piece).Select(pieces => new FuzzFile(pieces))),
            (1, Gen.ArrayOf(AnyByte).Select(bytes => new FuzzFile([bytes])))),
        file => file.Shrink());
}
