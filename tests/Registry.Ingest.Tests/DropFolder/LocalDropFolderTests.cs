using Registry.Ingest.DropFolder;
using Registry.Ingest.DropFolder.Local;

namespace Registry.Ingest.Tests.DropFolder;

internal sealed class LocalDropFolderTests : DropFolderContract
{
    protected override IDropFolder Open(string path) => new LocalDropFolder(path);
}
