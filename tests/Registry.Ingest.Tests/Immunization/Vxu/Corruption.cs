namespace Registry.Ingest.Tests.Immunization.Vxu;

/// <summary>How a generated message goes wrong, as real feeds do, so that rules quoting values get to run.</summary>
internal enum Corruption
{
    None,

    /// <summary>PID-7 holds text that is no date (19981912, 2023-04-15, APR 15 2023…).</summary>
    InvalidBirthDate,

    /// <summary>An extra <c>|</c> in PID: every later field moves one to the right.</summary>
    PidShiftedRight,

    /// <summary>A <c>|</c> missing in PID: every later field moves one to the left (the NDIIS examples).</summary>
    PidShiftedLeft,

    /// <summary>NK1-3 left out: the address lands in the relationship field.</summary>
    Nk1ShiftedLeft,

    /// <summary>PID broken across two lines, as when a spec's text is copied: the message cannot be read.</summary>
    PidSplitAcrossLines,
}
