using TfLessons.Random;

namespace TfLessons;

public static partial class np
{
    /// <summary><c>np.random</c>: NumPy's legacy functions on one global state (TensorFlow.NET's
    /// <c>NumPyRandom</c>).</summary>
    public static readonly NumPyRandom random = new();

}

/// <summary>
/// <c>np.random</c>: the legacy functions on ONE global <see cref="RandomState"/>, bit-exact with
/// NumPy's, so <c>np.random.seed(1)</c> followed by the same calls gives NumPy's numbers. Like
/// NumPy's global state it is unseeded (OS entropy) until <see cref="seed"/> is called.
/// </summary>
/// <remarks>An instance, as TensorFlow.NET's is (<c>NumPyRandom rng = np.random;</c>); there is one,
/// <c>np.random</c>.</remarks>
public sealed class NumPyRandom
{
    internal NumPyRandom()
    {
    }

    /// <summary>The global state the functions draw from (NumPy's <c>np.random.mtrand._rand</c>).</summary>
    public RandomState State { get; } = new((uint)System.Random.Shared.NextInt64(0, 1L << 32));

    public void seed(long seed) => State.Seed(seed);

    /// <summary>Uniform [0, 1) in the given shape; no shape gives a 0-d array (NumPy returns a float).</summary>
    public NDArray rand(params int[] shape) => Make(State.Rand(shape), shape);

    public NDArray randn(params int[] shape) => Make(State.Randn(shape), shape);

    public NDArray random_sample(params int[] shape) => Make(State.Rand(shape), shape);

    public NDArray uniform(double low = 0, double high = 1, int[]? size = null) =>
        Make(State.Uniform(low, high, size ?? []), size ?? []);

    public NDArray normal(double loc = 0, double scale = 1, int[]? size = null) =>
        Make(State.Normal(loc, scale, size ?? []), size ?? []);

    /// <summary>Integers in [low, high) (or [0, low) without <paramref name="high"/>), int64 unless <paramref
    /// name="dtype"/> says otherwise.</summary>
    public NDArray randint(long low, long? high = null, int[]? size = null, DType? dtype = null)
    {
        long lo = high is null ? 0 : low, hi = high ?? low;
        if (lo >= hi) throw new ArgumentException($"np.random.randint: low >= high ({lo} >= {hi})");
        int[] shape = size ?? [];
        var result = new NDArray(DType.Int64, shape, State.RandInt(lo, hi, shape));
        return dtype is { } d && d != DType.Int64 ? np.astype(result, d) : result;
    }

    /// <summary>A shuffled <c>np.arange(n)</c> (int64), or a shuffled copy of an array along its first axis.</summary>
    public NDArray permutation(int n)
    {
        int[] p = State.Permutation(n);
        return new NDArray(DType.Int64, [n], p.Select(x => (long)x).ToArray());
    }

    public NDArray permutation(NDArray x)
    {
        if (x.Rank == 0) return permutation((int)x);
        NDArray c = x.Copy();
        shuffle(c);
        return c;
    }

    /// <summary>Shuffles an array in place along its first axis, drawing exactly what NumPy's legacy shuffle
    /// draws.</summary>
    public void shuffle(NDArray x)
    {
        if (x.Rank == 0) throw new ArgumentException("np.random.shuffle: a 0-d array cannot be shuffled");
        int n = x.ShapeSpan[0];
        var order = Enumerable.Range(0, n).ToArray();
        // The swap sequence does not depend on the contents, so shuffling the row numbers and
        // gathering reproduces NumPy's in-place swaps.
        State.Shuffle<int>(order);
        NDArray rows = x[order];
        x[Slice.All] = rows;
    }

    /// <summary>Legacy <c>choice</c>: with replacement uses randint (or the inverse CDF of <paramref name="p"/>),
    /// without uses a permutation.</summary>
    public NDArray choice(NDArray a, int[]? size = null, bool replace = true, double[]? p = null)
    {
        bool fromRange = a.Rank == 0;
        int pop = fromRange ? (int)a : a.ShapeSpan[0];
        if (pop <= 0 && (size is null || NDArray.ShapeSize(size) > 0))
            throw new ArgumentException(
                "np.random.choice: a must be non-empty (a positive integer or a non-empty array)"
            );
        int[] shape = size ?? [];
        int count = NDArray.ShapeSize(shape);
        long[] idx;
        if (p is not null)
        {
            if (p.Length != pop)
                throw new ArgumentException($"np.random.choice: a and p must have same size ({pop} vs {p.Length})");
            if (p.Any(v => v < 0 || double.IsNaN(v)))
                throw new ArgumentException("np.random.choice: probabilities are not non-negative");
            // NumPy's tolerance: sqrt of float64's machine epsilon.
            if (Math.Abs(p.Sum() - 1) > 1.4901161193847656e-08)
                throw new ArgumentException("np.random.choice: probabilities do not sum to 1");
            if (!replace)
                throw new NotSupportedException("np.random.choice: replace=false with p is not supported");
            var cdf = new double[pop];
            double run = 0;
            for (int i = 0; i < pop; i++) cdf[i] = run += p[i];
            for (int i = 0; i < pop; i++) cdf[i] /= run;
            double[] u = State.Rand(shape);
            idx = u.Select(v => (long)SearchRight(cdf, v)).ToArray();
        }
        else if (replace) idx = State.RandInt(0, pop, shape);
        else
        {
            if (count > pop)
                throw new ArgumentException(
                    "np.random.choice: Cannot take a larger sample than population when 'replace=False'"
                );
            idx = State.Permutation(pop).Take(count).Select(x => (long)x).ToArray();
        }
        var indices = new NDArray(DType.Int64, shape, idx);
        return fromRange ? indices : a[indices];
    }

    private static int SearchRight(double[] sorted, double v)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) / 2;
            if (sorted[mid] <= v) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    private static NDArray Make(double[] values, int[] shape) => new(DType.Float64, (int[])shape.Clone(), values);
}
