using FsCheck;
using FsCheck.Fluent;

namespace Registry.Ingest.Hl7.Tests.Support;

/// <summary>
/// Runs an FsCheck property a fixed number of times and asserts that it really ran them, so a
/// property can never pass by silently checking nothing.
/// </summary>
internal static class PropertyCheck
{
    public const int Cases = 2_000;

    public static void ForAll<T>(Arbitrary<T> arbitrary, Action<T> body, int cases = Cases)
    {
        int runs = 0;
        var property = Prop.ForAll(arbitrary, (T value) =>
        {
            runs++;
            body(value);
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(cases), property);
        Assert.That(runs, Is.GreaterThanOrEqualTo(cases), "the property ran fewer cases than asked");
    }
}
