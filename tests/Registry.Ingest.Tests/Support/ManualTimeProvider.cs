namespace Registry.Ingest.Tests.Support;

/// <summary>A clock that moves only when told, in UTC; starts at <see cref="FixedTimeProvider.Default"/>'s instant.</summary>
internal sealed class ManualTimeProvider : TimeProvider
{
    private DateTimeOffset now = FixedTimeProvider.Default.GetUtcNow();

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    public override DateTimeOffset GetUtcNow() => now;

    public void Advance(TimeSpan by) => now += by;
}
