using Microsoft.Extensions.Configuration;

namespace Registry.Ingest.Configuration;

/// <summary>
/// One configuration for every verb: the file named by --config, else appsettings.json in the
/// working folder, else the one beside the executable; then environment variables in .NET's
/// <c>Section__Key</c> form, which override the file (secrets belong there, never in the file).
/// </summary>
internal static class AppConfiguration
{
    public const string FileName = "appsettings.json";

    public static IConfigurationRoot Load(string? path)
    {
        var builder = new ConfigurationBuilder();
        if (path is not null)
        {
            if (ReadableFile.Problem(path) is { } problem)
            {
                throw new FileNotFoundException($"The configuration file '{path}' {problem}.", path);
            }

            builder.AddJsonFile(Path.GetFullPath(path), optional: false);
        }
        else
        {
            var local = Path.Combine(Directory.GetCurrentDirectory(), FileName);
            var beside = Path.Combine(AppContext.BaseDirectory, FileName);
            var chosen = File.Exists(local) ? local : beside;
            builder.AddJsonFile(chosen, optional: true);
        }

        try
        {
            return builder.AddEnvironmentVariables().Build();
        }
        catch (InvalidDataException e) when (e.InnerException is not null)
        {
            // "Failed to load configuration from file ..." alone: the JSON reader's own message,
            // innermost, says where (LineNumber, BytePositionInLine).
            var causes = new List<string>();
            for (var cause = e.InnerException; cause is not null; cause = cause.InnerException)
            {
                causes.Add(cause.Message);
            }

            throw new InvalidDataException($"{e.Message} {string.Join(" ", causes)}", e);
        }
    }
}
