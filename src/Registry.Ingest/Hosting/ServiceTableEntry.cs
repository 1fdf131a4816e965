using System.Runtime.InteropServices;

namespace Registry.Ingest.Hosting;

/// <summary>
/// SERVICE_TABLE_ENTRYW (winsvc.h): a pointer to the service's UTF-16 name and a pointer to its
/// ServiceMain. StartServiceCtrlDispatcherW takes an array of them ended by an all-zero entry.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal readonly record struct ServiceTableEntry(nint ServiceName, nint ServiceProc);
