using TfLessons.Runtime.Kernels;

namespace TfLessons.Tests.Kernels;

/// <summary>
/// Sgemm512 against a float64 triple loop: every transpose case, edge tiles, k blocks, the narrow (swapped) path,
/// bitwise determinism across thread counts, argument checks, and no steady-state allocation.
/// Tests are skipped on a CPU (or runtime, DOTNET_EnableAVX512F=0) without AVX-512.
/// </summary>
public class Sgemm512Tests
{
    private static float[] Random(System.Random r, int length)
    {
        var x = new float[length];
        for (int i = 0; i < length; i++) x[i] = (float)(r.NextDouble() * 2 - 1);
        return x;
    }

    /// <summary>Asserts |c - ref| &lt;= 1e-5 * sum_p |a b| for every element (a float32 dot product's error scale).</summary>
    private static void AssertMatchesReference(bool ta, bool tb, int m, int n, int k, float[] a, float[] b, float[] c)
    {
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
            {
                double s = 0, scale = 0;
                for (int p = 0; p < k; p++)
                {
                    double x = ta ? a[p * m + i] : a[i * k + p], y = tb ? b[j * k + p] : b[p * n + j];
                    s += x * y;
                    scale += Math.Abs(x * y);
                }
                double err = Math.Abs(c[i * n + j] - s);
                Assert.True(err <= 1e-5 * scale + 1e-30, $"C[{i},{j}] = {c[i * n + j]}, reference {s} (ta={ta} tb={tb} m={m} n={n} k={k})");
            }
    }

    public static IEnumerable<object[]> Shapes() =>
        from s in new (int M, int N, int K)[]
        {
            (1, 1, 1), (1, 33, 5), (13, 32, 16), (12, 31, 17), (14, 33, 15), (25, 32, 300), (27, 65, 321),
            (40, 10, 700), (130, 7, 64), (3, 100, 33), (64, 64, 64), (100, 129, 47),
        }
        from ta in new[] { false, true }
        from tb in new[] { false, true }
        select new object[] { s.M, s.N, s.K, ta, tb };

    [GemmPathTheory(SgemmPath.Avx512)]
    [MemberData(nameof(Shapes))]
    public void Matches_the_float64_reference(int m, int n, int k, bool ta, bool tb)
    {
        var r = new System.Random(m * 7919 + n * 31 + k);
        float[] a = Random(r, m * k), b = Random(r, k * n), c = new float[m * n];
        Array.Fill(c, float.NaN); // C is overwritten, never read
        Sgemm512.Multiply(ta, tb, m, n, k, a, b, c);
        AssertMatchesReference(ta, tb, m, n, k, a, b, c);
    }

    public static IEnumerable<object[]> LargeShapes() => new[]
    {
        new object[] { 128, 512, 784, false, false }, // MLP forward
        new object[] { 784, 512, 128, true, false },  // dW = X^T dY
        new object[] { 128, 784, 512, false, true },  // dX = dY W^T
        new object[] { 128, 10, 512, false, false },  // logits (narrow, swapped path)
        new object[] { 25, 32, 12288, false, false }, // SIGNS W1 X
        new object[] { 25, 12288, 32, false, true },  // SIGNS dW1 = dZ X^T
        new object[] { 300, 1024, 200, true, true },  // row stride a 4 KB multiple: packed B
    };

    [GemmPathTheory(SgemmPath.Avx512)]
    [MemberData(nameof(LargeShapes))]
    public void Large_products_match_and_do_not_depend_on_the_thread_count(int m, int n, int k, bool ta, bool tb)
    {
        var r = new System.Random(m + n + k);
        float[] a = Random(r, m * k), b = Random(r, k * n), one = new float[m * n], two = new float[m * n];
        int saved = Sgemm512.MaxThreads;
        try
        {
            Sgemm512.MaxThreads = 1;
            Sgemm512.Multiply(ta, tb, m, n, k, a, b, one);
            Sgemm512.MaxThreads = 2;
            for (int rep = 0; rep < 3; rep++)
            {
                Sgemm512.Multiply(ta, tb, m, n, k, a, b, two);
                Assert.True(one.AsSpan().SequenceEqual(two), "2-thread result differs from the 1-thread result");
            }
        }
        finally { Sgemm512.MaxThreads = saved; }
        AssertMatchesReference(ta, tb, m, n, k, a, b, one);
    }

    [GemmPathFact(SgemmPath.Avx512)]
    public void Empty_and_zero_k_products()
    {
        var c = new float[6];
        Array.Fill(c, 1f);
        Sgemm512.Multiply(false, false, 2, 3, 0, [], [], c);
        Assert.All(c, x => Assert.Equal(0f, x));
        Sgemm512.Multiply(false, false, 0, 3, 4, [], new float[12], []);
    }

    [GemmPathFact(SgemmPath.Avx512)]
    public void Short_spans_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => Sgemm512.Multiply(false, false, 4, 4, 4, new float[15], new float[16], new float[16]));
        Assert.Throws<ArgumentException>(() => Sgemm512.Multiply(false, false, 4, 4, 4, new float[16], new float[16], new float[15]));
        Assert.Throws<ArgumentOutOfRangeException>(() => Sgemm512.Multiply(false, false, -1, 4, 4, new float[16], new float[16], new float[16]));
    }

    [GemmPathFact(SgemmPath.Avx512)]
    public void Steady_state_calls_do_not_allocate()
    {
        var r = new System.Random(5);
        foreach (var (m, n, k) in new[] { (128, 512, 784), (20, 20, 20), (128, 10, 512) })
        {
            float[] a = Random(r, m * k), b = Random(r, k * n), c = new float[m * n];
            for (int i = 0; i < 5; i++) Sgemm512.Multiply(false, false, m, n, k, a, b, c);
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 20; i++) Sgemm512.Multiply(false, false, m, n, k, a, b, c);
            Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
        }
    }
}
