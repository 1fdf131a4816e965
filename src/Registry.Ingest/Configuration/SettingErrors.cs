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
    /// <summary>The binder's message made plain, or null when it is not one this knows.</summary>
    /// <param name="settings">The section that failed, to find what the binder does not name.</param>
    public static string? Explain(string binderMessage, Type options, string section, IConfigurationSection? settings = null)
    {
        if (UnknownSettings().Match(binderMessage) is { Success: true } unknown)
        {
            // A misspelt key ("Polling__Intervall"): the binder names the class, not the setting.
            var names = unknown.Groups["names"].Value;
            if (SectionOf(options, section, unknown.Groups["type"].Value) is not { } where)
            {
                return $"{section}: there is no setting {names} in it. Check the spelling against appsettings.json (environment variables as Section__Key).";
            }

            var known = string.Join(", ", where.Type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Select(p => p.Name));
            return $"{where.Path}: there is no setting {names} in it; it has {known}. Check the spelling against appsettings.json (environment variables as Section__Key).";
        }

        if (settings is not null && binderMessage.Contains("binding has failed", StringComparison.Ordinal) && OneValueForAList(settings, options) is { } list)
        {
            return list;
        }

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

    /// <summary>The section, or subsection, whose options class the binder named.</summary>
    private static (string Path, Type Type)? SectionOf(Type options, string path, string typeName)
    {
        if (options.FullName == typeName)
        {
            return (path, options);
        }

        foreach (var property in options.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var type = property.PropertyType;
            if (type.IsClass && type != typeof(string) && type.Namespace?.StartsWith("Registry.Ingest", StringComparison.Ordinal) == true
                && SectionOf(type, $"{path}:{property.Name}", typeName) is { } found)
            {
                return found;
            }
        }

        return null;
    }

    /// <summary>
    /// A list (or a map of lists, as Validation:Clinics) given one value, as an environment variable
    /// Section__Key=value instead of Section__Key__0=value: the binder says only that binding failed.
    /// </summary>
    private static string? OneValueForAList(IConfigurationSection settings, Type options)
    {
        foreach (var property in options.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var child = settings.GetSection(property.Name);
            var type = property.PropertyType;
            if (IsList(type) && child.Value is { Length: > 0 } value)
            {
                return OneValue(child.Path, value);
            }

            if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Dictionary<,>) && IsList(type.GetGenericArguments()[1]))
            {
                foreach (var entry in child.GetChildren())
                {
                    if (entry.Value is { Length: > 0 } one)
                    {
                        return OneValue(entry.Path, one);
                    }
                }
            }
        }

        return null;

        static bool IsList(Type type) => type.IsArray || (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(List<>));

        static string OneValue(string path, string value) =>
            $"{path}: '{value}' is one value, but this setting is a list: write [\"{value}\"] in the JSON file, or {path.Replace(":", "__", StringComparison.Ordinal)}__0={value} (then __1, __2, ...) in the environment.";
    }

    [GeneratedRegex(@"the following properties were not found on the instance of (?<type>[\w.+]+): (?<names>'[^']*'(?:, '[^']*')*)")]
    private static partial Regex UnknownSettings();

    [GeneratedRegex(@"^Failed to convert configuration value '(?<value>.*)' at '(?<path>[^']*)' to type '[^']*'")]
    private static partial Regex ConversionFailure();
}
