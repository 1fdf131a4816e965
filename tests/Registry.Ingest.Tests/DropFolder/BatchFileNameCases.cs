using NUnit.Framework;
using Registry.Ingest.DropFolder;

namespace Registry.Ingest.Tests.DropFolder;

/// <summary>Rows of file names and what hl7-immunization.md §2 says about them.</summary>
internal static class BatchFileNameCases
{
    private static readonly string Clinic50 = new('C', 50);

    /// <summary>Name, clinic, date, time (or null), base name.</summary>
    public static IEnumerable<TestCaseData> ValidNames()
    {
        yield return Valid("HL7_DCS0067_20100810_182255.txt", "DCS0067", new(2010, 8, 10), new(18, 22, 55), "HL7_DCS0067_20100810_182255");
        yield return Valid("HL7_DCS0067_20100810.txt", "DCS0067", new(2010, 8, 10), null, "HL7_DCS0067_20100810");
        yield return Valid("hl7_dcs0067_20100810.txt", "dcs0067", new(2010, 8, 10), null, "hl7_dcs0067_20100810");
        yield return Valid("Hl7_A_20100810_000000.TXT", "A", new(2010, 8, 10), new(0, 0, 0), "Hl7_A_20100810_000000");
        yield return Valid("HL7_A_20201231_235959.Txt", "A", new(2020, 12, 31), new(23, 59, 59), "HL7_A_20201231_235959");
        yield return Valid("HL7_A_20200229.txt", "A", new(2020, 2, 29), null, "HL7_A_20200229");
        yield return Valid("HL7_A_20000229.txt", "A", new(2000, 2, 29), null, "HL7_A_20000229");
        yield return Valid("HL7_North-Clinic-2_20100810.txt", "North-Clinic-2", new(2010, 8, 10), null, "HL7_North-Clinic-2_20100810");
        yield return Valid("HL7_-_20100810.txt", "-", new(2010, 8, 10), null, "HL7_-_20100810");
        yield return Valid("HL7_20100810_20100811.txt", "20100810", new(2010, 8, 11), null, "HL7_20100810_20100811");
        yield return Valid($"HL7_{Clinic50}_20100810_182255.txt", Clinic50, new(2010, 8, 10), new(18, 22, 55), $"HL7_{Clinic50}_20100810_182255");
    }

    /// <summary>Name, rule broken, words the message must contain.</summary>
    public static IEnumerable<TestCaseData> InvalidNames()
    {
        yield return Invalid(string.Empty, BatchFileNameRule.Layout, "The file name is empty.");
        yield return Invalid("HL7_A_20210229.txt", BatchFileNameRule.Date, "The date '20210229' is not a real calendar date");
        yield return Invalid("HL7_A_19000229.txt", BatchFileNameRule.Date, "'19000229'");
        yield return Invalid("HL7_A_20101301.txt", BatchFileNameRule.Date, "The date '20101301' is not a real calendar date");
        yield return Invalid("HL7_A_20100100.txt", BatchFileNameRule.Date, "'20100100'");
        yield return Invalid("HL7_A_00000101.txt", BatchFileNameRule.Date, "'00000101'");
        yield return Invalid("HL7_A_2010081.txt", BatchFileNameRule.Date, "'2010081'");
        yield return Invalid("HL7_A_201008100.txt", BatchFileNameRule.Date, "'201008100'");
        yield return Invalid("HL7_A_\uFF12\uFF10\uFF11\uFF10\uFF10\uFF18\uFF11\uFF10.txt", BatchFileNameRule.Date, "'U+FF12U+FF10");
        yield return Invalid("HL7_A_20100810 .txt", BatchFileNameRule.Date, "'20100810 '");
        yield return Invalid("HL7_A_20100810_246000.txt", BatchFileNameRule.Time, "The time '246000' is not a real time of day");
        yield return Invalid("HL7_A_20100810_240000.txt", BatchFileNameRule.Time, "'240000'");
        yield return Invalid("HL7_A_20100810_236000.txt", BatchFileNameRule.Time, "'236000'");
        yield return Invalid("HL7_A_20100810_235960.txt", BatchFileNameRule.Time, "'235960'");
        yield return Invalid("HL7_A_20100810_1822.txt", BatchFileNameRule.Time, "'1822'");
        yield return Invalid("HL7_A_20100810_.txt", BatchFileNameRule.Time, "The time ''");
        yield return Invalid($"HL7_{Clinic50}C_20100810.txt", BatchFileNameRule.ClinicName, "The clinic name is 51 characters long; at most 50 are allowed.");
        yield return Invalid("HL7__20100810.txt", BatchFileNameRule.ClinicName, "The clinic name is empty.");
        yield return Invalid("HL7__20100810_182255.txt", BatchFileNameRule.ClinicName, "The clinic name is empty.");
        yield return Invalid("HL7_DCS_0067_20100810.txt", BatchFileNameRule.ClinicName, "The clinic name 'DCS_0067' contains '_'");
        yield return Invalid("HL7_DCS_0067_20100810_182255.txt", BatchFileNameRule.ClinicName, "'DCS_0067' contains '_'");
        yield return Invalid("HL7_My Clinic_20100810.txt", BatchFileNameRule.ClinicName, "'My Clinic' contains ' ' (space)");
        yield return Invalid("HL7_Clinic\u00E9_20100810.txt", BatchFileNameRule.ClinicName, "'ClinicU+00E9' contains U+00E9");
        yield return Invalid("HL7_\u041A\u043B\u0438\u043D\u0438\u043A\u0430_20100810.txt", BatchFileNameRule.ClinicName, "contains U+041A");
        yield return Invalid("HL7_Clinic\U0001F489_20100810.txt", BatchFileNameRule.ClinicName, "contains U+1F489");
        yield return Invalid("HL7_A\u202E_20100810.txt", BatchFileNameRule.ClinicName, "contains U+202E");
        yield return Invalid("HL7_A+B_20100810.txt", BatchFileNameRule.ClinicName, "contains '+'");
        yield return Invalid("../x", BatchFileNameRule.UnsafeName, "contains a path separator");
        yield return Invalid("..", BatchFileNameRule.UnsafeName, "contains '..'");
        yield return Invalid("HL7_A..B_20100810.txt", BatchFileNameRule.UnsafeName, "contains '..'");
        yield return Invalid("sub/HL7_A_20100810.txt", BatchFileNameRule.UnsafeName, "contains a path separator");
        yield return Invalid("..\\HL7_A_20100810.txt", BatchFileNameRule.UnsafeName, "contains a path separator");
        yield return Invalid("HL7_A\\B_20100810.txt", BatchFileNameRule.UnsafeName, "contains a path separator");
        yield return Invalid("HL7_A\0_20100810.txt", BatchFileNameRule.UnsafeName, "contains the control character U+0000");
        yield return Invalid("HL7_A_20100810.txt\n", BatchFileNameRule.UnsafeName, "contains the control character U+000A");
        yield return Invalid("HL7_A_20100810\u0085.txt", BatchFileNameRule.UnsafeName, "contains the control character U+0085");
        yield return Invalid(".HL7_A_20100810.txt", BatchFileNameRule.UnsafeName, "starts with '.'");
        yield return Invalid(".txt", BatchFileNameRule.UnsafeName, "starts with '.'");
        yield return Invalid("C:HL7_A_20100810.txt", BatchFileNameRule.UnsafeName, "contains ':'");
        yield return Invalid("HL7_A_20200101.txt.bak", BatchFileNameRule.Extension, "does not end in .txt");
        yield return Invalid("HL7_A_20200101", BatchFileNameRule.Extension, "does not end in .txt");
        yield return Invalid("HL7_A_20200101.hl7", BatchFileNameRule.Extension, "does not end in .txt");
        yield return Invalid("HL7_A_20200101txt", BatchFileNameRule.Extension, "does not end in .txt");
        yield return Invalid("HL7_A_20200101.hl7.txt", BatchFileNameRule.Extension, "only the single extension .txt is allowed");
        yield return Invalid("HL7_A_20200101.txt.txt", BatchFileNameRule.Extension, "only the single extension .txt is allowed");
        yield return Invalid("txt", BatchFileNameRule.Extension, "does not end in .txt");
        yield return Invalid("HL8_A_20100810.txt", BatchFileNameRule.Prefix, "does not start with HL7_");
        yield return Invalid("HL7-A_20100810.txt", BatchFileNameRule.Prefix, "does not start with HL7_");
        yield return Invalid("A_20100810.txt", BatchFileNameRule.Prefix, "does not start with HL7_");
        yield return Invalid(" HL7_A_20100810.txt", BatchFileNameRule.Prefix, "does not start with HL7_");
        yield return Invalid("HL7.txt", BatchFileNameRule.Prefix, "does not start with HL7_");
        yield return Invalid("HL7_.txt", BatchFileNameRule.Layout, "has no _<YYYYMMDD> date");
        yield return Invalid("HL7_DCS0067.txt", BatchFileNameRule.Layout, "has no _<YYYYMMDD> date");
    }

    private static TestCaseData Valid(string name, string clinic, DateOnly date, TimeOnly? time, string baseName) =>
        new TestCaseData(name, clinic, date, time, baseName).SetArgDisplayNames(Display(name));

    private static TestCaseData Invalid(string name, BatchFileNameRule rule, string words) =>
        new TestCaseData(name, rule, words).SetArgDisplayNames(Display(name), rule.ToString());

    // Test names must stay printable in runners, whatever the row holds.
    private static string Display(string name) =>
        string.Concat(name.Select(c => c is >= ' ' and <= '~' ? c.ToString() : $"\\u{(int)c:X4}"));
}
