namespace Registry.Ingest.Immunization.CodeTables;

/// <summary>CDC's status of a CVX code, as written in the status column of cvx.tsv.</summary>
internal enum CvxStatus
{
    /// <summary><c>Active</c>.</summary>
    Active,

    /// <summary><c>Inactive</c>: no longer used, still valid for historical doses.</summary>
    Inactive,

    /// <summary><c>Non-US</c>: a vaccine not licensed in the US (doses given abroad).</summary>
    NonUS,

    /// <summary><c>Never Active</c>.</summary>
    NeverActive,

    /// <summary><c>Pending</c>: announced, not yet in use (no code has it today).</summary>
    Pending,
}
