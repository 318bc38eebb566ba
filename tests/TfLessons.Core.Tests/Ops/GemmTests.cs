using TfLessons.Runtime.Kernels;
using TfLessons.Runtime.Kernels.Reference;

namespace TfLessons.Tests.Ops;

public class GemmTests
{
    public static IEnumerable<object[]> Sizes() =>
        from m in new[] { 1, 3, 17, 70 }
        from n in new[] { 1, 5, 64, 129 }
        from k in new[] { 1, 7, 33, 100 }
        from ta in new[] { false, true }
        from tb in new[] { false, true }
        select new object[] { m, n, k, ta, tb };

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Managed_and_blas_agree_with_the_reference(int m, int n, int k, bool ta, bool tb)
    {
        var rng = new System.Random(m * 1000 + n * 10 + k);
        NDArray a = OpCase.Sample(ta ? [k, m] : [m, k], Domain.Any, rng, DType.Float64);
        NDArray b = OpCase.Sample(tb ? [n, k] : [k, n], Domain.Any, rng, DType.Float64);
        var g = new Graph();
        using var _ = g.as_default();
        Tensor product = tf.matmul(tf.constant(a), tf.constant(b), ta, tb);
        NDArray expected = ReferenceKernels.Evaluate(product.Op, a, b);
        var managed = new double[m * n];
        Gemm.Managed(ta, tb, m, n, k, a.AsSpan<double>(), b.AsSpan<double>(), managed);
        Assert.True(expected.AllClose(np.array(managed, m, n), 1e-12, 1e-12), "managed GEMM differs from the reference");
        if (OpenBlas.Available)
        {
            var blas = new double[m * n];
            bool saved = Gemm.UseBlas;
            Gemm.Multiply(ta, tb, m, n, k, a.AsSpan<double>(), b.AsSpan<double>(), blas.AsSpan());
            Assert.True(expected.AllClose(np.array(blas, m, n), 1e-12, 1e-12), "OpenBLAS GEMM differs from the reference");
            Gemm.UseBlas = saved;
        }
    }
}
