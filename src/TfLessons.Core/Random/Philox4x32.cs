// Philox4x32-10 exactly as TensorFlow's CPU kernels use it.
//
// Source: tensorflow/tensorflow, tensorflow/core/lib/random/philox_random.h (class PhiloxRandom):
//   * constants kPhiloxW32A/B = 0x9E3779B9 / 0xBB67AE85 (key bump), kPhiloxM4x32A/B = 0xD2511F53 / 0xCD9E8D57;
//   * one round: (lo0,hi0) = M_A * ctr[0]; (lo1,hi1) = M_B * ctr[2];
//                ctr' = { hi1 ^ ctr[1] ^ key[0], lo1, hi0 ^ ctr[3] ^ key[1], lo0 };
//     10 rounds, the key is raised between rounds (9 raises);
//   * operator() returns the block for the current counter, then increments the 128-bit counter by one;
//   * PhiloxRandom(uint64 seed_lo, uint64 seed_hi): key = seed_lo (low word first), counter[2..3] = seed_hi,
//     counter[0..1] = 0;
//   * Skip(count) adds a 64-bit count to counter[0..1] and carries into counter[2..3].
// This is the same function as the Random123 reference Philox4x32-10 (Salmon et al., SC'11), so Random123's
// known-answer vectors apply (TensorFlow checks them itself in tensorflow/compiler/tests/stateful_random_ops_test.py,
// testPhilox4x32).
namespace TfLessons.Random;

/// <summary>Four 32-bit words: one Philox output block (or a counter).</summary>
public readonly record struct UInt32x4(uint X0, uint X1, uint X2, uint X3)
{
    public uint this[int index] => index switch
    {
        0 => X0,
        1 => X1,
        2 => X2,
        3 => X3,
        _ => throw new ArgumentOutOfRangeException(nameof(index), index, "A Philox block has 4 words (0..3)."),
    };

    public override string ToString() => $"[0x{X0:x8}, 0x{X1:x8}, 0x{X2:x8}, 0x{X3:x8}]";
}

/// <summary>
/// TensorFlow's <c>random::PhiloxRandom</c>: a Philox4x32-10 counter-based generator with value semantics
/// (copying the struct copies the stream position, as in C++).
/// </summary>
public struct Philox4x32
{
    /// <summary>Number of uint32 produced per call (TF's <c>kResultElementCount</c>).</summary>
    public const int ResultElementCount = 4;

    private const uint W32A = 0x9E3779B9;
    private const uint W32B = 0xBB67AE85;
    private const uint M4x32A = 0xD2511F53;
    private const uint M4x32B = 0xCD9E8D57;

    private uint _c0, _c1, _c2, _c3;
    private uint _k0, _k1;

    /// <summary>TF's <c>PhiloxRandom(uint64 seed)</c>: key = seed, counter = 0.</summary>
    public Philox4x32(ulong seed)
    {
        _k0 = (uint)seed;
        _k1 = (uint)(seed >> 32);
    }

    /// <summary>
    /// TF's <c>PhiloxRandom(uint64 seed_lo, uint64 seed_hi)</c>: key = seed_lo, counter[2..3] = seed_hi.
    /// This is how a stateful random op's (seed, seed2) attributes seed the stream (GuardedPhiloxRandom::Init).
    /// </summary>
    public Philox4x32(ulong seedLo, ulong seedHi)
    {
        _k0 = (uint)seedLo;
        _k1 = (uint)(seedLo >> 32);
        _c2 = (uint)seedHi;
        _c3 = (uint)(seedHi >> 32);
    }

    /// <summary>TF's <c>PhiloxRandom(ResultType counter, Key key)</c>.</summary>
    public Philox4x32(UInt32x4 counter, uint key0, uint key1)
    {
        _c0 = counter.X0;
        _c1 = counter.X1;
        _c2 = counter.X2;
        _c3 = counter.X3;
        _k0 = key0;
        _k1 = key1;
    }

    public readonly UInt32x4 Counter => new(_c0, _c1, _c2, _c3);

    public readonly (uint Key0, uint Key1) Key => (_k0, _k1);

    /// <summary>Skips <paramref name="count"/> 128-bit blocks (TF's <c>PhiloxRandom::Skip</c>, with its carry
    /// rule).</summary>
    public void Skip(ulong count)
    {
        uint countLo = (uint)count;
        uint countHi = (uint)(count >> 32);

        _c0 += countLo;
        if (_c0 < countLo)
        {
            ++countHi;
        }

        _c1 += countHi;
        if (_c1 < countHi)
        {
            if (++_c2 == 0)
            {
                ++_c3;
            }
        }
    }

    /// <summary>Returns the block for the current counter and advances by one block (TF's <c>operator()</c>).</summary>
    public UInt32x4 Next()
    {
        UInt32x4 result = Compute(new UInt32x4(_c0, _c1, _c2, _c3), _k0, _k1);
        if (++_c0 == 0)
        {
            if (++_c1 == 0)
            {
                if (++_c2 == 0)
                {
                    ++_c3;
                }
            }
        }

        return result;
    }

    /// <summary>The pure Philox4x32-10 bijection of one counter under one key.</summary>
    public static UInt32x4 Compute(UInt32x4 counter, uint key0, uint key1)
    {
        uint c0 = counter.X0, c1 = counter.X1, c2 = counter.X2, c3 = counter.X3;
        uint k0 = key0, k1 = key1;
        for (int round = 0; round < 10; round++)
        {
            if (round > 0)
            {
                k0 += W32A;
                k1 += W32B;
            }

            ulong p0 = (ulong)M4x32A * c0;
            ulong p1 = (ulong)M4x32B * c2;
            uint lo0 = (uint)p0, hi0 = (uint)(p0 >> 32);
            uint lo1 = (uint)p1, hi1 = (uint)(p1 >> 32);
            uint n0 = hi1 ^ c1 ^ k0;
            uint n2 = hi0 ^ c3 ^ k1;
            c0 = n0;
            c1 = lo1;
            c2 = n2;
            c3 = lo0;
        }

        return new UInt32x4(c0, c1, c2, c3);
    }

    public override readonly string ToString() =>
        $"Philox4x32(counter={Counter}, key=[0x{_k0:x8}, 0x{_k1:x8}])";
}

/// <summary>
/// TF's <c>random::SingleSampleAdapter&lt;PhiloxRandom&gt;</c>: hands out the uint32 of successive blocks one at a
/// time (used by TruncatedNormal, whose rejection loop takes a variable number of samples).
/// </summary>
public struct PhiloxSingleSampleAdapter
{
    private Philox4x32 _gen;
    private UInt32x4 _block;
    private int _used;

    public PhiloxSingleSampleAdapter(Philox4x32 generator)
    {
        _gen = generator;
        _block = default;
        _used = Philox4x32.ResultElementCount;
    }

    public uint Next()
    {
        if (_used == Philox4x32.ResultElementCount)
        {
            _block = _gen.Next();
            _used = 0;
        }

        return _block[_used++];
    }
}
