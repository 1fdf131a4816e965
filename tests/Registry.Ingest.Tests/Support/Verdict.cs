using FsCheck;
using FsCheck.Fluent;

namespace Registry.Ingest.Tests.Support;

/// <summary>A property's outcome from a list of violations: true when empty, else labelled with them.</summary>
internal static class Verdict
{
    public static Property Of(IReadOnlyList<string> problems) =>
        Prop.Label(problems.Count == 0, problems.Count == 0 ? "ok" : string.Join(Environment.NewLine, problems));
}
