using TfLessons.Random;
using Xunit;

namespace TfLessons.Tests.Random;

public class PhiloxTests
{
    // Random123 known-answer vectors for Philox4x32-10 (D. E. Shaw Research, Random123 tests/kat_vectors), as
    // TensorFlow itself checks them in tensorflow/compiler/tests/stateful_random_ops_test.py, testPhilox4x32.
    [Theory]
    [InlineData(0x00000000u, 0x00000000u, 0x00000000u, 0x00000000u, 0x00000000u, 0x00000000u,
        0x6627e8d5u, 0xe169c58du, 0xbc57ac4cu, 0x9b00dbd8u)]
    [InlineData(0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu,
        0x408f276du, 0x41c83b0eu, 0xa20bc7c6u, 0x6d5451fdu)]
    [InlineData(0x243f6a88u, 0x85a308d3u, 0x13198a2eu, 0x03707344u, 0xa4093822u, 0x299f31d0u,
        0xd16cfe09u, 0x94fdccebu, 0x5001e420u, 0x24126ea1u)]
    public void KnownAnswerVectors(uint c0, uint c1, uint c2, uint c3, uint k0, uint k1,
        uint e0, uint e1, uint e2, uint e3)
    {
        var expected = new UInt32x4(e0, e1, e2, e3);
        Assert.Equal(expected, Philox4x32.Compute(new UInt32x4(c0, c1, c2, c3), k0, k1));

        var gen = new Philox4x32(new UInt32x4(c0, c1, c2, c3), k0, k1);
        Assert.Equal(expected, gen.Next());
    }

    [Fact]
    public void SeedLayoutIsKeyLoAndCounterHi()
    {
        var gen = new Philox4x32(0x1122334455667788UL, 0x99aabbccddeeff00UL);
        Assert.Equal((0x55667788u, 0x11223344u), gen.Key);
        Assert.Equal(new UInt32x4(0, 0, 0xddeeff00u, 0x99aabbccu), gen.Counter);
    }

    [Fact]
    public void NextIncrementsCounterWithCarry()
    {
        var gen = new Philox4x32(new UInt32x4(0xffffffffu, 0xffffffffu, 0xffffffffu, 7), 1, 2);
        gen.Next();
        Assert.Equal(new UInt32x4(0, 0, 0, 8), gen.Counter);
    }

    [Fact]
    public void SkipMatchesRepeatedNextAndTfCarryRule()
    {
        var a = new Philox4x32(5, 10);
        var b = a;
        for (int i = 0; i < 1000; i++)
        {
            a.Next();
        }

        b.Skip(1000);
        Assert.Equal(a.Counter, b.Counter);
        Assert.Equal(a.Next(), b.Next());

        // 64-bit skip carries from counter[0] into counter[1], and from counter[1] into counter[2..3].
        var c = new Philox4x32(new UInt32x4(0xfffffff0u, 0xffffffffu, 0xffffffffu, 3), 0, 0);
        c.Skip(0x20);
        Assert.Equal(new UInt32x4(0x10, 0, 0, 4), c.Counter);
        var d = new Philox4x32(new UInt32x4(1, 2, 3, 4), 0, 0);
        d.Skip(0x0000000500000006UL);
        Assert.Equal(new UInt32x4(7, 7, 3, 4), d.Counter);
    }

    [Fact]
    public void SingleSampleAdapterWalksBlocksInOrder()
    {
        var gen = new Philox4x32(1, 2);
        var copy = gen;
        UInt32x4 b0 = copy.Next(), b1 = copy.Next();
        var single = new PhiloxSingleSampleAdapter(gen);
        uint[] expected = [b0.X0, b0.X1, b0.X2, b0.X3, b1.X0, b1.X1];
        foreach (uint e in expected)
        {
            Assert.Equal(e, single.Next());
        }
    }

    [Fact]
    public void UniformConversionsUseMantissaBits()
    {
        Assert.Equal(0.0f, TfDistributions.Uint32ToFloat(0));
        Assert.Equal(0.0f, TfDistributions.Uint32ToFloat(0xff800000u)); // only the low 23 bits count
        Assert.Equal(1.0f - MathF.Pow(2, -23), TfDistributions.Uint32ToFloat(0x007fffffu));
        Assert.Equal(0.5f, TfDistributions.Uint32ToFloat(0x00400000u));
        Assert.Equal(0.0, TfDistributions.Uint64ToDouble(0xfff00000u, 0));
        Assert.Equal(1.0 - Math.Pow(2, -52), TfDistributions.Uint64ToDouble(0x000fffffu, 0xffffffffu));
        Assert.Equal(0.5, TfDistributions.Uint64ToDouble(0x00080000u, 0));
    }

    /// <summary>Port of invert_philox from
    /// tensorflow/python/kernel_tests/random/stateless_random_ops_test.py.</summary>
    private static UInt32x4 InvertPhilox(uint key0, uint key1, UInt32x4 value)
    {
        uint v0x = value.X0, v1x = value.X1, v2x = value.X2, v3x = value.X3;
        for (int n = 9; n >= 0; n--)
        {
            uint k0 = unchecked(key0 + (uint)n * 0x9E3779B9u);
            uint k1 = unchecked(key1 + (uint)n * 0xBB67AE85u);
            uint v0 = unchecked(v3x * 0x991a7cdbu);
            uint v2 = unchecked(v1x * 0x6d7cae67u);
            uint hi0 = (uint)(((ulong)v0 * 0xD2511F53u) >> 32);
            uint hi1 = (uint)(((ulong)v2 * 0xCD9E8D57u) >> 32);
            uint v1 = hi1 ^ v0x ^ k0;
            uint v3 = hi0 ^ v2x ^ k1;
            (v0x, v1x, v2x, v3x) = (v0, v1, v2, v3);
        }

        return new UInt32x4(v0x, v1x, v2x, v3x);
    }

    // TF's _test_match: stateless ops with preseed = invert_philox(key, (s0, 0, s1, 0)) equal the stateful op
    // with (seed, seed2) = (s0, s1) on its first run.
    [Theory]
    [InlineData(7, 17)]
    [InlineData(11, 5)]
    [InlineData(2, 3)]
    public void StatelessMatchesStatefulLikeTfTest(int s0, int s1)
    {
        UInt32x4 pre = InvertPhilox(0x3ec8f720u, 0x02461e29u, new UInt32x4((uint)s0, 0, (uint)s1, 0));
        long preseed0 = unchecked((long)(pre.X0 | ((ulong)pre.X1 << 32)));
        long preseed1 = unchecked((long)(pre.X2 | ((ulong)pre.X3 << 32)));

        Philox4x32 stateless = TfRandom.StatelessGenerator(preseed0, preseed1);
        Philox4x32 stateful = TfRandom.CreateGenerator(s0, s1);
        Assert.Equal(stateful.Counter, stateless.Counter);
        Assert.Equal(stateful.Key, stateless.Key);

        var a = new float[10];
        var b = TfRandom.TruncatedNormal(s0, s1, 10);
        TfRandom.FillTruncatedNormal(stateless, a);
        Assert.Equal(b, a);
    }
}
