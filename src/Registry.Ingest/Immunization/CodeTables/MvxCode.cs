namespace Registry.Ingest.Immunization.CodeTables;

/// <summary>One row of CDC's MVX table (vaccine manufacturer).</summary>
internal sealed class MvxCode(string code, string manufacturer, MvxStatus status)
{
    /// <summary>The canonical code, upper case, e.g. <c>PMC</c>.</summary>
    public string Code { get; } = code;

    public string Manufacturer { get; } = manufacturer;

    public MvxStatus Status { get; } = status;

    public override string ToString() => Code;
}
