using System.Security.Cryptography;
using Registry.Ingest.Sftp.Tests.Support;

namespace Registry.Ingest.Sftp.Tests.Files;

internal sealed class TransferTests
{
    // Around the 64 KiB read chunk and the 64 KiB write chunk, plus a multi-MB odd size.
    [TestCase(0)]
    [TestCase(1)]
    [TestCase(65_535)]
    [TestCase(65_536)]
    [TestCase(65_537)]
    [TestCase(3 * 65_536)]
    [TestCase(7_340_033)]
    public async Task UploadThenOpenRead_BinaryContent_RoundTripsByteForByte(int size)
    {
        using RemoteFolder folder = await RemoteFolder.ForCallerAsync();
        byte[] content = RandomBytes(size);
        string path = folder.Combine("HL7_BINARY_20240101.txt");
        using SftpClient client = (await SshServer.GetAsync()).Connect();

        client.Upload(new MemoryStream(content), path);
        byte[] downloaded = Download(client, path);

        Assert.That(File.ReadAllBytes(path), Is.EqualTo(content), "on the server's disk");
        Assert.That(SHA256.HashData(downloaded), Is.EqualTo(SHA256.HashData(content)), "downloaded");
        Assert.That(downloaded, Has.Length.EqualTo(size));
    }

    [Test]
    public async Task OpenRead_SmallOddReads_ReturnTheWholeFile()
    {
        using RemoteFolder folder = await RemoteFolder.ForCallerAsync();
        byte[] content = RandomBytes(200_001);
        File.WriteAllBytes(Path.Combine(folder.Path, "f.bin"), content);
        using SftpClient client = (await SshServer.GetAsync()).Connect();

        using var result = new MemoryStream();
        using (Stream stream = client.OpenRead(folder.Combine("f.bin")))
        {
            var buffer = new byte[7];
            int read;
            while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
            {
                result.Write(buffer, 0, read);
            }

            Assert.That(stream.Position, Is.EqualTo(content.Length));
        }

        Assert.That(result.ToArray(), Is.EqualTo(content));
    }

    [Test]
    public async Task OpenRead_DisposedHalfWay_LeavesTheClientUsable()
    {
        using RemoteFolder folder = await RemoteFolder.ForCallerAsync();
        byte[] big = RandomBytes(3_000_000);
        byte[] small = RandomBytes(1000);
        File.WriteAllBytes(Path.Combine(folder.Path, "big.bin"), big);
        File.WriteAllBytes(Path.Combine(folder.Path, "small.bin"), small);
        using SftpClient client = (await SshServer.GetAsync()).Connect();

        using (Stream stream = client.OpenRead(folder.Combine("big.bin")))
        {
            var start = new byte[100];
            stream.ReadExactly(start);
            Assert.That(start, Is.EqualTo(big[..100]));
        }

        // Answers to the read requests still in flight must not be taken for these operations' answers.
        Assert.That(client.List(folder.Path).Select(e => e.Name), Is.EquivalentTo(new[] { "big.bin", "small.bin" }));
        Assert.That(Download(client, folder.Combine("small.bin")), Is.EqualTo(small));
    }

    [Test]
    public async Task OpenRead_MissingFile_ThrowsNoSuchFile()
    {
        using RemoteFolder folder = await RemoteFolder.ForCallerAsync();
        using SftpClient client = (await SshServer.GetAsync()).Connect();

        var e = Assert.Throws<SftpException>(() => client.OpenRead(folder.Combine("missing.txt")));

        Assert.That(e.Kind, Is.EqualTo(SftpErrorKind.NoSuchFile));
        Assert.That(e.Operation, Is.EqualTo("open"));
    }

    [Test]
    public async Task OpenRead_Folder_ReadFails()
    {
        using RemoteFolder folder = await RemoteFolder.ForCallerAsync();
        using SftpClient client = (await SshServer.GetAsync()).Connect();

        // OpenSSH opens a folder for reading and fails the first read.
        Assert.That(() => Download(client, folder.Path), Throws.TypeOf<SftpException>().With.Property(nameof(SftpException.Kind)).EqualTo(SftpErrorKind.Failure));
    }

    [Test]
    public async Task Upload_ExistingFile_ReplacesItsContent()
    {
        using RemoteFolder folder = await RemoteFolder.ForCallerAsync();
        string path = folder.Combine("f.txt");
        File.WriteAllBytes(Path.Combine(folder.Path, "f.txt"), RandomBytes(100_000));
        using SftpClient client = (await SshServer.GetAsync()).Connect();

        client.Upload(new MemoryStream("short"u8.ToArray()), path);

        Assert.That(File.ReadAllText(Path.Combine(folder.Path, "f.txt")), Is.EqualTo("short"));
    }

    [Test]
    public async Task Upload_IntoMissingFolder_ThrowsNoSuchFile()
    {
        using RemoteFolder folder = await RemoteFolder.ForCallerAsync();
        using SftpClient client = (await SshServer.GetAsync()).Connect();

        var e = Assert.Throws<SftpException>(() => client.Upload(new MemoryStream([1]), folder.Combine("no/f.txt")));

        Assert.That(e.Kind, Is.EqualTo(SftpErrorKind.NoSuchFile));
        Assert.That(e.Operation, Is.EqualTo("create"));
    }

    internal static byte[] Download(SftpClient client, string path)
    {
        using Stream stream = client.OpenRead(path);
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private static byte[] RandomBytes(int size)
    {
        var bytes = new byte[size];
        new Random(size).NextBytes(bytes);
        return bytes;
    }
}
