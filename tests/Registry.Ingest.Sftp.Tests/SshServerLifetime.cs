using Registry.Ingest.Sftp.Tests.Support;

namespace Registry.Ingest.Sftp.Tests;

/// <summary>
/// Starts the run's private sshd before the first test of the assembly (every test lives under
/// this namespace) and stops it after the last.
/// </summary>
[SetUpFixture]
internal sealed class SshServerLifetime
{
    [OneTimeSetUp]
    public async Task StartSshd() => await SshServer.GetAsync();

    [OneTimeTearDown]
    public void StopSshd() => SshServer.StopIfStarted();
}
