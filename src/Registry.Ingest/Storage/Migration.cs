using System.Security.Cryptography;
using System.Text;

namespace Registry.Ingest.Storage;

/// <summary>One numbered SQL file shipped inside the program (<c>Storage/Migrations/0001_name.sql</c>).</summary>
internal sealed record Migration(int Version, string Name, string Sql)
{
    public string Checksum { get; } = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Sql.ReplaceLineEndings("\n"))));

    public static IReadOnlyList<Migration> Shipped()
    {
        const string prefix = "Registry.Ingest.Migrations.";
        var assembly = typeof(Migration).Assembly;
        var list = new List<Migration>();
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(prefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            var name = resource[prefix.Length..^".sql".Length];
            int underscore = name.IndexOf('_', StringComparison.Ordinal);
            if (underscore <= 0 || !int.TryParse(name[..underscore], System.Globalization.CultureInfo.InvariantCulture, out int version))
            {
                throw new InvalidOperationException($"Migration '{name}.sql' must be named NNNN_description.sql.");
            }

            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream, Encoding.UTF8);
            list.Add(new Migration(version, name, reader.ReadToEnd()));
        }

        return list;
    }
}
