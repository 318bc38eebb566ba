using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace TfLessons.Runtime.Kernels;

/// <summary>Single-precision GEMM for AVX2 + FMA: <see cref="SgemmPacked{TTile}"/> with the 6x16 <see cref="Avx2Tile"/>.</summary>
internal static class Sgemm256
{
    public static bool IsSupported => Avx2Tile.IsSupported;

    public static void Multiply(bool ta, bool tb, int m, int n, int k, ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c) =>
        SgemmPacked<Avx2Tile>.Multiply(ta, tb, m, n, k, a, b, c);
}

/// <summary>
/// 6x16 register tile on Vector256: 12 accumulators + 2 B vectors + 1 broadcast = 15 of 16 registers (AVX2 + FMA: ymm0-15).
/// Per k step 2 B loads, 6 broadcasts, 12 FMAs. Locals, not arrays, so the JIT keeps every accumulator in a register;
/// NoInlining keeps tier-1 from inlining it into the driver, where the accumulators would spill.
/// </summary>
internal readonly unsafe struct Avx2Tile : ISgemmTile
{
    public static int MR => 6;
    public static int NR => 16;
    public static bool IsSupported => Avx2.IsSupported && Fma.IsSupported;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Madd(Vector256<float> x, Vector256<float> y, Vector256<float> acc) => Fma.MultiplyAdd(x, y, acc);

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    public static void Kernel(float* a, float* b, long ldb, int kb, float* c, long ldc, bool acc)
    {
        Vector256<float> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default, c30 = default, c31 = default, c40 = default, c41 = default, c50 = default, c51 = default;
        for (int q = 0; q < kb; q++, a += 6, b += ldb)
        {
            var b0 = Vector256.Load(b);
            var b1 = Vector256.Load(b + 8);
            Vector256<float> x;
            x = Vector256.Create(a[0]); c00 = Madd(x, b0, c00); c01 = Madd(x, b1, c01);
            x = Vector256.Create(a[1]); c10 = Madd(x, b0, c10); c11 = Madd(x, b1, c11);
            x = Vector256.Create(a[2]); c20 = Madd(x, b0, c20); c21 = Madd(x, b1, c21);
            x = Vector256.Create(a[3]); c30 = Madd(x, b0, c30); c31 = Madd(x, b1, c31);
            x = Vector256.Create(a[4]); c40 = Madd(x, b0, c40); c41 = Madd(x, b1, c41);
            x = Vector256.Create(a[5]); c50 = Madd(x, b0, c50); c51 = Madd(x, b1, c51);
        }
        Store(c + 0 * ldc, c00, c01, acc);
        Store(c + 1 * ldc, c10, c11, acc);
        Store(c + 2 * ldc, c20, c21, acc);
        Store(c + 3 * ldc, c30, c31, acc);
        Store(c + 4 * ldc, c40, c41, acc);
        Store(c + 5 * ldc, c50, c51, acc);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(float* c, Vector256<float> lo, Vector256<float> hi, bool acc)
    {
        if (acc) { lo += Vector256.Load(c); hi += Vector256.Load(c + 8); }
        Vector256.Store(lo, c);
        Vector256.Store(hi, c + 8);
    }
}
