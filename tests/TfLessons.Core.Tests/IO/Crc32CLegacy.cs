using System.Buffers.Binary;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace TfLessons.Tests.IO;

/// <summary>
/// The project's own CRC-32C from before System.IO.Hashing (SSE4.2 / ARMv8 CRC32C instructions, a 256-entry
/// table otherwise), kept unchanged as the reference the library-backed <c>Crc32C</c> must match bit for bit.
/// </summary>
public static class Crc32CLegacy
{
    /// <summary>The constant TensorFlow adds when masking (<c>kMaskDelta</c> in <c>crc32c.h</c>).</summary>
    public const uint MaskDelta = 0xa282ead8u;

    private const uint Polynomial = 0x82F63B78u;

    private static readonly uint[] Table = BuildTable();

    /// <summary>Computes the CRC-32C of <paramref name="data"/>.</summary>
    public static uint Compute(ReadOnlySpan<byte> data) => Extend(0, data);

    /// <summary>
    /// Extends a finished CRC with more data, so that
    /// <c>Extend(Compute(a), b) == Compute(a ++ b)</c> (TensorFlow's <c>crc32c::Extend</c>).
    /// </summary>
    public static uint Extend(uint crc, ReadOnlySpan<byte> data) => ~UpdateRaw(~crc, data, allowHardware: true);

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

    /// <summary>Table-only computation; internal so tests can prove it agrees with the hardware path.</summary>
    internal static uint ComputeWithTable(ReadOnlySpan<byte> data) => ~UpdateRaw(~0u, data, allowHardware: false);

    // Works on the raw (pre-inverted) register; Extend does the standard ~ before and after.
    private static uint UpdateRaw(uint state, ReadOnlySpan<byte> data, bool allowHardware)
    {
        if (allowHardware && Sse42.IsSupported)
        {
            if (Sse42.X64.IsSupported)
            {
                ulong wide = state;
                while (data.Length >= 8)
                {
                    wide = Sse42.X64.Crc32(wide, BinaryPrimitives.ReadUInt64LittleEndian(data));
                    data = data[8..];
                }
                state = (uint)wide;
            }
            while (data.Length >= 4)
            {
                state = Sse42.Crc32(state, BinaryPrimitives.ReadUInt32LittleEndian(data));
                data = data[4..];
            }
            foreach (byte b in data)
            {
                state = Sse42.Crc32(state, b);
            }
            return state;
        }

        if (allowHardware && Crc32.Arm64.IsSupported)
        {
            while (data.Length >= 8)
            {
                state = Crc32.Arm64.ComputeCrc32C(state, BinaryPrimitives.ReadUInt64LittleEndian(data));
                data = data[8..];
            }
            foreach (byte b in data)
            {
                state = Crc32.ComputeCrc32C(state, b);
            }
            return state;
        }

        uint[] table = Table;
        foreach (byte b in data)
        {
            state = table[(state ^ b) & 0xFF] ^ (state >> 8);
        }
        return state;
    }

    private static uint[] BuildTable()
    {
        var table = new uint[256];
        for (uint i = 0; i < 256; i++)
        {
            uint c = i;
            for (int k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? (c >> 1) ^ Polynomial : c >> 1;
            }
            table[i] = c;
        }
        return table;
    }
}
