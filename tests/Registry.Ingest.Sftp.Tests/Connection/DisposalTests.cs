using System.Diagnostics;
using Registry.Ingest.Sftp.Tests.Files;
using Registry.Ingest.Sftp.Tests.Support;

namespace Registry.Ingest.Sftp.Tests.Connection;

internal sealed class DisposalTests
{
    [Test]
    public async Task Dispose_CalledTwice_DoesNotThrow()
    {
        SftpClient client = (await SshServer.GetAsync()).Connect();

        client.Dispose();

        Assert.DoesNotThrow(client.Dispose);
    }

    [Test]
    public async Task List_AfterDispose_ThrowsObjectDisposed()
    {
        SshServer server = await SshServer.GetAsync();
        SftpClient client = server.Connect();
        client.Dispose();

        Assert.Throws<ObjectDisposedException>(() => client.List(server.DropFolder));
    }

    [Test]
    public async Task ReadStream_DisposedTwiceAndAfterItsClient_DoesNotThrow()
    {
        using RemoteFolder folder = await RemoteFolder.ForCallerAsync();
        File.WriteAllBytes(Path.Combine(folder.Path, "f.bin"), new byte[500_000]);
        SftpClient client = (await SshServer.GetAsync()).Connect();
        Stream stream = client.OpenRead(folder.Combine("f.bin"));
        stream.ReadExactly(new byte[10]);

        // The stream keeps the sessions alive: libssh frees them only once the file is closed.
        client.Dispose();
        stream.Dispose();

        Assert.DoesNotThrow(stream.Dispose);
        Assert.Throws<ObjectDisposedException>(() => stream.ReadExactly(new byte[1]));
    }

    [Test]
    public async Task Connect_ManyTimes_ReleasesEveryConnection()
    {
        SshServer server = await SshServer.GetAsync();
        using RemoteFolder folder = await RemoteFolder.ForCallerAsync();
        File.WriteAllText(Path.Combine(folder.Path, "f.txt"), "x");
        int before = Process.GetCurrentProcess().HandleCount;

        for (int i = 0; i < 30; i++)
        {
            using SftpClient client = server.Connect();
            Assert.That(TransferTests.Download(client, folder.Combine("f.txt")), Is.EqualTo("x"u8.ToArray()));
        }

        // One socket per connection: if sessions were not freed, 30 descriptors would stay open.
        Assert.That(Process.GetCurrentProcess().HandleCount, Is.LessThan(before + 10));
    }
}
