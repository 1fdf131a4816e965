using System.Globalization;
using System.Text;

namespace Registry.Ingest.Benchmarks;

/// <summary>
/// Writes a large batch file of typical VXUs (FHS/BHS-wrapped, CR terminated) with a distinct
/// control id, patient and filler order number per message, for the end-to-end benchmarks.
/// </summary>
public static class BatchFileGenerator
{
    public static long Write(string path, int messages)
    {
        using var output = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 20);
        output.Write("FHS|^~\\&|MYEHR|DCS0067|ICARE|IDPH|20240131101500-0600||HL7_BENCH_20240131.txt||F1\r");
        output.Write("BHS|^~\\&|MYEHR|DCS0067|ICARE|IDPH|20240131101500-0600||||B1\r");
        var template = TypicalMessages.Vxu251;
        var firstBirth = new DateOnly(2010, 1, 1);
        for (int i = 1; i <= messages; i++)
        {
            // Distinct patients with realistic spread: names and birth dates vary, as in a real feed.
            var n = i.ToString("D6", CultureInfo.InvariantCulture);
            var birth = firstBirth.AddDays(i % 4700).ToString("yyyyMMdd", CultureInfo.InvariantCulture);
            output.Write(template
                .Replace("DCS0067-000001", "DCS0067-" + n, StringComparison.Ordinal)
                .Replace("PA123456", "PA" + n, StringComparison.Ordinal)
                .Replace("TESTPATIENT^ALPHA", string.Create(CultureInfo.InvariantCulture, $"TESTFAMILY{i % 997}^GIVEN{n}"), StringComparison.Ordinal)
                .Replace("|20230415|", "|" + birth + "|", StringComparison.Ordinal)
                .Replace("DCS0067-IMM-1001", "DCS0067-IMM-" + n, StringComparison.Ordinal));
        }

        output.Write(string.Create(CultureInfo.InvariantCulture, $"BTS|{messages}\rFTS|1\r"));
        output.Flush();
        return output.BaseStream.Length;
    }
}
