using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;

namespace TfLessons.Runtime.Kernels;

/// <summary>
/// C = op(A) @ op(B), row-major. float32 products go to the path <see cref="GemmDispatch"/> picks for the CPU and
/// shape (a packed AVX-512, AVX2 or 128-bit kernel, OpenBLAS, or the managed row kernel); float64 products go to
/// OpenBLAS's dgemm (<c>libopenblas.so.0</c>) when it is installed, as NumPy's dot does, else the managed kernel.
/// </summary>
internal static unsafe class Gemm
{
    /// <summary>Set false to force the managed kernel for float64 and keep float32 off OpenBLAS.</summary>
    public static bool UseBlas { get; set; } = OpenBlas.Available;

    public static void Multiply<T>(bool ta, bool tb, int m, int n, int k, ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> c)
        where T : unmanaged, INumber<T>
    {
        if (m == 0 || n == 0) return;
        if (k == 0) { c.Clear(); return; }
        if (typeof(T) == typeof(float))
        {
            MultiplySingle(GemmDispatch.Choose(m, n, k), ta, tb, m, n, k,
                MemoryMarshal.Cast<T, float>(a), MemoryMarshal.Cast<T, float>(b), MemoryMarshal.Cast<T, float>(c));
            return;
        }
        // float64 always goes to OpenBLAS when it is there: NumPy's dot calls the same dgemm, so results match it
        // bit for bit.
        if (UseBlas && typeof(T) == typeof(double))
        {
            fixed (T* pa = a, pb = b, pc = c)
                OpenBlas.cblas_dgemm(101, ta ? 112 : 111, tb ? 112 : 111, m, n, k, 1.0, (double*)pa, ta ? m : k, (double*)pb, tb ? k : n, 0.0, (double*)pc, n);
            return;
        }
        Managed(ta, tb, m, n, k, a, b, c);
    }

    /// <summary>One float32 product on the given path (tests and benchmarks call each path directly).</summary>
    internal static void MultiplySingle(SgemmPath path, bool ta, bool tb, int m, int n, int k, ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c)
    {
        if (!GemmDispatch.IsSupported(path)) throw new PlatformNotSupportedException($"MatMul: the {path} float32 GEMM path is not available on this machine.");
        switch (path)
        {
            case SgemmPath.Avx512: Sgemm512.Multiply(ta, tb, m, n, k, a, b, c); return;
            case SgemmPath.Avx2: Sgemm256.Multiply(ta, tb, m, n, k, a, b, c); return;
            case SgemmPath.Vector128: Sgemm128.Multiply(ta, tb, m, n, k, a, b, c); return;
            case SgemmPath.Blas:
                if ((long)m * k > a.Length || (long)k * n > b.Length || (long)m * n > c.Length)
                    throw new ArgumentException($"a ({a.Length}), b ({b.Length}) or c ({c.Length}) is shorter than [{m},{k}] x [{k},{n}] implies.");
                if (m == 0 || n == 0) return;
                if (k == 0) { c[..(m * n)].Clear(); return; }
                fixed (float* pa = a, pb = b, pc = c)
                    OpenBlas.cblas_sgemm(101, ta ? 112 : 111, tb ? 112 : 111, m, n, k, 1f, pa, ta ? m : k, pb, tb ? k : n, 0f, pc, n);
                return;
            default: Managed(ta, tb, m, n, k, a, b, c); return;
        }
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
