namespace Registry.Ingest.Immunization.Validation;

/// <summary>What an error drops (IG table 3-1 receiver rules).</summary>
internal enum RuleScope
{
    /// <summary>Nothing from the message is stored.</summary>
    Message,

    /// <summary>The order group (ORC/RXA/RXR/OBX) is dropped, the rest of the message is stored.</summary>
    OrderGroup,

    /// <summary>Only the value is ignored (treated as empty).</summary>
    Value,

    /// <summary>About the file as a whole; goes in the report, not in any ACK.</summary>
    File,
}
