namespace Registry.Ingest.Hl7;

/// <summary>
/// An HD value (MSH-3 to MSH-6, FHS-3 to FHS-6): a name, optionally with a universal id such as an
/// OID and its type, e.g. <c>NDIIS^2.16.840.1.113883.3.1234^ISO</c>.
/// </summary>
public sealed record Hl7HierarchicDesignator(string NamespaceId, string UniversalId = "", string UniversalIdType = "")
{
    public static Hl7HierarchicDesignator Empty { get; } = new(string.Empty);

    public bool IsEmpty => NamespaceId.Length == 0 && UniversalId.Length == 0 && UniversalIdType.Length == 0;

    /// <summary>Reads the first repetition of a field such as MSH-4, decoding its three components.</summary>
    public static Hl7HierarchicDesignator From(Hl7Element field) =>
        Of(field.Component(1).Value, field.Component(2).Value, field.Component(3).Value);

    /// <summary>The designator of these parts, or <see cref="Empty"/> when all are empty.</summary>
    public static Hl7HierarchicDesignator Of(string namespaceId, string universalId = "", string universalIdType = "")
    {
        var value = new Hl7HierarchicDesignator(namespaceId, universalId, universalIdType);
        return value.IsEmpty ? Empty : value;
    }

    internal bool IsAscii => System.Text.Ascii.IsValid(NamespaceId) && System.Text.Ascii.IsValid(UniversalId) && System.Text.Ascii.IsValid(UniversalIdType);

    internal Hl7HierarchicDesignator OrIfEmpty(Hl7HierarchicDesignator fallback) => IsEmpty ? fallback : this;

    internal void WriteTo(Hl7MessageWriter writer) =>
        writer.Component(1, NamespaceId).Component(2, UniversalId).Component(3, UniversalIdType);
}
