using System.Text.Json;
using TfLessons.Random;
using TfLessons.Tests.Support;
using static TfLessons.Tests.Support.NumpyReference;

namespace TfLessons.Tests.Random;

/// <summary>Bit-exact comparison with numpy 1.24's legacy RandomState streams.</summary>
public class RandomStateTests
{
    public static TheoryData<long> SeedData => Seeds();

    private static RandomState Create(long seed)
    {
        var rng = new RandomState(0);
        rng.Seed(seed);
        return rng;
    }

    [Theory]
    [MemberData(nameof(SeedData))]
    public void RawWordsMatch(long seed)
    {
        var rng = Create(seed);
        long[] expected = Longs(ForSeed(seed).GetProperty("raw32"));
        long[] actual = expected.Select(_ => (long)rng.NextUInt32()).ToArray();
        Assert.Equal(expected, actual);
    }

    [Theory]
    [MemberData(nameof(SeedData))]
    public void RandAndRandnMatch(long seed)
    {
        var ref_ = ForSeed(seed);
        AssertBitEqual(Doubles(ref_.GetProperty("rand")), Create(seed).Rand(2, 3), "rand(2,3)");
        AssertBitEqual(Doubles(ref_.GetProperty("randn")), Create(seed).Randn(7), "randn(7)");
    }

    [Theory]
    [MemberData(nameof(SeedData))]
    public void InterleavedRandAndRandnKeepTheGaussCache(long seed)
    {
        var rng = Create(seed);
        int step = 0;
        foreach (JsonElement entry in ForSeed(seed).GetProperty("interleaved").EnumerateArray())
        {
            string kind = entry[0].GetString()!;
            double[] expected = Doubles(entry[1]);
            double[] actual = kind == "randn" ? rng.Randn(expected.Length) : rng.Rand(expected.Length);
            AssertBitEqual(expected, actual, $"step {step++} {kind}");
        }
    }

    [Theory]
    [MemberData(nameof(SeedData))]
    public void NormalAndUniformMatch(long seed)
    {
        var ref_ = ForSeed(seed);
        AssertBitEqual(Doubles(ref_.GetProperty("normal")), Create(seed).Normal(1.5, 0.3, 5), "normal");
        AssertBitEqual(Doubles(ref_.GetProperty("uniform")), Create(seed).Uniform(-2.0, 3.0, 5), "uniform");
    }

    [Theory]
    [MemberData(nameof(SeedData))]
    public void RandIntMatchesIncludingWordsConsumed(long seed)
    {
        foreach (JsonElement c in ForSeed(seed).GetProperty("randint").EnumerateArray())
        {
            long low = c.GetProperty("low").GetInt64();
            long high = c.GetProperty("high").GetInt64();
            long[] expected = Longs(c.GetProperty("values"));
            var rng = Create(seed);
            Assert.True(expected.SequenceEqual(rng.RandInt(low, high, expected.Length)), $"randint({low}, {high})");
            AssertBitEqual(Doubles(c.GetProperty("after")), rng.Rand(2), $"rand(2) after randint({low}, {high})");
        }
    }

    [Theory]
    [MemberData(nameof(SeedData))]
    public void PermutationAndShuffleMatch(long seed)
    {
        var ref_ = ForSeed(seed);
        long[] perm = Longs(ref_.GetProperty("permutation300"));
        Assert.Equal(perm, Create(seed).Permutation(300).Select(v => (long)v).ToArray());

        var rng = Create(seed);
        rng.Rand(1);
        var items = Enumerable.Range(0, 17).Select(i => (long)i).ToArray();
        rng.Shuffle<long>(items);
        Assert.Equal(Longs(ref_.GetProperty("shuffle17_after_rand1")), items);
    }

    [Theory]
    [MemberData(nameof(SeedData))]
    public void SeedClearsTheCachedGaussian(long seed)
    {
        var rng = Create(seed);
        rng.Randn(1); // leaves the second value of the pair in the cache
        rng.Seed(seed);
        AssertBitEqual(Doubles(ForSeed(seed).GetProperty("reseed_randn3")), rng.Randn(3), "randn(3) after re-seed");
    }

    [Fact]
    public void ConstructorEqualsSeed()
    {
        var a = new RandomState(uint.MaxValue);
        var b = Create(uint.MaxValue);
        Assert.Equal(b.Randn(5), a.Randn(5));
    }

    [Theory]
    [InlineData(-1L)]
    [InlineData(4294967296L)]
    public void SeedOutOfRangeIsRejected(long seed)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new RandomState(1).Seed(seed));
        Assert.Contains("2**32 - 1", ex.Message);
    }

    [Fact]
    public void InvalidArgumentsAreRejected()
    {
        var rng = new RandomState(1);
        Assert.Throws<ArgumentOutOfRangeException>(() => rng.RandInt(5, 5));
        Assert.Throws<ArgumentOutOfRangeException>(() => rng.Normal(0, -1, 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => rng.Rand(2, -1));
        Assert.Throws<ArgumentException>(() => rng.Uniform(double.MinValue, double.MaxValue, 1));
    }

    [Fact]
    public void EmptyShapeMeansOneValue()
    {
        Assert.Single(new RandomState(0).Rand());
        Assert.Equal(new RandomState(0).Randn(1), new RandomState(0).Randn());
    }

    [Fact]
    public void IntervalStaysInRange()
    {
        var rng = new RandomState(7);
        foreach (
            ulong max in new ulong[]
            {
                0,
                1,
                2,
                5,
                255,
                256,
                uint.MaxValue,
                (ulong)uint.MaxValue + 1,
                ulong.MaxValue >> 3,
            }
        )
        {
            for (int i = 0; i < 50; i++)
            {
                Assert.InRange(rng.Interval(max), 0UL, max);
            }
        }
    }
}
