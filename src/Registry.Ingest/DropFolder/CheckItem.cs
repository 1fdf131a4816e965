namespace Registry.Ingest.DropFolder;

/// <summary>One line of <c>check</c>: what was tried, whether it worked, and what to do when it did not.</summary>
internal sealed record CheckItem(string Name, bool Ok, string Detail, string? Fix = null)
{
    public static CheckItem Pass(string name, string detail) => new(name, true, detail);

    public static CheckItem Fail(string name, string detail, string fix) => new(name, false, detail, fix);
}
