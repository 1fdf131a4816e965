namespace Registry.Ingest.Tests.Immunization.Validation;

/// <summary>What a fired rule does to what is stored (IG table 3-1 receiver rules).</summary>
internal enum RuleEffect
{
    /// <summary>Nothing from the message is stored: no update at all.</summary>
    MessageRejected,

    /// <summary>The order group the issue is about is left out; the rest is stored.</summary>
    VaccinationDropped,

    /// <summary>An order group without a vaccination (ORC, no RXA) is left out; the rest is stored, nothing counts as dropped.</summary>
    EmptyGroupLeftOut,

    /// <summary>Everything is stored, but the bad value is treated as empty.</summary>
    ValueIgnored,

    /// <summary>Everything is stored as sent (or with its documented default); the issue only informs.</summary>
    Recorded,
}
