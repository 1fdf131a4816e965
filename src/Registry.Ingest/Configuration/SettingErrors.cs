using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;

namespace Registry.Ingest.Configuration;

/// <summary>
/// Says what a setting should look like when the configuration binder could not read it, in the
/// words an operator needs (the values an option takes, how a time span is written) rather than
/// the binder's ("Failed to convert ... to type 'Registry.Ingest.DropFolder.DropFolderKind'").
/// </summary>
internal static partial class SettingErrors
{
    /// <summary>The binder's message made plain, or null when it is not one about a value it could not convert.</summary>
    public static string? Explain(string binderMessage, Type options, string section)
    {
        var match = ConversionFailure().Match(binderMessage);
        if (!match.Success)
        {
            return null;
        }

        string value = match.Groups["value"].Value;
        string path = match.Groups["path"].Value;
        var type = PropertyType(options, path, section);
        if (type is null)
        {
            return null;
        }

        type = Nullable.GetUnderlyingType(type) ?? type;
        string expected = type.IsEnum ? $"is not one of {string.Join(", ", Enum.GetNames(type))}"
            : type == typeof(TimeSpan) ? "is not a time span; write it as hh:mm:ss (00:00:30 is 30 seconds, 1.00:00:00 a day)"
            : type == typeof(bool) ? "is not true or false"
            : type == typeof(int) || type == typeof(long) ? "is not a whole number"
            : $"cannot be read as {type.Name}";
        return $"{path}: '{value}' {expected}.";
    }

    /// <summary>
    /// A time span written without a colon is read as days ("30" is 30 days, not seconds): taken
    /// for a number of seconds, it made a poll interval a month long. Such a value fails, naming the key.
    /// </summary>
    public static void CheckTimeSpans(IConfigurationSection settings, Type options)
    {
        foreach (var property in options.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            if (type != typeof(TimeSpan))
            {
                continue;
            }

            string? raw = settings[property.Name];
            if (!string.IsNullOrWhiteSpace(raw) && !raw.Contains(':', StringComparison.Ordinal) && raw.Trim() != "0")
            {
                string reads = TimeSpan.TryParse(raw, CultureInfo.InvariantCulture, out var read)
                    ? string.Create(CultureInfo.InvariantCulture, $", so it reads as {read.TotalDays:0.###} day(s)")
                    : string.Empty;
                throw new InvalidOperationException($"{settings.Path}:{property.Name}: '{raw}' has no colon{reads}; write a time span as hh:mm:ss (00:00:30 is 30 seconds, 1.00:00:00 a day).");
            }
        }
    }

    private static Type? PropertyType(Type options, string path, string section)
    {
        var parts = path.Split(':');
        if (parts.Length < 2 || !parts[0].Equals(section, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var type = options;
        foreach (var part in parts.Skip(1))
        {
            var property = type.GetProperty(part, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
            if (property is null)
            {
                return null;
            }

            type = property.PropertyType;
        }

        return type;
    }

    [GeneratedRegex(@"^Failed to convert configuration value '(?<value>.*)' at '(?<path>[^']*)' to type '[^']*'")]
    private static partial Regex ConversionFailure();
}
