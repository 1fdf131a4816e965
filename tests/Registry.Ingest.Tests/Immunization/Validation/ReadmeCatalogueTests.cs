using Registry.Ingest.Immunization.Validation;
using Registry.Ingest.Tests.Support;

namespace Registry.Ingest.Tests.Immunization.Validation;

/// <summary>Operators configure severities by rule id from the README: every rule must be listed there.</summary>
public sealed class ReadmeCatalogueTests
{
    [Test]
    public void Readme_RuleCatalogue_ListsEveryRuleWithItsDefaultSeverity()
    {
        var readme = File.ReadAllText(RepositoryFiles.Path("README.md"));

        var missing = Rules.All
            .Where(r => !readme.Contains($"| `{r.Id}` | {r.Location} | {r.DefaultSeverity.ToString()[0]} |", StringComparison.Ordinal))
            .Select(r => r.Id)
            .ToList();

        Assert.That(missing, Is.Empty, "rules missing from (or out of date in) the README catalogue");
    }
}
