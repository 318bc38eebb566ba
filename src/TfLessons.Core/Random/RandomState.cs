namespace TfLessons.Random;

/// <summary>
/// Bit-for-bit port of NumPy's legacy <c>np.random.RandomState</c> (MT19937 plus the frozen
/// legacy distributions). Programs that seed the global NumPy state before every initialisation,
/// mini-batch shuffle and dropout mask are reproduced only by the exact
/// stream, including the cached second Gaussian of the polar method.
/// </summary>
/// <remarks>Not thread-safe: NumPy serialises access with a lock, we leave that to the caller.</remarks>
public sealed partial class RandomState
{
    private const int N = 624;
    private const int M = 397;
    private const uint MatrixA = 0x9908b0dfU;
    private const uint UpperMask = 0x80000000U;
    private const uint LowerMask = 0x7fffffffU;

    private readonly uint[] _key = new uint[N];
    private int _pos;
    private bool _hasGauss;
    private double _gauss;

    /// <summary>Creates a generator in the state of <c>np.random.seed(seed)</c>.</summary>
    /// <param name="seed">Any 32-bit value; NumPy accepts exactly the range of <see cref="uint"/>.</param>
    public RandomState(uint seed) => SeedCore(seed);

    /// <summary>
    /// Re-seeds like <c>np.random.seed(seed)</c>: Knuth's initialisation of the key and a cleared
    /// Gaussian cache. Re-seeding before each dropout mask relies on the cache being cleared.
    /// </summary>
    /// <param name="seed">Seed in [0, 2^32 - 1]; <see cref="long"/> so out-of-range values can be reported.</param>
    /// <exception cref="ArgumentOutOfRangeException">The seed is outside [0, 2^32 - 1].</exception>
    public void Seed(long seed)
    {
        if (seed < 0 || seed > uint.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(seed), seed,
                "Seed must be between 0 and 2**32 - 1 (as in numpy.random.seed).");
        }
        SeedCore((uint)seed);
    }

    private void SeedCore(uint seed)
    {
        _key[0] = seed;
        for (int i = 1; i < N; i++)
        {
            uint prev = _key[i - 1];
            _key[i] = unchecked(1812433253U * (prev ^ (prev >> 30)) + (uint)i);
        }
        // pos = N makes the first draw regenerate the whole block, exactly like mt19937_seed.
        _pos = N;
        _hasGauss = false;
        _gauss = 0.0;
    }

    /// <summary>Next raw 32-bit MT19937 output (NumPy's <c>mt19937_next32</c>).</summary>
    public uint NextUInt32()
    {
        if (_pos == N)
        {
            Generate();
        }
        uint y = _key[_pos++];
        y ^= y >> 11;
        y ^= (y << 7) & 0x9d2c5680U;
        y ^= (y << 15) & 0xefc60000U;
        y ^= y >> 18;
        return y;
    }

    /// <summary>
    /// Next 64-bit value as NumPy's <c>mt19937_next64</c> builds it: the first 32-bit draw is the
    /// high word (verified against numpy 1.24 randint with ranges above 2^32).
    /// </summary>
    public ulong NextUInt64()
    {
        ulong hi = NextUInt32();
        return (hi << 32) | NextUInt32();
    }

    private void Generate()
    {
        uint[] k = _key;
        int i = 0;
        for (; i < N - M; i++)
        {
            uint y = (k[i] & UpperMask) | (k[i + 1] & LowerMask);
            k[i] = k[i + M] ^ (y >> 1) ^ ((0U - (y & 1U)) & MatrixA);
        }
        for (; i < N - 1; i++)
        {
            uint y = (k[i] & UpperMask) | (k[i + 1] & LowerMask);
            k[i] = k[i + (M - N)] ^ (y >> 1) ^ ((0U - (y & 1U)) & MatrixA);
        }
        uint last = (k[N - 1] & UpperMask) | (k[0] & LowerMask);
        k[N - 1] = k[M - 1] ^ (last >> 1) ^ ((0U - (last & 1U)) & MatrixA);
        _pos = 0;
    }

    /// <summary>One uniform double in [0, 1) built from 27 + 26 bits of two draws (<c>random_sample()</c>).</summary>
    public double RandomSample()
    {
        uint a = NextUInt32() >> 5;
        uint b = NextUInt32() >> 6;
        return (a * 67108864.0 + b) / 9007199254740992.0;
    }

    /// <summary>Equivalent of <c>random_sample(count)</c>.</summary>
    /// <param name="count">Number of values (non-negative).</param>
    public double[] RandomSample(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var result = new double[count];
        FillRandomSample(result);
        return result;
    }

    /// <summary>Fills <paramref name="destination"/> in order with <see cref="RandomSample()"/> values (no
    /// allocation).</summary>
    public void FillRandomSample(Span<double> destination)
    {
        for (int i = 0; i < destination.Length; i++)
        {
            destination[i] = RandomSample();
        }
    }

    /// <summary>
    /// Equivalent of <c>np.random.rand(*shape)</c>; values are in row-major (C) order.
    /// An empty shape yields a single value, as <c>rand()</c> returns a scalar.
    /// </summary>
    public double[] Rand(params int[] shape) => RandomSample(ShapeSize(shape));

    /// <summary>
    /// One standard normal value by the legacy Marsaglia polar method: each accepted pair returns
    /// f*x2 and caches f*x1 for the next call; only <see cref="Seed"/> clears the cache.
    /// </summary>
    public double StandardNormal()
    {
        if (_hasGauss)
        {
            _hasGauss = false;
            double cached = _gauss;
            _gauss = 0.0;
            return cached;
        }

        double x1, x2, r2;
        do
        {
            x1 = 2.0 * RandomSample() - 1.0;
            x2 = 2.0 * RandomSample() - 1.0;
            r2 = x1 * x1 + x2 * x2;
        }
        while (r2 >= 1.0 || r2 == 0.0);

        // Same operation order as legacy_gauss: (-2 * log(r2)) / r2, then sqrt.
        double f = Math.Sqrt(-2.0 * Math.Log(r2) / r2);
        _gauss = f * x1;
        _hasGauss = true;
        return f * x2;
    }

    /// <summary>Fills <paramref name="destination"/> in order with <see cref="StandardNormal"/> values (no
    /// allocation).</summary>
    public void FillStandardNormal(Span<double> destination)
    {
        for (int i = 0; i < destination.Length; i++)
        {
            destination[i] = StandardNormal();
        }
    }

    /// <summary>Equivalent of <c>np.random.randn(*shape)</c>, row-major; an empty shape yields one value.</summary>
    public double[] Randn(params int[] shape)
    {
        var result = new double[ShapeSize(shape)];
        FillStandardNormal(result);
        return result;
    }

    /// <summary>Equivalent of <c>normal(loc, scale, size=shape)</c>: each value is <c>loc + scale *
    /// gauss</c>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="scale"/> is negative or NaN.</exception>
    public double[] Normal(double loc, double scale, params int[] shape)
    {
        if (!(scale >= 0.0))
        {
            throw new ArgumentOutOfRangeException(
                nameof(scale),
                scale,
                "scale < 0 (numpy requires a non-negative scale)."
            );
        }
        var result = new double[ShapeSize(shape)];
        for (int i = 0; i < result.Length; i++)
        {
            result[i] = loc + scale * StandardNormal();
        }
        return result;
    }

    /// <summary>Equivalent of <c>uniform(low, high, size=shape)</c>: <c>low + (high - low) *
    /// random_sample()</c>.</summary>
    /// <exception cref="ArgumentException"><c>high - low</c> is not finite.</exception>
    public double[] Uniform(double low, double high, params int[] shape)
    {
        double range = high - low;
        if (!double.IsFinite(range))
        {
            throw new ArgumentException($"Range exceeds valid bounds: high - low = {range}.", nameof(high));
        }
        var result = new double[ShapeSize(shape)];
        for (int i = 0; i < result.Length; i++)
        {
            result[i] = low + range * RandomSample();
        }
        return result;
    }

    /// <summary>Number of elements of a NumPy shape; empty means a scalar (one element).</summary>
    private static int ShapeSize(int[] shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        long size = 1;
        foreach (int d in shape)
        {
            if (d < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(shape), d, "negative dimensions are not allowed");
            }
            size *= d;
            if (size > Array.MaxLength)
            {
                throw new ArgumentOutOfRangeException(
                    nameof(shape),
                    $"shape ({string.Join(", ", shape)}) is too large for one array."
                );
            }
        }
        return (int)size;
    }
}
