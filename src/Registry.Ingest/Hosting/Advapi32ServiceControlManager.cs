using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace Registry.Ingest.Hosting;

/// <summary>
/// <see cref="IServiceControlManager"/> over advapi32. The SCM calls ServiceMain and HandlerEx as
/// plain function pointers with no state of ours, so the one instance a process may run is kept in
/// a static field (a SERVICE_WIN32_OWN_PROCESS service is alone in its process anyway).
/// </summary>
[SupportedOSPlatform("windows")]
internal sealed unsafe class Advapi32ServiceControlManager : IServiceControlManager
{
    private static Advapi32ServiceControlManager? current;

    private string serviceName = "";
    private Action serviceMain = () => { };
    private Func<ServiceControl, bool> handleControl = _ => false;
    private nint statusHandle;
    private int registrationError;

    public void RunDispatcher(string serviceName, Action serviceMain, Func<ServiceControl, bool> handleControl)
    {
        if (Interlocked.CompareExchange(ref current, this, null) is not null)
        {
            throw new InvalidOperationException("Only one Windows service dispatcher can run in a process.");
        }

        this.serviceName = serviceName;
        this.serviceMain = serviceMain;
        this.handleControl = handleControl;
        var name = Marshal.StringToHGlobalUni(serviceName);
        try
        {
            ServiceTableEntry[] table =
            [
                new(name, (nint)(delegate* unmanaged[Stdcall]<uint, nint, void>)&ServiceMain),
                default,
            ];
            if (!Advapi32.StartServiceCtrlDispatcher(table))
            {
                throw new Win32Exception(Marshal.GetLastPInvokeError());
            }
        }
        finally
        {
            Marshal.FreeHGlobal(name);
            Volatile.Write(ref current, null);
        }
    }

    public void SetStatus(in ServiceStatus status)
    {
        if (statusHandle == 0)
        {
            throw new InvalidOperationException(
                "The service control handler is not registered.", new Win32Exception(registrationError));
        }

        if (!Advapi32.SetServiceStatus(statusHandle, status))
        {
            throw new Win32Exception(Marshal.GetLastPInvokeError());
        }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvStdcall)])]
    private static void ServiceMain(uint argumentCount, nint arguments)
    {
        var self = Volatile.Read(ref current);
        if (self is null)
        {
            return;
        }

        self.statusHandle = Advapi32.RegisterServiceCtrlHandlerEx(self.serviceName, &HandleControl, 0);
        if (self.statusHandle == 0)
        {
            self.registrationError = Marshal.GetLastPInvokeError();
        }

        try
        {
            self.serviceMain();
        }
        catch (Exception)
        {
            // The lifetime reports its own failures; an exception escaping into the SCM's thread would
            // end the process without a word, so none may leave.
        }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvStdcall)])]
    private static uint HandleControl(uint control, uint eventType, nint eventData, nint context)
    {
        var self = Volatile.Read(ref current);
        if ((ServiceControl)control == ServiceControl.Interrogate)
        {
            // The SCM asks for the last reported status, which it already has.
            return Advapi32.NoError;
        }

        try
        {
            return self is not null && self.handleControl((ServiceControl)control) ? Advapi32.NoError : Advapi32.CallNotImplemented;
        }
        catch (Exception)
        {
            // As in ServiceMain: an exception must not cross into the SCM's thread.
            return Advapi32.CallNotImplemented;
        }
    }
}
