using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;

namespace TfLessons.Kernels;

/// <summary>
/// C = op(A) @ op(B), row-major. float32 products go to our AVX-512 kernel where the CPU has it; float64 products
/// (and large float32 ones without AVX-512) go to OpenBLAS (<c>libopenblas.so.0</c>) when it is installed; the rest use
/// the managed kernel.
/// </summary>
internal static unsafe class Gemm
{
    private const int BlasThreshold = 64 * 64 * 16;

    private const int Avx512Threshold = 16 * 16 * 16;

    /// <summary>Set false to keep float32 products off the AVX-512 kernel (tests compare every path with the reference).</summary>
    public static bool UseAvx512 { get; set; } = Sgemm512.IsSupported && Environment.GetEnvironmentVariable("TFL_NO_AVX512_GEMM") != "1";

    /// <summary>Set false to force the managed kernel (tests compare both with the reference).</summary>
    public static bool UseBlas { get; set; } = OpenBlas.Available;

    public static void Multiply<T>(bool ta, bool tb, int m, int n, int k, ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> c)
        where T : unmanaged, INumber<T>
    {
        if (m == 0 || n == 0) return;
        if (k == 0) { c.Clear(); return; }
        // float32: our AVX-512 kernel (about twice OpenBLAS's Haswell kernels here) for all but tiny products.
        if (typeof(T) == typeof(float) && UseAvx512 && (long)m * n * k >= Avx512Threshold)
        {
            Sgemm512.Multiply(ta, tb, m, n, k,
                System.Runtime.InteropServices.MemoryMarshal.Cast<T, float>(a), System.Runtime.InteropServices.MemoryMarshal.Cast<T, float>(b), System.Runtime.InteropServices.MemoryMarshal.Cast<T, float>(c));
            return;
        }
        // float64 products always go to OpenBLAS when it is there: NumPy's dot calls the same dgemm, so results match
        // it bit for bit; float32 keeps small products managed, where the call overhead would dominate.
        if (UseBlas && (typeof(T) == typeof(double) || (long)m * n * k >= BlasThreshold))
        {
            fixed (T* pa = a, pb = b, pc = c)
            {
                int lda = ta ? m : k, ldb = tb ? k : n;
                if (typeof(T) == typeof(float))
                    OpenBlas.cblas_sgemm(101, ta ? 112 : 111, tb ? 112 : 111, m, n, k, 1f, (float*)pa, lda, (float*)pb, ldb, 0f, (float*)pc, n);
                else
                    OpenBlas.cblas_dgemm(101, ta ? 112 : 111, tb ? 112 : 111, m, n, k, 1.0, (double*)pa, lda, (double*)pb, ldb, 0.0, (double*)pc, n);
            }
            return;
        }
        Managed(ta, tb, m, n, k, a, b, c);
    }

    /// <summary>
    /// Managed product. Without transpose_b it runs row-wise AXPYs (C[i,:] += A[i,p] * B[p,:]), vectorized
    /// along n; with transpose_b the rows of A and B are both contiguous, so each C[i,j] is one dot product.
    /// </summary>
    public static void Managed<T>(bool ta, bool tb, int m, int n, int k, ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> c)
        where T : unmanaged, INumber<T>
    {
        if (!tb)
        {
            for (int i = 0; i < m; i++)
            {
                Span<T> row = c.Slice(i * n, n);
                row.Clear();
                for (int p = 0; p < k; p++)
                {
                    T aip = ta ? a[p * m + i] : a[i * k + p];
                    TensorPrimitives.MultiplyAdd(b.Slice(p * n, n), aip, row, row);
                }
            }
            return;
        }
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                ReadOnlySpan<T> bRow = b.Slice(j * k, k);
                if (!ta)
                {
                    c[i * n + j] = TensorPrimitives.Dot(a.Slice(i * k, k), bRow);
                    continue;
                }
                T sum = T.Zero;
                for (int p = 0; p < k; p++) sum += a[p * m + i] * bRow[p];
                c[i * n + j] = sum;
            }
        }
    }
}

internal static unsafe partial class OpenBlas
{
    private const string Lib = "libopenblas.so.0";

    public static bool Available { get; } = Probe();

    private static bool Probe()
    {
        if (Environment.GetEnvironmentVariable("TFL_NO_BLAS") == "1") return false;
        return NativeLibrary.TryLoad(Lib, out _);
    }

    [LibraryImport(Lib)]
    public static partial void cblas_sgemm(int order, int transA, int transB, int m, int n, int k, float alpha, float* a, int lda, float* b, int ldb, float beta, float* c, int ldc);

    [LibraryImport(Lib)]
    public static partial void cblas_dgemm(int order, int transA, int transB, int m, int n, int k, double alpha, double* a, int lda, double* b, int ldb, double beta, double* c, int ldc);
}
