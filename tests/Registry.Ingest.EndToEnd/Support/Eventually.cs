namespace Registry.Ingest.EndToEnd.Support;

/// <summary>Waits on an observable condition (a file, a database row, a log line), never on a bare delay.</summary>
internal static class Eventually
{
    public static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);

    public static void Until(Func<bool> condition, string what, TimeSpan? timeout = null, WorkerProcess? worker = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? Patience);
        while (!condition())
        {
            if (worker is { HasExited: true })
            {
                Assert.Fail($"The worker exited before {what}:\n{worker.WaitForExit(TimeSpan.FromSeconds(5))}");
            }

            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Timed out waiting until {what}.");
            }

            Thread.Sleep(50);
        }
    }
}
