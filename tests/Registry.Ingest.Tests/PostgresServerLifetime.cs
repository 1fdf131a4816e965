using Registry.Ingest.Tests.Support;

namespace Registry.Ingest.Tests;

/// <summary>
/// Stops the run's private PostgreSQL after the last test of the assembly (every test lives under
/// this namespace). The cluster itself is started lazily, by the first test that needs it.
/// </summary>
[SetUpFixture]
internal sealed class PostgresServerLifetime
{
    [OneTimeTearDown]
    public void StopPostgres() => PostgresServer.StopIfStarted();
}
