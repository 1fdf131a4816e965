namespace Registry.Ingest.Storage;

/// <summary>
/// A decimal in PostgreSQL's numeric wire form: base-10000 digits, most significant first, the
/// weight (power of 10000) of the first digit, the sign, and the display scale.
/// </summary>
internal readonly record struct PostgresNumeric(int Count, short Weight, bool Negative, short Scale)
{
    /// <summary>29 integer and 28 fraction decimal digits at most: 8 + 7 groups of four.</summary>
    public const int MaxDigits = 16;

    /// <param name="digits">Receives <see cref="Count"/> digits; at least <see cref="MaxDigits"/> long.</param>
    public static PostgresNumeric From(decimal value, Span<short> digits)
    {
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        int scale = (bits[3] >> 16) & 0xFF;
        bool negative = bits[3] < 0;
        var unscaled = ((UInt128)(uint)bits[2] << 64) | ((UInt128)(uint)bits[1] << 32) | (uint)bits[0];
        if (unscaled == 0)
        {
            return new PostgresNumeric(0, 0, false, (short)scale);
        }

        // Align the decimal point on a group boundary: scale + pad is a multiple of four.
        int pad = (4 - (scale % 4)) % 4;
        for (int i = 0; i < pad; i++)
        {
            unscaled *= 10;
        }

        int fractionGroups = (scale + pad) / 4;
        Span<short> reversed = stackalloc short[MaxDigits];
        int count = 0;
        while (unscaled != 0)
        {
            reversed[count++] = (short)(ushort)(unscaled % 10000);
            unscaled /= 10000;
        }

        int trailingZeros = 0;
        while (reversed[trailingZeros] == 0)
        {
            trailingZeros++;
        }

        int stored = count - trailingZeros;
        for (int i = 0; i < stored; i++)
        {
            digits[i] = reversed[count - 1 - i];
        }

        return new PostgresNumeric(stored, (short)(count - 1 - fractionGroups), negative, (short)scale);
    }
}
