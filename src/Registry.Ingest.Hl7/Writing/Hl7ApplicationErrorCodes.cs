namespace Registry.Ingest.Hl7;

/// <summary>HL7 table 0533, application error codes of the CDC immunization guide (ERR-5).</summary>
public static class Hl7ApplicationErrorCodes
{
    public const int IllogicalDate = 1;
    public const int InvalidDate = 2;
    public const int IllogicalValue = 3;
    public const int InvalidValue = 4;
    public const int TableValueNotFound = 5;
    public const int RequiredObservationMissing = 6;
    public const int RequiredDataMissing = 7;
    public const int DataIgnored = 8;

    /// <summary>The table's text for <paramref name="code"/>, or null when the code is not in the table.</summary>
    public static string? Text(int code) => code switch
    {
        IllogicalDate => "Illogical Date error",
        InvalidDate => "Invalid Date",
        IllogicalValue => "Illogical Value error",
        InvalidValue => "Invalid value",
        TableValueNotFound => "Table value not found",
        RequiredObservationMissing => "Required observation missing",
        RequiredDataMissing => "Required data missing",
        DataIgnored => "Data was ignored",
        _ => null,
    };
}
