using Registry.Ingest.Storage;

namespace Registry.Ingest.Tests.Storage;

/// <summary>
/// Equal value lists give equal digests; a different value, null for a value, or a different place
/// where one value ends gives another. Values are told apart by position (a record's columns are
/// fixed), so numbers, dates and times share one framing.
/// </summary>
[TestFixture]
internal sealed class ContentHashTests
{
    [Test]
    public void Finish_SameValues_SameDigestAndTheHashStartsAfresh()
    {
        var hash = new ContentHash();
        Write(hash, "a", null, 5);
        var first = hash.Finish();
        Write(hash, "a", null, 5);

        Assert.That(hash.Finish(), Is.EqualTo(first).And.Length.EqualTo(ContentHash.Length));
    }

    [TestCase("ab", null, "a", "b")]
    [TestCase("", null, null, null)]
    [TestCase("a", "", "a", null)]
    [TestCase(null, "a", "a", null)]
    public void Finish_TextSplitOrNullDiffers_DifferentDigest(string? a1, string? a2, string? b1, string? b2)
    {
        var hash = new ContentHash();
        hash.WriteText(a1);
        hash.WriteText(a2);
        var a = hash.Finish();
        hash.WriteText(b1);
        hash.WriteText(b2);

        Assert.That(ContentHash.Same(a, hash.Finish()), Is.False);
    }

    [Test]
    public void Finish_DecimalScaleDiffers_DifferentDigest()
    {
        var hash = new ContentHash();
        hash.WriteDecimal(0.5m);
        var a = hash.Finish();
        hash.WriteDecimal(0.50m);

        Assert.That(ContentHash.Same(a, hash.Finish()), Is.False);
    }

    [Test]
    public void Finish_DatesTimesAndArraysDiffer_DifferentDigests()
    {
        var hash = new ContentHash();
        var digests = new List<byte[]>();
        foreach (var write in new Action[]
        {
            () => hash.WriteDate(new DateOnly(2024, 5, 15)),
            () => hash.WriteDate(new DateOnly(2024, 5, 16)),
            () => hash.WriteLocalTime(new DateTime(2024, 5, 15, 10, 30, 0, DateTimeKind.Unspecified)),
            () => hash.WriteLocalTime(new DateTime(2024, 5, 15, 10, 30, 1, DateTimeKind.Unspecified)),
            () => hash.WriteTextArray(["2106-3"]),
            () => hash.WriteTextArray(["2106-3", "2054-5"]),
            () => hash.WriteTextArray([]),
            () => hash.WriteTextArray(null),
            () => hash.WriteInt(0),
            () => hash.WriteLong(1),
        })
        {
            write();
            digests.Add(hash.Finish());
        }

        Assert.That(digests.Select(Convert.ToHexString), Is.Unique);
    }

    [Test]
    public void Same_NullOnEitherSide_IsNeverSame()
    {
        var hash = new ContentHash();
        var digest = hash.Finish();

        Assert.Multiple(() =>
        {
            Assert.That(ContentHash.Same(digest, [.. digest]), Is.True);
            Assert.That(ContentHash.Same(null, digest), Is.False);
            Assert.That(ContentHash.Same(digest, null), Is.False);
            Assert.That(ContentHash.Same(null, null), Is.False);
        });
    }

    private static void Write(ContentHash hash, string? text, string? other, int number)
    {
        hash.WriteText(text);
        hash.WriteText(other);
        hash.WriteInt(number);
    }
}
