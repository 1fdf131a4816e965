using Registry.Ingest.Tests.Support;

namespace Registry.Ingest.EndToEnd;

/// <summary>Stops this project's private PostgreSQL after its last test; the first test that needs it starts it.</summary>
[SetUpFixture]
internal sealed class PostgresServerLifetime
{
    [OneTimeTearDown]
    public void StopPostgres() => PostgresServer.StopIfStarted();
}
