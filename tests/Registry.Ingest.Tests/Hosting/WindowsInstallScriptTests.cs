using Registry.Ingest.Hosting;
using Registry.Ingest.Tests.Support;

namespace Registry.Ingest.Tests.Hosting;

/// <summary>
/// deploy/windows/install.ps1. PowerShell is not installed on our Linux machines, so the script is
/// neither run nor parsed here (the parse test runs only where pwsh exists); what is checked is its
/// contract with the program: the command line the SCM runs, the account, and the recovery actions.
/// </summary>
[TestFixture]
internal sealed class WindowsInstallScriptTests
{
    private static readonly string ScriptPath = RepositoryFiles.Path("deploy", "windows", "install.ps1");
    private static readonly string Script = File.ReadAllText(ScriptPath);

    [Test]
    public void Script_ServiceCommandLine_RunsWithServiceFlagAndConfigBothPathsQuoted()
    {
        Assert.That(Script, Does.Contain("$binaryPath = \"`\"$exe`\" run --service --config `\"$config`\"\""));
        Assert.That(Script, Does.Contain("$exe = Join-Path $InstallDir 'registry-ingest.exe'"));
    }

    [Test]
    public void Script_ServiceName_IsTheOneTheLifetimeRegistersWith()
    {
        Assert.That(Script, Does.Contain($"[string] $ServiceName = '{WindowsServiceLifetime.DefaultServiceName}'"));
    }

    [Test]
    public void Script_Account_IsTheServicesOwnVirtualAccount()
    {
        Assert.That(Script, Does.Contain("$account = \"NT SERVICE\\$ServiceName\""));
        Assert.That(Script, Does.Contain("@('config', $ServiceName, 'obj=', $account"));
    }

    [Test]
    public void Script_Recovery_RestartsOnCrashAndOnNonZeroExitCode()
    {
        Assert.That(Script, Does.Contain("@('failure', $ServiceName, 'reset=', '86400', 'actions=', 'restart/"));
        Assert.That(Script, Does.Contain("@('failureflag', $ServiceName, '1')"));
    }

    [Test]
    public void Script_Options_OfferUninstallAndNeverOverwriteTheConfiguration()
    {
        Assert.That(Script, Does.Contain("[switch] $Uninstall"));
        Assert.That(Script, Does.Contain("if (-not (Test-Path $config))"));
    }

    [Test]
    public void Script_PowerShell_ParsesWithoutErrors()
    {
        var pwsh = ToolRun.Find("pwsh");
        if (pwsh is null)
        {
            Assert.Ignore("pwsh is not installed here; install.ps1 is checked by content only.");
        }

        var quotedPath = "'" + ScriptPath.Replace("'", "''", StringComparison.Ordinal) + "'";
        var result = ToolRun.Start(pwsh, "-NoProfile", "-NonInteractive", "-Command",
            "$errors = $null; [System.Management.Automation.Language.Parser]::ParseFile(" + quotedPath + ", [ref]$null, [ref]$errors) | Out-Null; "
            + "$errors | ForEach-Object { $_.ToString() }; exit $errors.Count");

        Assert.That(result.ExitCode, Is.Zero, result.AllOutput);
    }
}
