namespace Registry.Ingest.DropFolder;

/// <summary>Which part of the batch file naming rule a name breaks. Reports print these names, so keep them stable.</summary>
internal enum BatchFileNameRule
{
    /// <summary>The name could escape the drop folder (path separator, <c>..</c>, control character, leading dot, <c>:</c>).</summary>
    UnsafeName,

    /// <summary>The name is not <c>HL7_&lt;ClinicName&gt;_&lt;YYYYMMDD&gt;[_&lt;HHMMSS&gt;]</c> at all, e.g. empty or without a date part.</summary>
    Layout,

    /// <summary>The name does not end in a single <c>.txt</c> extension.</summary>
    Extension,

    /// <summary>The name does not start with <c>HL7_</c>.</summary>
    Prefix,

    /// <summary>ClinicName is empty, longer than 50 characters, or has a character outside A–Z a–z 0–9 -.</summary>
    ClinicName,

    /// <summary>The date is not 8 digits or not a real calendar date.</summary>
    Date,

    /// <summary>The time is not 6 digits or not a real time of day.</summary>
    Time,
}
