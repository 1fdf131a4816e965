using System.Text;
using Registry.Ingest.Hl7;
using Registry.Ingest.Immunization.Validation;
using Registry.Ingest.Immunization.Vxu;
using Registry.Ingest.Tests.Immunization.CodeTables;

namespace Registry.Ingest.Tests.Support;

/// <summary>Runs the validator with the shipped code tables and the fixed clock.</summary>
internal static class VxuValidation
{
    public static VxuValidator Validator(ValidationPolicy? policy = null) =>
        new(ShippedCodeTables.Instance, policy ?? ValidationPolicy.Default, FixedTimeProvider.Default);

    public static MessageResult Validate(VxuBuilder message, ValidationPolicy? policy = null, string? clinic = null) =>
        Validator(policy).Validate(message.Parse(), clinic);

    public static MessageResult Validate(VxuBuilder message, ValidationOptions options, string? clinic = null) =>
        Validate(message, ValidationPolicy.From(options), clinic);

    /// <summary>Reads a whole file with the batch reader, as the service does, and validates each item.</summary>
    public static IReadOnlyList<MessageResult> ValidateFile(byte[] file, ValidationPolicy? policy = null, string? clinic = null)
    {
        var validator = Validator(policy);
        using var stream = new MemoryStream(file);
        using var reader = new Hl7BatchReader(stream);
        var controlIds = new ControlIdHistory();
        return reader.ReadMessages().Select(item => validator.Validate(item, clinic, controlIds)).ToList();
    }

    public static IReadOnlyList<MessageResult> ValidateFile(string text, ValidationPolicy? policy = null, string? clinic = null) =>
        ValidateFile(Encoding.UTF8.GetBytes(text), policy, clinic);
}
