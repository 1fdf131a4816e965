using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace Registry.Ingest.Hosting;

/// <summary>
/// The three advapi32 functions of the Service Control Manager protocol, bound by hand because
/// Microsoft.Extensions.Hosting.WindowsServices is not available to us. Compiles everywhere; only
/// callable on Windows.
/// </summary>
[SupportedOSPlatform("windows")]
internal static unsafe partial class Advapi32
{
    private const string Library = "advapi32.dll";

    [LibraryImport(Library, EntryPoint = "StartServiceCtrlDispatcherW", SetLastError = true)]
    [return: MarshalAs(UnmanagedType.Bool)]
    public static partial bool StartServiceCtrlDispatcher([In] ServiceTableEntry[] serviceTable);

    [LibraryImport(Library, EntryPoint = "RegisterServiceCtrlHandlerExW", SetLastError = true, StringMarshalling = StringMarshalling.Utf16)]
    public static partial nint RegisterServiceCtrlHandlerEx(
        string serviceName,
        delegate* unmanaged[Stdcall]<uint, uint, nint, nint, uint> handler,
        nint context);

    [LibraryImport(Library, EntryPoint = "SetServiceStatus", SetLastError = true)]
    [return: MarshalAs(UnmanagedType.Bool)]
    public static partial bool SetServiceStatus(nint serviceStatusHandle, in ServiceStatus serviceStatus);

    /// <summary>NO_ERROR, returned by HandlerEx for a control it handled (and for INTERROGATE).</summary>
    public const uint NoError = 0;

    /// <summary>ERROR_CALL_NOT_IMPLEMENTED, returned by HandlerEx for controls it ignores.</summary>
    public const uint CallNotImplemented = 120;

    /// <summary>ERROR_FAILED_SERVICE_CONTROLLER_CONNECT: the process was not started by the SCM.</summary>
    public const int FailedServiceControllerConnect = 1063;
}
