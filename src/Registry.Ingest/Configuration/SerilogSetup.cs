using Microsoft.Extensions.Configuration;
using Serilog;
using Serilog.Settings.Configuration;

namespace Registry.Ingest.Configuration;

/// <summary>The Serilog logger of the worker verbs, from the <c>Serilog</c> section (console and rolling file sinks).</summary>
internal static class SerilogSetup
{
    /// <summary>Before the configuration is read, and for a crash: plain lines on standard error.</summary>
    public static Serilog.ILogger Bootstrap() => new LoggerConfiguration()
        .WriteTo.Console(standardErrorFromLevel: Serilog.Events.LogEventLevel.Verbose)
        .CreateLogger();

    public static Serilog.Core.Logger Create(IConfiguration configuration)
    {
        // Named explicitly: sink discovery must not depend on a deps.json being present.
        var readerOptions = new ConfigurationReaderOptions(
            typeof(ConsoleLoggerConfigurationExtensions).Assembly,
            typeof(FileLoggerConfigurationExtensions).Assembly,
            typeof(Log).Assembly)
        {
            SectionName = "Serilog",
        };
        try
        {
            var logger = new LoggerConfiguration()
                .Enrich.FromLogContext()
                .ReadFrom.Configuration(WithFormattersWinning(configuration), readerOptions);

            // A configuration file without a Serilog section (or with no sink in it) would leave a
            // service that logs nothing at all, its start-up errors included: the console then.
            if (!configuration.GetSection("Serilog:WriteTo").GetChildren().Any())
            {
                logger.WriteTo.Console();
            }

            return logger.CreateLogger();
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or FormatException or InvalidCastException)
        {
            throw new InvalidOperationException(UnknownValue(configuration, e.Message) ?? $"Serilog: {e.Message}", e);
        }
    }

    /// <summary>
    /// "Requested value 'Weekly' was not found." names neither the setting nor what it takes: the
    /// key holding that value, and the values of the enumerations Serilog's settings use.
    /// </summary>
    private static string? UnknownValue(IConfiguration configuration, string message)
    {
        var match = System.Text.RegularExpressions.Regex.Match(message, "^Requested value '(?<value>.*)' was not found\\.$");
        if (!match.Success)
        {
            return null;
        }

        var value = match.Groups["value"].Value;
        var key = configuration.GetSection("Serilog").AsEnumerable().FirstOrDefault(kv => kv.Value == value).Key;
        if (key is null)
        {
            return null;
        }

        var name = key[(key.LastIndexOf(':') + 1)..];
        var values = name.Equals("rollingInterval", StringComparison.OrdinalIgnoreCase) ? Enum.GetNames<RollingInterval>()
            : key.Contains("Level", StringComparison.OrdinalIgnoreCase) ? Enum.GetNames<Serilog.Events.LogEventLevel>()
            : null;
        return values is null
            ? $"{key}: '{value}' is not one of the values this setting takes."
            : $"{key}: '{value}' is not one of {string.Join(", ", values)}.";
    }

    /// <summary>
    /// The Serilog section, without the outputTemplate of a sink that is given a formatter: JSON
    /// lines must be possible from the environment alone (Serilog__WriteTo__File__Args__formatter),
    /// and no environment variable can remove the shipped outputTemplate, which otherwise chose the
    /// sink's plain-text form (an empty one made an empty log file).
    /// </summary>
    private static IConfiguration WithFormattersWinning(IConfiguration configuration)
    {
        var sinks = configuration.GetSection("Serilog:WriteTo").GetChildren()
            .Where(sink => !string.IsNullOrWhiteSpace(sink["Args:formatter"]) && sink.GetSection("Args:outputTemplate").Value is not null)
            .Select(sink => sink.Path + ":Args:outputTemplate")
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        if (sinks.Count == 0)
        {
            return configuration;
        }

        var kept = configuration.GetSection("Serilog").AsEnumerable().Where(kv => kv.Value is not null && !sinks.Contains(kv.Key));
        return new ConfigurationBuilder().AddInMemoryCollection(kept).Build();
    }
}
