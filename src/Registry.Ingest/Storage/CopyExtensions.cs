using Npgsql;
using NpgsqlTypes;

namespace Registry.Ingest.Storage;

/// <summary>Null-aware writes for binary COPY rows.</summary>
internal static class CopyExtensions
{
    public static void WriteText(this NpgsqlBinaryImporter importer, string? value)
    {
        if (value is null)
        {
            importer.WriteNull();
        }
        else
        {
            importer.Write(value, NpgsqlDbType.Text);
        }
    }

    public static void WriteInt(this NpgsqlBinaryImporter importer, int? value)
    {
        if (value is null)
        {
            importer.WriteNull();
        }
        else
        {
            importer.Write(value.Value, NpgsqlDbType.Integer);
        }
    }

    public static void WriteLong(this NpgsqlBinaryImporter importer, long? value)
    {
        if (value is null)
        {
            importer.WriteNull();
        }
        else
        {
            importer.Write(value.Value, NpgsqlDbType.Bigint);
        }
    }

    public static void WriteDate(this NpgsqlBinaryImporter importer, DateOnly? value)
    {
        if (value is null)
        {
            importer.WriteNull();
        }
        else
        {
            importer.Write(value.Value, NpgsqlDbType.Date);
        }
    }

    /// <summary>timestamp without time zone: a time as the sender wrote it.</summary>
    public static void WriteLocalTime(this NpgsqlBinaryImporter importer, DateTime? value)
    {
        if (value is null)
        {
            importer.WriteNull();
        }
        else
        {
            importer.Write(DateTime.SpecifyKind(value.Value, DateTimeKind.Unspecified), NpgsqlDbType.Timestamp);
        }
    }

    /// <summary>timestamptz: an instant.</summary>
    public static void WriteInstant(this NpgsqlBinaryImporter importer, DateTimeOffset? value)
    {
        if (value is null)
        {
            importer.WriteNull();
        }
        else
        {
            importer.Write(value.Value.UtcDateTime, NpgsqlDbType.TimestampTz);
        }
    }

    public static void WriteDecimal(this NpgsqlBinaryImporter importer, decimal? value)
    {
        if (value is null)
        {
            importer.WriteNull();
        }
        else
        {
            importer.Write(value.Value, NpgsqlDbType.Numeric);
        }
    }

    public static void WriteBool(this NpgsqlBinaryImporter importer, bool value) => importer.Write(value, NpgsqlDbType.Boolean);

    public static void WriteTextArray(this NpgsqlBinaryImporter importer, IReadOnlyList<string>? values)
    {
        if (values is null)
        {
            importer.WriteNull();
        }
        else
        {
            importer.Write(values.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text);
        }
    }
}
