using System.Globalization;
using System.Security.Cryptography;

namespace Registry.Ingest.Acks;

/// <summary>
/// New, unique MSH-10 values for the ACKs of one file: a random 48-bit file prefix and the message
/// number, at most 20 characters so that they fit 2.3.1's MSH-10 too.
/// </summary>
internal sealed class AckControlIds
{
    private readonly string prefix;

    public AckControlIds()
    {
        Span<byte> random = stackalloc byte[6];
        RandomNumberGenerator.Fill(random);
        prefix = "R" + Convert.ToHexString(random);
    }

    public string For(int messageNumber) => string.Create(CultureInfo.InvariantCulture, $"{prefix}.{messageNumber}");

    /// <summary>The control id of the ACK file itself (FHS/BHS).</summary>
    public string ForFile => prefix;
}
