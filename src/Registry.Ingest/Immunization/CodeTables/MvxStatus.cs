namespace Registry.Ingest.Immunization.CodeTables;

/// <summary>CDC's status of an MVX code, as written in the status column of mvx.tsv.</summary>
internal enum MvxStatus
{
    Active,
    Inactive,
}
