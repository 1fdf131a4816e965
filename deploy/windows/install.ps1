<#
.SYNOPSIS
    Installs, upgrades or removes Registry.Ingest as the Windows service RegistryIngest.

.DESCRIPTION
    Copies a published (framework-dependent) Registry.Ingest folder to Program Files, creates the
    configuration once under ProgramData (never overwrites it), and registers the service:

        "<InstallDir>\registry-ingest.exe" run --service --config "<ConfigDir>\appsettings.json"

    --service makes the program talk to the Service Control Manager (src/Registry.Ingest/Hosting).
    The service runs as its own virtual account, NT SERVICE\RegistryIngest, which may only read
    the configuration and write the logs folder. Failures restart it (sc.exe failure), including
    a stop with a non-zero exit code (sc.exe failureflag). Safe to run again to upgrade.

    Secrets never go in appsettings.json. Either set them as the service's own environment
    variables (readable by administrators and SYSTEM only):

        Set-ItemProperty HKLM:\SYSTEM\CurrentControlSet\Services\RegistryIngest -Name Environment `
            -Type MultiString -Value 'ConnectionStrings__Registry=Host=db;Database=registry;Username=registry_app;Password=...'

    or put a password in a file in <ConfigDir>\secrets (only Administrators, SYSTEM and the service
    account can read it) and name it in appsettings.json (Database:PasswordFile).

.EXAMPLE
    dotnet publish src\Registry.Ingest -c Release --self-contained false -r win-x64 -p:PublishReadyToRun=true -o publish
    .\deploy\windows\install.ps1 -PublishDir .\publish

.EXAMPLE
    .\deploy\windows\install.ps1 -Uninstall
#>
[CmdletBinding()]
param(
    # The dotnet publish output to install; not needed with -Uninstall.
    [string] $PublishDir,
    [string] $InstallDir = (Join-Path $env:ProgramFiles 'RegistryIngest'),
    [string] $ConfigDir = (Join-Path $env:ProgramData 'RegistryIngest'),
    # Must match WindowsServiceLifetime.DefaultServiceName.
    [string] $ServiceName = 'RegistryIngest',
    # Stops and deletes the service and the program; keeps ConfigDir (configuration, secrets, logs).
    [switch] $Uninstall
)

Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'

$account = "NT SERVICE\$ServiceName"
$exe = Join-Path $InstallDir 'registry-ingest.exe'
$config = Join-Path $ConfigDir 'appsettings.json'
$serviceKey = "HKLM:\SYSTEM\CurrentControlSet\Services\$ServiceName"

function Invoke-Native {
    # sc.exe and icacls report failure only through their exit code.
    param([string] $Program, [string[]] $Arguments)
    & $Program @Arguments | Out-Host
    if ($LASTEXITCODE -ne 0) { throw "$Program $($Arguments -join ' ') failed with exit code $LASTEXITCODE." }
}

function Stop-IfRunning {
    $service = Get-Service -Name $ServiceName -ErrorAction SilentlyContinue
    if ($service -and $service.Status -ne 'Stopped') {
        Write-Host "Stopping $ServiceName (it finishes the file in hand first)..."
        Stop-Service -Name $ServiceName
        $service.WaitForStatus('Stopped', [TimeSpan]::FromMinutes(3))
    }
    return $service
}

$principal = New-Object Security.Principal.WindowsPrincipal([Security.Principal.WindowsIdentity]::GetCurrent())
if (-not $principal.IsInRole([Security.Principal.WindowsBuiltInRole]::Administrator)) {
    throw 'Run this script from an elevated PowerShell (as Administrator).'
}

if ($Uninstall) {
    if (Stop-IfRunning) {
        Invoke-Native sc.exe @('delete', $ServiceName)
    }
    if (Test-Path $InstallDir) { Remove-Item -Recurse -Force $InstallDir }
    Write-Host "Removed $ServiceName and $InstallDir. Kept $ConfigDir (configuration, secrets and logs): delete it by hand if no longer needed."
    return
}

if (-not $PublishDir -or -not (Test-Path (Join-Path $PublishDir 'registry-ingest.dll'))) {
    throw "-PublishDir must name a dotnet publish output of src\Registry.Ingest (registry-ingest.dll not found in '$PublishDir')."
}

$existing = Stop-IfRunning

# The program: mirrored, so files a new version no longer ships do not linger. Robocopy's exit
# codes below 8 mean success.
robocopy $PublishDir $InstallDir /MIR /NFL /NDL /NJH /NJS /NP | Out-Host
if ($LASTEXITCODE -ge 8) { throw "Copying $PublishDir to $InstallDir failed (robocopy exit code $LASTEXITCODE)." }

# Configuration once; from then on it is the administrator's.
foreach ($dir in @($ConfigDir, (Join-Path $ConfigDir 'logs'), (Join-Path $ConfigDir 'secrets'))) {
    New-Item -ItemType Directory -Force -Path $dir | Out-Null
}
if (-not (Test-Path $config)) {
    # The rolling log file goes to ConfigDir\logs, the one folder the service account may write:
    # the shipped path is relative to the working folder, which for a service is System32.
    $logPath = (Join-Path $ConfigDir 'logs\registry-ingest-.log') -replace '\\', '/'
    $settings = (Get-Content -Raw (Join-Path $PublishDir 'appsettings.json')).Replace('"logs/registry-ingest-.log"', "`"$logPath`"")
    [System.IO.File]::WriteAllText($config, $settings)
    Write-Host "Created ${config}: edit it before starting the service. Logs go to $ConfigDir\logs."
}

# The command line the SCM runs. Both paths are quoted: Program Files has a space, and an
# unquoted service path with spaces is a known privilege-escalation hole.
$binaryPath = "`"$exe`" run --service --config `"$config`""
if ($existing) {
    # Written to the registry directly: sc.exe config binPath= mangles embedded quotes in
    # Windows PowerShell 5.1.
    Set-ItemProperty -Path $serviceKey -Name ImagePath -Value $binaryPath
} else {
    New-Service -Name $ServiceName -BinaryPathName $binaryPath -StartupType Automatic `
        -DisplayName 'Registry.Ingest immunization batch ingestion' `
        -Description 'Polls the SFTP drop folder and stores HL7 immunization batch files.' | Out-Null
}

# A virtual account: no password to manage, no rights beyond those granted below.
Invoke-Native sc.exe @('config', $ServiceName, 'obj=', $account, 'start=', 'delayed-auto')
Invoke-Native sc.exe @('sidtype', $ServiceName, 'unrestricted')
# Restart after 1 min, 1 min, then 5 min; forget failures after a day. failureflag 1 applies the
# same when the service stops itself with a non-zero exit code (a failed start or job).
Invoke-Native sc.exe @('failure', $ServiceName, 'reset=', '86400', 'actions=', 'restart/60000/restart/60000/restart/300000')
Invoke-Native sc.exe @('failureflag', $ServiceName, '1')

# The service account reads the configuration and secrets and writes only the logs.
Invoke-Native icacls.exe @($ConfigDir, '/inheritance:r', '/grant:r', 'SYSTEM:(OI)(CI)F', 'BUILTIN\Administrators:(OI)(CI)F', "${account}:(OI)(CI)RX")
Invoke-Native icacls.exe @((Join-Path $ConfigDir 'logs'), '/grant:r', "${account}:(OI)(CI)M")

Write-Host @"

Installed $ServiceName ($binaryPath) as $account.
Next steps:
  1. Edit $config; put secrets in the service's Environment registry value or in $ConfigDir\secrets (see Get-Help $PSCommandPath).
  2. & '$exe' check --config '$config'
     & '$exe' migrate --config '$config'     (with ConnectionStrings__RegistryOwner set in that console)
  3. Start-Service $ServiceName; Get-Service $ServiceName
"@
