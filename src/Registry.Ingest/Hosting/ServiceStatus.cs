using System.Runtime.InteropServices;

namespace Registry.Ingest.Hosting;

/// <summary>
/// SERVICE_STATUS (winsvc.h): seven DWORDs in this order, passed by pointer to SetServiceStatus.
/// Blittable on purpose so LibraryImport pins it instead of copying field by field.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal readonly record struct ServiceStatus(
    uint ServiceType,
    ServiceState CurrentState,
    ServiceAcceptedControls ControlsAccepted,
    uint Win32ExitCode,
    uint ServiceSpecificExitCode,
    uint CheckPoint,
    uint WaitHint)
{
    /// <summary>SERVICE_WIN32_OWN_PROCESS: the only service in its process.</summary>
    public const uint OwnProcess = 0x10;

    /// <summary>ERROR_SERVICE_SPECIFIC_ERROR: "look at dwServiceSpecificExitCode".</summary>
    public const uint ServiceSpecificError = 1066;
}
