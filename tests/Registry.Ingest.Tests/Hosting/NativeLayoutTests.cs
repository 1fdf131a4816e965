using System.Runtime.InteropServices;
using Registry.Ingest.Hosting;

namespace Registry.Ingest.Tests.Hosting;

/// <summary>
/// The advapi32 structs as Windows reads them: SERVICE_STATUS is seven DWORDs in declaration order,
/// SERVICE_TABLE_ENTRYW two pointers. A field out of place would be read as the wrong one there.
/// </summary>
[TestFixture]
internal sealed class NativeLayoutTests
{
    [Test]
    public void ServiceStatus_Layout_IsSevenDwordsInWinsvcOrder()
    {
        var status = new ServiceStatus(1, (ServiceState)2, (ServiceAcceptedControls)3, 4, 5, 6, 7);

        var dwords = MemoryMarshal.Cast<ServiceStatus, uint>(new[] { status });

        Assert.That(Marshal.SizeOf<ServiceStatus>(), Is.EqualTo(7 * sizeof(uint)));
        Assert.That(dwords.ToArray(), Is.EqualTo(new uint[] { 1, 2, 3, 4, 5, 6, 7 }));
    }

    [Test]
    public void ServiceTableEntry_Layout_IsNamePointerThenServiceMainPointer()
    {
        var entry = new ServiceTableEntry(11, 22);

        var pointers = MemoryMarshal.Cast<ServiceTableEntry, nint>(new[] { entry });

        Assert.That(Marshal.SizeOf<ServiceTableEntry>(), Is.EqualTo(2 * IntPtr.Size));
        Assert.That(pointers.ToArray(), Is.EqualTo(new nint[] { 11, 22 }));
    }

    [Test]
    public void Structs_AreBlittable_SoLibraryImportPinsThemAsTheyAre()
    {
        // Marshal-free blittable types: LibraryImport passes a pointer to them without a copy.
        Assert.That(() => GCHandle.Alloc(new ServiceStatus[1], GCHandleType.Pinned).Free(), Throws.Nothing);
        Assert.That(() => GCHandle.Alloc(new ServiceTableEntry[1], GCHandleType.Pinned).Free(), Throws.Nothing);
    }
}
