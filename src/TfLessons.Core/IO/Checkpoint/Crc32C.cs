using System.IO.Hashing;

namespace TfLessons.IO.Checkpoint;

/// <summary>
/// CRC-32C (Castagnoli, reflected polynomial 0x82F63B78) as used by TensorFlow's tensor bundles,
/// SSTable block trailers and TFRecord framing, plus TensorFlow's CRC masking.
/// </summary>
/// <remarks>
/// The checksum itself is System.IO.Hashing's <see cref="Crc32"/> with <see cref="Crc32ParameterSet.Crc32C"/>
/// (vectorized carry-less-multiply folding). System.IO.Hashing 11.0.0 has no <c>Crc32C</c> type and no way to
/// resume from a finished CRC, so <see cref="Extend"/> combines CRCs instead: CRC registers are linear over
/// GF(2), hence <c>Extend(c, b) = Compute(b) ^ (c * x^(8 |b|) mod P)</c>, the shift computed by repeated squaring
/// (as zlib's crc32_combine does).
/// </remarks>
public static class Crc32C
{
    /// <summary>The constant TensorFlow adds when masking (<c>kMaskDelta</c> in <c>crc32c.h</c>).</summary>
    public const uint MaskDelta = 0xa282ead8u;

    private const uint Polynomial = 0x82F63B78u;

    // x^(2^k) mod P for k = 0..63, in the reflected bit order (x^0 is the top bit).
    private static readonly uint[] PowersOfX = BuildPowersOfX();

    // x^(8n) mod P for n = 0..255: the shift past n bytes.
    private static readonly uint[] ShortShifts = [.. Enumerable.Range(0, 256).Select(n => XPowerModP((ulong)n * 8))];

    /// <summary>Computes the CRC-32C of <paramref name="data"/>.</summary>
    public static uint Compute(ReadOnlySpan<byte> data) => Crc32.HashToUInt32(Crc32ParameterSet.Crc32C, data);

    /// <summary>
    /// Extends a finished CRC with more data, so that
    /// <c>Extend(Compute(a), b) == Compute(a ++ b)</c> (TensorFlow's <c>crc32c::Extend</c>).
    /// </summary>
    public static uint Extend(uint crc, ReadOnlySpan<byte> data)
    {
        if (data.IsEmpty)
        {
            return crc;
        }

        // TensorFlow extends by a varint, a string or a 1-byte block type at a time: cache their shifts.
        uint shift = data.Length < ShortShifts.Length ? ShortShifts[data.Length] : XPowerModP((ulong)data.Length * 8);
        return Compute(data) ^ MultiplyModP(shift, crc);
    }

    /// <summary>
    /// Masks a CRC before storing it: rotate right by 15 bits and add <see cref="MaskDelta"/>.
    /// TensorFlow stores every CRC masked because checksumming data that itself contains
    /// unmasked CRCs is problematic.
    /// </summary>
    public static uint Mask(uint crc) => ((crc >> 15) | (crc << 17)) + MaskDelta;

    /// <summary>Inverts <see cref="Mask"/>.</summary>
    public static uint Unmask(uint maskedCrc)
    {
        uint rot = maskedCrc - MaskDelta;
        return (rot >> 17) | (rot << 15);
    }

    /// <summary>Shorthand for <c>Mask(Compute(data))</c>, the form every TF file stores.</summary>
    public static uint ComputeMasked(ReadOnlySpan<byte> data) => Mask(Compute(data));

    /// <summary>a * b mod P for polynomials in reflected order; branch-free, as the bits of a and b are data.</summary>
    private static uint MultiplyModP(uint a, uint b)
    {
        uint product = 0;
        for (int i = 0; i < 32; i++)
        {
            product ^= b & (0u - (a >> 31));
            a <<= 1;
            b = (b >> 1) ^ (Polynomial & (0u - (b & 1))); // b *= x
        }

        return product;
    }

    /// <summary>x^n mod P: the product of x^(2^k) over the set bits k of n.</summary>
    private static uint XPowerModP(ulong n)
    {
        uint result = 1u << 31; // x^0
        for (int k = 0; n != 0; k++, n >>= 1)
        {
            if ((n & 1) != 0)
            {
                result = MultiplyModP(PowersOfX[k], result);
            }
        }

        return result;
    }

    private static uint[] BuildPowersOfX()
    {
        var powers = new uint[64];
        powers[0] = 1u << 30; // x^1
        for (int k = 1; k < powers.Length; k++)
        {
            powers[k] = MultiplyModP(powers[k - 1], powers[k - 1]);
        }

        return powers;
    }
}
