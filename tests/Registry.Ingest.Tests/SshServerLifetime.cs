using Registry.Ingest.Sftp.Tests.Support;

namespace Registry.Ingest.Tests;

/// <summary>Stops the run's private sshd after the last test, if an SFTP test started it (lazily, on first use).</summary>
[SetUpFixture]
internal sealed class SshServerLifetime
{
    [OneTimeTearDown]
    public void StopSshd() => SshServer.StopIfStarted();
}
