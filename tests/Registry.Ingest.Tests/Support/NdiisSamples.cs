namespace Registry.Ingest.Tests.Support;

/// <summary>
/// The North Dakota NDIIS specification's own example messages (Immunization/Samples, copied byte for
/// byte from the shared samples; see the README there), with the defects real feeds have.
/// </summary>
internal static class NdiisSamples
{
    public const string Example1 = "ndiis-vxu-example-1.hl7";
    public const string Example2 = "ndiis-vxu-example-2.hl7";
    public const string Example3TwoVaccinations = "ndiis-vxu-example-3-two-vaccinations.hl7";
    public const string Example4Historical = "ndiis-vxu-example-4-historical.hl7";
    public const string QueryExample = "ndiis-qbp-example.hl7";

    public static IReadOnlyList<string> VxuExamples { get; } = [Example1, Example2, Example3TwoVaccinations, Example4Historical];

    public static IReadOnlyList<string> All { get; } = [.. VxuExamples, QueryExample];

    public static byte[] Read(string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Immunization", "Samples", name));
}
