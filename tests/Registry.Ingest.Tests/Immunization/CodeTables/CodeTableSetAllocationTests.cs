using NUnit.Framework;
using Registry.Ingest.Immunization.CodeTables;

namespace Registry.Ingest.Tests.Immunization.CodeTables;

[TestFixture]
internal sealed class CodeTableSetAllocationTests
{
    private const string Text = "08|8|141|999|pmc|MSD|xyz|CP|cp|VXC1|MO";

    [Test]
    public void Lookups_BySpanOfMessageText_AllocateNothing()
    {
        var tables = ShippedCodeTables.Instance;
        int found = LookUpAll(tables); // warm up: JIT and first-call paths may allocate

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++)
        {
            found += LookUpAll(tables);
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.That(allocated, Is.Zero);
        Assert.That(found, Is.EqualTo(101 * 9));
    }

    private static int LookUpAll(CodeTableSet tables)
    {
        int found = 0;
        ReadOnlySpan<char> text = Text;
        foreach (var range in text.Split('|'))
        {
            ReadOnlySpan<char> code = text[range];
            found += tables.TryGetCvx(code, out _) ? 1 : 0;
            found += tables.TryGetMvx(code, out _) ? 1 : 0;
            found += tables.Contains(CodeTableNames.CompletionStatus, code, out _) ? 1 : 0;
            found += tables.Contains(CodeTableNames.FundingSource, code, out _) ? 1 : 0;
            found += tables.Describe(CodeTableNames.Site, code) is null ? 0 : 1;
        }

        return found;
    }
}
