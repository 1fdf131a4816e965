namespace Registry.Ingest.Hl7;

public enum Hl7DatePrecision
{
    Year,
    Month,
    Day,
    Hour,
    Minute,
    Second,
}
