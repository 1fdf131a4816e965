namespace Registry.Ingest.Tests.Support;

/// <summary>A clock that always reads the same instant, in UTC, so date rules do not drift with the calendar.</summary>
internal sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
{
    /// <summary>2024-06-01 12:00 UTC: after the sample messages' dates (2024-05-15), before their lot expirations.</summary>
    public static FixedTimeProvider Default { get; } = new(new DateTimeOffset(2024, 6, 1, 12, 0, 0, TimeSpan.Zero));

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    public override DateTimeOffset GetUtcNow() => now;
}
