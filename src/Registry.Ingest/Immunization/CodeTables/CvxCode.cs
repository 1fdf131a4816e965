using System.Collections.Immutable;

namespace Registry.Ingest.Immunization.CodeTables;

/// <summary>One row of CDC's CVX table (vaccine administered) with its CDC vaccine groups.</summary>
internal sealed class CvxCode(string code, string description, CvxStatus status, bool isNonVaccine, ImmutableArray<string> vaccineGroups)
{
    /// <summary>The canonical code, two or three digits, e.g. <c>08</c>, <c>141</c>.</summary>
    public string Code { get; } = code;

    /// <summary>CDC's short description.</summary>
    public string Description { get; } = description;

    public CvxStatus Status { get; } = status;

    /// <summary>CDC's nonvaccine flag (immune globulins, TB skin tests, 998, 999...), kept as CDC gives it.</summary>
    public bool IsNonVaccine { get; } = isNonVaccine;

    /// <summary>CDC vaccine groups, e.g. <c>MMR</c> and <c>VARICELLA</c> for 94; empty for codes CDC maps to none.</summary>
    public ImmutableArray<string> VaccineGroups { get; } = vaccineGroups;

    public override string ToString() => Code;
}
