using TfLessons.Runtime.Kernels;
using TfLessons.Runtime.Kernels.Reference;

namespace TfLessons.Tests.Kernels;

/// <summary>
/// Every float32 GEMM path (AVX-512, AVX2, Vector128, OpenBLAS, managed) against the reference MatMul kernel, called
/// directly (not through the dispatch), over square, skinny, tall, narrow and edge-tile shapes and the four transpose
/// cases. A path this machine cannot run is reported as skipped.
/// </summary>
public class GemmPathTests
{
    private static readonly (int M, int N, int K)[] ShapeList =
    [
        (1, 1, 1), (1, 33, 5), (6, 16, 8), (5, 15, 7), (7, 17, 9), (13, 32, 16), (12, 31, 17), (25, 32, 300),
        (27, 65, 321), (40, 10, 700), (130, 7, 64), (3, 100, 33), (64, 64, 64), (100, 129, 47), (25, 12, 1030),
        (9, 300, 20), (70, 1024, 3),
    ];

    public static IEnumerable<object[]> Shapes() =>
        from s in ShapeList
        from ta in new[] { false, true }
        from tb in new[] { false, true }
        select new object[] { s.M, s.N, s.K, ta, tb };

    internal static float[] Random(System.Random r, int length)
    {
        var x = new float[length];
        for (int i = 0; i < length; i++) x[i] = (float)(r.NextDouble() * 2 - 1);
        return x;
    }

    /// <summary>
    /// |c - ref| &lt;= 1e-5 * sum_p |a b| for every element (a float32 dot product's error scale), with ref the reference
    /// kernel's MatMul of the same inputs widened to float64.
    /// </summary>
    internal static void AssertMatchesReference(string path, bool ta, bool tb, int m, int n, int k, float[] a, float[] b, float[] c)
    {
        var g = new Graph();
        using var _ = g.as_default();
        NDArray a64 = np.array(a.Select(x => (double)x).ToArray(), ta ? k : m, ta ? m : k);
        NDArray b64 = np.array(b.Select(x => (double)x).ToArray(), tb ? n : k, tb ? k : n);
        NDArray abs64 = np.array(a.Select(x => (double)Math.Abs(x)).ToArray(), ta ? k : m, ta ? m : k);
        NDArray babs64 = np.array(b.Select(x => (double)Math.Abs(x)).ToArray(), tb ? n : k, tb ? k : n);
        Operation op = tf.matmul(tf.constant(a64), tf.constant(b64), ta, tb).Op;
        NDArray expected = ReferenceKernels.Evaluate(op, a64, b64), scale = ReferenceKernels.Evaluate(op, abs64, babs64);
        for (int i = 0; i < m * n; i++)
        {
            double err = Math.Abs(c[i] - expected.GetDouble(i));
            Assert.True(err <= 1e-5 * scale.GetDouble(i) + 1e-30,
                $"{path}: C[{i / n},{i % n}] = {c[i]}, reference {expected.GetDouble(i)} (ta={ta} tb={tb} m={m} n={n} k={k})");
        }
    }

    private static void Check(SgemmPath path, int m, int n, int k, bool ta, bool tb)
    {
        var r = new System.Random(m * 7919 + n * 31 + k);
        float[] a = Random(r, m * k), b = Random(r, k * n), c = new float[m * n];
        Array.Fill(c, float.NaN); // C is overwritten, never read
        Gemm.MultiplySingle(path, ta, tb, m, n, k, a, b, c);
        AssertMatchesReference(path.ToString(), ta, tb, m, n, k, a, b, c);
    }

    [GemmPathTheory(SgemmPath.Avx512), MemberData(nameof(Shapes))]
    public void Avx512_matches_the_reference(int m, int n, int k, bool ta, bool tb) => Check(SgemmPath.Avx512, m, n, k, ta, tb);

    [GemmPathTheory(SgemmPath.Avx2), MemberData(nameof(Shapes))]
    public void Avx2_matches_the_reference(int m, int n, int k, bool ta, bool tb) => Check(SgemmPath.Avx2, m, n, k, ta, tb);

    [GemmPathTheory(SgemmPath.Vector128), MemberData(nameof(Shapes))]
    public void Vector128_matches_the_reference(int m, int n, int k, bool ta, bool tb) => Check(SgemmPath.Vector128, m, n, k, ta, tb);

    [GemmPathTheory(SgemmPath.Blas), MemberData(nameof(Shapes))]
    public void Blas_matches_the_reference(int m, int n, int k, bool ta, bool tb) => Check(SgemmPath.Blas, m, n, k, ta, tb);

    [GemmPathTheory(SgemmPath.Managed), MemberData(nameof(Shapes))]
    public void Managed_matches_the_reference(int m, int n, int k, bool ta, bool tb) => Check(SgemmPath.Managed, m, n, k, ta, tb);

    public static IEnumerable<object[]> LargeShapes() =>
        from s in new (int M, int N, int K, bool TA, bool TB)[]
        {
            (128, 512, 784, false, false), // fashion MLP forward
            (784, 512, 128, true, false),  // dW = X^T dY
            (128, 784, 512, false, true),  // dX = dY W^T
            (128, 10, 512, false, false),  // logits (narrow: the swapped path)
            (25, 32, 12288, false, false), // SIGNS W1 X (skinny, deep k)
            (25, 12288, 32, false, true),  // SIGNS dW1 = dZ X^T
            (300, 1024, 200, true, true),  // row stride a 4 KB multiple: B packed, not read in place
        }
        select new object[] { s.M, s.N, s.K, s.TA, s.TB };

    [GemmPathTheory(SgemmPath.Avx512), MemberData(nameof(LargeShapes))]
    public void Avx512_large_products_match_on_any_thread_count(int m, int n, int k, bool ta, bool tb) => CheckLarge(SgemmPath.Avx512, m, n, k, ta, tb);

    [GemmPathTheory(SgemmPath.Avx2), MemberData(nameof(LargeShapes))]
    public void Avx2_large_products_match_on_any_thread_count(int m, int n, int k, bool ta, bool tb) => CheckLarge(SgemmPath.Avx2, m, n, k, ta, tb);

    [GemmPathTheory(SgemmPath.Vector128), MemberData(nameof(LargeShapes))]
    public void Vector128_large_products_match_on_any_thread_count(int m, int n, int k, bool ta, bool tb) => CheckLarge(SgemmPath.Vector128, m, n, k, ta, tb);

    /// <summary>Large products on a packed path: correct, and the same bits on 1 and 2 threads and on every run.</summary>
    private static void CheckLarge(SgemmPath path, int m, int n, int k, bool ta, bool tb)
    {
        var r = new System.Random(m + n + k);
        float[] a = Random(r, m * k), b = Random(r, k * n), one = new float[m * n], two = new float[m * n];
        int saved = GemmPathSupport.SetThreads(path, 1);
        try
        {
            Gemm.MultiplySingle(path, ta, tb, m, n, k, a, b, one);
            GemmPathSupport.SetThreads(path, 2);
            for (int rep = 0; rep < 3; rep++)
            {
                Array.Fill(two, float.NaN);
                Gemm.MultiplySingle(path, ta, tb, m, n, k, a, b, two);
                Assert.True(one.AsSpan().SequenceEqual(two), $"{path}: 2-thread result differs from the 1-thread result");
            }
        }
        finally { GemmPathSupport.SetThreads(path, saved); }
        AssertMatchesReference(path.ToString(), ta, tb, m, n, k, a, b, one);
    }

    [GemmPathFact(SgemmPath.Avx2)]
    public void Avx2_rejects_short_spans_and_handles_empty_products() => CheckArguments(SgemmPath.Avx2);

    [GemmPathFact(SgemmPath.Vector128)]
    public void Vector128_rejects_short_spans_and_handles_empty_products() => CheckArguments(SgemmPath.Vector128);

    private static void CheckArguments(SgemmPath path)
    {
        Assert.Throws<ArgumentException>(() => Gemm.MultiplySingle(path, false, false, 4, 4, 4, new float[15], new float[16], new float[16]));
        Assert.Throws<ArgumentException>(() => Gemm.MultiplySingle(path, false, false, 4, 4, 4, new float[16], new float[16], new float[15]));
        Assert.Throws<ArgumentOutOfRangeException>(() => Gemm.MultiplySingle(path, false, false, -1, 4, 4, new float[16], new float[16], new float[16]));
        var c = new float[6];
        Array.Fill(c, 1f);
        Gemm.MultiplySingle(path, false, false, 2, 3, 0, [], [], c);
        Assert.All(c, x => Assert.Equal(0f, x));
    }

    [GemmPathFact(SgemmPath.Avx2)]
    public void Avx2_steady_state_calls_do_not_allocate() => CheckNoAllocation(SgemmPath.Avx2);

    private static void CheckNoAllocation(SgemmPath path)
    {
        var r = new System.Random(5);
        foreach (var (m, n, k) in new[] { (128, 512, 784), (20, 20, 20), (128, 10, 512) })
        {
            float[] a = Random(r, m * k), b = Random(r, k * n), c = new float[m * n];
            for (int i = 0; i < 5; i++) Gemm.MultiplySingle(path, false, false, m, n, k, a, b, c);
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 20; i++) Gemm.MultiplySingle(path, false, false, m, n, k, a, b, c);
            Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
        }
    }

    [Fact]
    public void A_path_the_machine_lacks_is_an_error_naming_it()
    {
        foreach (SgemmPath path in Enum.GetValues<SgemmPath>().Where(p => !GemmDispatch.IsSupported(p)))
        {
            var e = Assert.Throws<PlatformNotSupportedException>(() => Gemm.MultiplySingle(path, false, false, 1, 1, 1, [1f], [1f], new float[1]));
            Assert.Contains(path.ToString(), e.Message);
        }
        Assert.True(GemmDispatch.IsSupported(GemmDispatch.Widest));
    }
}
