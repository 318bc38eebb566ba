using System.Buffers.Binary;

namespace TfLessons.IO.Tests.Fuzz;

/// <summary>
/// Seeded byte-level mutations (System.Random with a seed is the same stream on every .NET version, so
/// every case is reproducible from its seed). <see cref="MutateInPlace"/> keeps the length, for callers
/// that repair checksums over a fixed region; <see cref="Mutate"/> may also truncate, insert and delete.
/// </summary>
internal sealed class Mutator(int seed)
{
    // Values that break size arithmetic: sign bits, near-2^31/2^32 sizes and the "2e9 labels" of the bug reports.
    private static readonly uint[] InterestingU32 =
    [
        0,
        1,
        0x7f,
        0x80,
        0xff,
        0xffff,
        0x10000,
        0x7fffffff,
        0x80000000,
        0xffffffff,
        2_000_000_000,
        120_000_000,
    ];
    private static readonly ulong[] InterestingVarints =
    [
        0x7f,
        0x80,
        1UL << 31,
        1UL << 32,
        1UL << 35,
        1UL << 62,
        ulong.MaxValue,
        120_000_000,
    ];

    private readonly System.Random _rng = new(seed);

    public System.Random Random => _rng;

    /// <summary>Applies 1-3 mutations of any kind, anywhere in <c>[lo, hi)</c>.</summary>
    public byte[] Mutate(byte[] input, int lo = 0, int hi = -1)
    {
        byte[] data = input;
        int rounds = 1 + _rng.Next(3);
        for (int r = 0; r < rounds; r++)
        {
            int end = hi < 0 ? data.Length : Math.Min(hi, data.Length);
            if (end <= lo)
            {
                break;
            }
            int pos = lo + _rng.Next(end - lo);
            switch (_rng.Next(7))
            {
                case 0:
                    data = Truncate(data, pos);
                    break;
                case 1:
                    byte[] inserted = new byte[1 + _rng.Next(16)];
                    _rng.NextBytes(inserted);
                    data = [.. data.AsSpan(0, pos), .. inserted, .. data.AsSpan(pos)];
                    break;
                case 2:
                    int count = Math.Min(1 + _rng.Next(16), data.Length - pos);
                    data = [.. data.AsSpan(0, pos), .. data.AsSpan(pos + count)];
                    break;
                case 3:
                    // Varint inflation: one byte becomes a long varint, as a length or count field would.
                    byte[] varint = Varint(InterestingVarints[_rng.Next(InterestingVarints.Length)]);
                    data = [.. data.AsSpan(0, pos), .. varint, .. data.AsSpan(pos + 1)];
                    break;
                default:
                    data = (byte[])data.Clone();
                    MutateAt(data, pos, end);
                    break;
            }
        }
        return data;
    }

    /// <summary>Applies 1-3 length-preserving mutations inside <c>[lo, hi)</c> of a copy.</summary>
    public byte[] MutateInPlace(byte[] input, int lo, int hi)
    {
        byte[] data = (byte[])input.Clone();
        if (hi <= lo)
        {
            return data;
        }
        int rounds = 1 + _rng.Next(3);
        for (int r = 0; r < rounds; r++)
        {
            MutateAt(data, lo + _rng.Next(hi - lo), hi);
        }
        return data;
    }

    public byte[] Truncate(byte[] data, int length) => data.AsSpan(0, Math.Clamp(length, 0, data.Length)).ToArray();

    public uint InterestingValue() => InterestingU32[_rng.Next(InterestingU32.Length)];

    private void MutateAt(byte[] data, int pos, int end)
    {
        switch (_rng.Next(4))
        {
            case 0:
                data[pos] ^= (byte)(1 << _rng.Next(8)); // bit flip
                break;
            case 1:
                data[pos] = (byte)InterestingU32[_rng.Next(InterestingU32.Length)]; // byte set
                break;
            case 2:
                data[pos] = (byte)_rng.Next(256);
                break;
            default:
                // Length-field inflation: a whole 32-bit word, either byte order.
                if (end - pos >= 4)
                {
                    uint v = InterestingValue();
                    if (_rng.Next(2) == 0) BinaryPrimitives.WriteUInt32LittleEndian(data.AsSpan(pos), v);
                    else BinaryPrimitives.WriteUInt32BigEndian(data.AsSpan(pos), v);
                }
                else
                {
                    data[pos] = 0xff;
                }
                break;
        }
    }

    public static byte[] Varint(ulong value)
    {
        var bytes = new List<byte>();
        while (value >= 0x80)
        {
            bytes.Add((byte)(value | 0x80));
            value >>= 7;
        }
        bytes.Add((byte)value);
        return [.. bytes];
    }
}
