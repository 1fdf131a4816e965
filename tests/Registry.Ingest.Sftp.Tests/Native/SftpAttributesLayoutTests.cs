using System.Runtime.InteropServices;
using Registry.Ingest.Sftp.Native;

namespace Registry.Ingest.Sftp.Tests.Native;

internal sealed class SftpAttributesLayoutTests
{
    // offsetof/sizeof of struct sftp_attributes_struct, printed by a C program compiled against
    // libssh-dev 0.10.6 on Debian 12 x86-64.
    [TestCase(nameof(SftpAttributesLayout.Name), 0)]
    [TestCase(nameof(SftpAttributesLayout.Flags), 16)]
    [TestCase(nameof(SftpAttributesLayout.Type), 20)]
    [TestCase(nameof(SftpAttributesLayout.Size), 24)]
    [TestCase(nameof(SftpAttributesLayout.Permissions), 56)]
    [TestCase(nameof(SftpAttributesLayout.Mtime64), 96)]
    [TestCase(nameof(SftpAttributesLayout.Mtime), 104)]
    public void Field_On64BitProcess_HasTheOffsetOfTheCHeader(string field, int offset)
    {
        Assume.That(Environment.Is64BitProcess, Is.True);

        Assert.That((int)Marshal.OffsetOf<SftpAttributesLayout>(field), Is.EqualTo(offset));
    }

    [Test]
    public void Struct_On64BitProcess_HasTheSizeOfTheCHeader()
    {
        Assume.That(Environment.Is64BitProcess, Is.True);

        Assert.That(Marshal.SizeOf<SftpAttributesLayout>(), Is.EqualTo(144));
    }
}
