using System.Text.Json;

namespace Registry.Ingest.EndToEnd.Support;

/// <summary>One event as Serilog's JsonFormatter wrote it: Timestamp, Level, MessageTemplate, Properties.</summary>
internal sealed class LogEvent(JsonElement json)
{
    public DateTimeOffset Timestamp => json.GetProperty(nameof(Timestamp)).GetDateTimeOffset();

    /// <summary>JsonFormatter leaves out Level for Information.</summary>
    public string Level => json.TryGetProperty(nameof(Level), out var level) ? level.GetString()! : "Information";

    public string MessageTemplate => json.GetProperty(nameof(MessageTemplate)).GetString()!;

    public string? Property(string name) =>
        json.TryGetProperty("Properties", out var properties) && properties.TryGetProperty(name, out var value)
            ? value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText()
            : null;

    public bool HasProperty(string name) => Property(name) is not null;

    /// <summary>The whole event as written, to search it for a name.</summary>
    public string Raw => json.GetRawText();

    public override string ToString() => Raw;
}
