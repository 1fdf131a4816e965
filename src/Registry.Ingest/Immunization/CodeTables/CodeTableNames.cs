namespace Registry.Ingest.Immunization.CodeTables;

/// <summary>
/// The tables of hl7_tables.tsv, named as in coded elements (CE-3 / CWE-3). The loader requires
/// every one of them, so code using these names never meets a missing table at run time.
/// </summary>
internal static class CodeTableNames
{
    /// <summary>Administrative sex (PID-8).</summary>
    public const string Sex = "HL70001";

    /// <summary>CDCREC race (PID-10).</summary>
    public const string Race = "HL70005";

    /// <summary>Acknowledgment code (MSA-1).</summary>
    public const string AcknowledgmentCode = "HL70008";

    /// <summary>Relationship (NK1-3).</summary>
    public const string Relationship = "HL70063";

    /// <summary>VFC financial class (OBX 64994-7).</summary>
    public const string VfcEligibility = "HL70064";

    /// <summary>Route of administration, legacy HL7 codes (RXR-1).</summary>
    public const string Route = "HL70162";

    /// <summary>Administrative site (RXR-2), including the NDIIS local codes MO and NO.</summary>
    public const string Site = "HL70163";

    /// <summary>CDCREC ethnicity (PID-22).</summary>
    public const string Ethnicity = "HL70189";

    /// <summary>Identifier type (PID-3.5).</summary>
    public const string IdentifierType = "HL70203";

    /// <summary>Publicity code (PD1-11).</summary>
    public const string PublicityCode = "HL70215";

    /// <summary>Completion status (RXA-20).</summary>
    public const string CompletionStatus = "HL70322";

    /// <summary>Action code (RXA-21).</summary>
    public const string ActionCode = "HL70323";

    /// <summary>Message error condition codes (ERR-3).</summary>
    public const string ErrorCondition = "HL70357";

    /// <summary>Immunization registry status (PD1-16).</summary>
    public const string RegistryStatus = "HL70441";

    /// <summary>Error severity (ERR-4).</summary>
    public const string ErrorSeverity = "HL70516";

    /// <summary>Application error codes (ERR-5), CDC IG 1.5.</summary>
    public const string ApplicationError = "HL70533";

    /// <summary>Funding source (RXA-34, OBX 30963-3).</summary>
    public const string FundingSource = "CDCPHINVS";

    /// <summary>LOINC observation identifiers (OBX-3).</summary>
    public const string Loinc = "LN";

    /// <summary>Route of administration, NCI thesaurus codes (RXR-1).</summary>
    public const string RouteNcit = "NCIT";

    /// <summary>Immunization information source (RXA-9).</summary>
    public const string InformationSource = "NIP001";

    /// <summary>Substance refusal reason (RXA-18).</summary>
    public const string RefusalReason = "NIP002";

    public static IReadOnlyList<string> All { get; } =
    [
        Sex, Race, AcknowledgmentCode, Relationship, VfcEligibility, Route, Site, Ethnicity,
        IdentifierType, PublicityCode, CompletionStatus, ActionCode, ErrorCondition, RegistryStatus,
        ErrorSeverity, ApplicationError, FundingSource, Loinc, RouteNcit, InformationSource, RefusalReason,
    ];
}
