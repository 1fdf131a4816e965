namespace Registry.Ingest.DropFolder.Sftp;

/// <summary>
/// When the next connection attempt may be made: at once while things work, then after 1 s, 2 s,
/// 4 s … up to a cap after consecutive failures. Polls in between fail fast instead of waiting
/// out another connect timeout, and nothing sleeps: the poll simply ends.
/// </summary>
internal sealed class ReconnectBackoff(TimeProvider time, TimeSpan maxDelay)
{
    private int failures;

    /// <summary>The earliest time of the next attempt; in the past while no failure is recent.</summary>
    public DateTimeOffset NextAttempt { get; private set; } = DateTimeOffset.MinValue;

    public bool MayTry => time.GetUtcNow() >= NextAttempt;

    public TimeSpan Delay => failures == 0
        ? TimeSpan.Zero
        : TimeSpan.FromSeconds(Math.Min(maxDelay.TotalSeconds, Math.Pow(2, Math.Min(failures - 1, 30))));

    public void Failed()
    {
        failures++;
        NextAttempt = time.GetUtcNow() + Delay;
    }

    public void Succeeded()
    {
        failures = 0;
        NextAttempt = DateTimeOffset.MinValue;
    }
}
