namespace Registry.Ingest.Immunization.Vxu;

/// <summary>MSA-1 (HL7 table 0008, original mode).</summary>
internal enum AckCode
{
    /// <summary>Accepted.</summary>
    AA,

    /// <summary>Error: the message, or part of it, was not stored.</summary>
    AE,

    /// <summary>Rejected: type, event, processing id or version not supported.</summary>
    AR,
}
