using System.Text.RegularExpressions;
using FsCheck;
using FsCheck.Fluent;
using NUnit.Framework;
using Registry.Ingest.DropFolder;

namespace Registry.Ingest.Tests.DropFolder;

[TestFixture]
internal sealed partial class SafeBaseNameTests
{
    [TestCaseSource(typeof(BatchFileNameCases), nameof(BatchFileNameCases.ValidNames))]
    public void TryCreate_ValidBatchFileName_IsItsOwnBaseName(string name, string clinic, DateOnly date, TimeOnly? time, string baseName)
    {
        Assert.That(SafeBaseName.TryCreate(name, out string? safe), Is.True);
        // .txt in another case keeps a hash, so that name.txt's outputs do not replace its own.
        Assert.That(safe, name.EndsWith(".txt", StringComparison.Ordinal) ? Is.EqualTo(baseName) : Does.Match($"^{baseName}_[0-9a-f]{{8}}$"));
    }

    [TestCaseSource(typeof(BatchFileNameCases), nameof(BatchFileNameCases.InvalidNames))]
    public void TryCreate_InvalidBatchFileName_IsSafeOrRefused(string name, BatchFileNameRule rule, string words)
    {
        if (SafeBaseName.TryCreate(name, out string? safe))
        {
            Assert.That(safe, Does.Match(SafePattern()));
        }
        else
        {
            Assert.That(safe, Is.Null);
        }
    }

    // The hashes (first 4 bytes of SHA-256 over UTF-16LE, checked with Python hashlib) pin the
    // algorithm: a per-process hash such as string.GetHashCode would break them.
    [TestCase("HL7_A_20100810.txt", "HL7_A_20100810")]
    [TestCase("HL7_A_20100810.TXT", "HL7_A_20100810_9ff927d1")]
    [TestCase("Clinic_A.txt", "Clinic_A")]
    [TestCase("../x", "___x_dc890e6e")]
    [TestCase("a b.txt", "a_b_3a8bc53f")]
    [TestCase("a/b.txt", "a_b_a043d388")]
    [TestCase("HL7_A_20200101.txt.bak", "HL7_A_20200101_txt_bak_46e9427f")]
    [TestCase("HL7_A\0_20100810.txt", "HL7_A__20100810_466ca78d")]
    [TestCase("con.txt", "con_de5d0843")]
    [TestCase("LPT1", "LPT1_edd942cb")]
    [TestCase("HL7_A_20100810_9ff927d1.txt", "HL7_A_20100810_9ff927d1_749e1c71")] // reads like HL7_A_20100810.TXT's base
    [TestCase("HL7_A_20100810_123456.txt", "HL7_A_20100810_123456")]
    [TestCase("HL7_A_20100810_55745759.txt", "HL7_A_20100810_55745759_8f630fdd")] // an all-digit hash is a hash too
    [TestCase("HL7_A_20100810_9FF927D1.txt", "HL7_A_20100810_9FF927D1_dcb65bc9")] // the same file as ..._9ff927d1 where case is ignored
    [TestCase("HL7_A_20100810.txt", "HL7_A_20100810")] // a valid name ends in its date: no hash
    public void TryCreate_Name_GivesTheExpectedBaseName(string name, string expected)
    {
        Assert.That(SafeBaseName.TryCreate(name, out string? safe), Is.True);
        Assert.That(safe, Is.EqualTo(expected));
    }

    [TestCase("HL7_A_20100810.txt", "HL7_A_20100810")]
    [TestCase("HL7_A_20100810.TXT", "HL7_A_20100810")]
    [TestCase("Clinic_A.txt", "Clinic_A")]
    public void TryCreate_NameAndTheSameNameWithoutTxt_GiveDifferentBaseNames(string name, string withoutTxt)
    {
        SafeBaseName.TryCreate(name, out string? full);
        SafeBaseName.TryCreate(withoutTxt, out string? bare);

        Assert.That(bare, Is.Not.EqualTo(full).And.StartsWith(withoutTxt + "_"));
    }

    [Test]
    public void TryCreate_ValidNameWithTxtInAnotherCase_KeepsOutputsApartFromTheLowerCaseName()
    {
        // Both are valid batch file names; the second's ACK and report took the first's place.
        var names = new[] { "HL7_A_20100810.txt", "HL7_A_20100810.TXT", "HL7_A_20100810.Txt" }
            .Select(n => SafeBaseName.TryCreate(n, out string? safe) ? safe : null)
            .ToList();

        Assert.That(names, Is.Unique.And.All.StartsWith("HL7_A_20100810"));
    }

    [Test]
    public void For_NamesWithNothingRecognisable_GiveDifferentSafeBaseNames()
    {
        string[] names = ["\u65E5\u672C\u8A9E.txt", "___.txt", ".txt", string.Empty];

        var bases = names.Select(SafeBaseName.For).ToList();

        Assert.That(bases, Is.Unique.And.All.Match(SafePattern()).And.All.StartsWith("unnamed-file_"));
    }

    [Test]
    public void TryCreate_NamesThatDifferOnlyInReplacedCharacters_GiveDifferentBaseNames()
    {
        SafeBaseName.TryCreate("a b.txt", out string? spaced);
        SafeBaseName.TryCreate("a/b.txt", out string? slashed);
        SafeBaseName.TryCreate("a_b.txt", out string? underscored);

        Assert.That(new[] { spaced, slashed, underscored }, Is.Unique);
    }

    [Test]
    public void TryCreate_VeryLongName_IsCutToMaxLengthAndKeepsNamesApart()
    {
        string first = new string('A', 300) + "1.txt";
        string second = new string('A', 300) + "2.txt";

        SafeBaseName.TryCreate(first, out string? a);
        SafeBaseName.TryCreate(second, out string? b);

        Assert.That(a, Has.Length.EqualTo(SafeBaseName.MaxLength));
        Assert.That(a, Does.Match(SafePattern()));
        Assert.That(a, Is.Not.EqualTo(b));
    }

    [TestCase("")]
    [TestCase(".txt")]
    [TestCase(".TXT")]
    [TestCase("///")]
    [TestCase("..")]
    [TestCase("\0")]
    [TestCase("\u65E5\u672C\u8A9E.txt")]
    [TestCase("\uFF21\uFF22\uFF23")]
    public void TryCreate_NoAsciiLetterOrDigit_SaysNoneIsPossible(string name)
    {
        Assert.That(SafeBaseName.TryCreate(name, out string? safe), Is.False);
        Assert.That(safe, Is.Null);
    }

    [Test]
    public void TryCreate_AnyName_GivesOnlySafeCharactersWithinMaxLength()
    {
        Prop.ForAll<NonNull<string>>(name => !SafeBaseName.TryCreate(name.Get, out string? safe) || SafePattern().IsMatch(safe))
            .Check(Config.QuickThrowOnFailure.WithMaxTest(2000));
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{1,89}$")]
    private static partial Regex SafePattern();
}
