using Microsoft.Extensions.Logging;

namespace Registry.Ingest.Tests.Support;

/// <summary>Keeps every log line written (level and rendered text), for asserting what an operator would read.</summary>
internal sealed class ListLogger<T> : ILogger<T>
{
    public List<(LogLevel Level, string Text)> Lines { get; } = [];

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        Lines.Add((logLevel, formatter(state, exception)));

    public int Count(LogLevel level, string containing) =>
        Lines.Count(l => l.Level == level && l.Text.Contains(containing, StringComparison.Ordinal));
}
