namespace TfLessons.Runtime.Kernels;

/// <summary>The float32 GEMM implementations <see cref="Gemm"/> can run.</summary>
internal enum SgemmPath
{
    /// <summary>Row-wise AXPYs / dot products (<see cref="Gemm.Managed{T}"/>): tiny products, where packing costs more.</summary>
    Managed,
    /// <summary>OpenBLAS cblas_sgemm.</summary>
    Blas,
    /// <summary><see cref="Sgemm128"/>: 6x8 tiles of 128-bit vectors (NEON, SSE).</summary>
    Vector128,
    /// <summary><see cref="Sgemm256"/>: 6x16 tiles for AVX2 + FMA.</summary>
    Avx2,
    /// <summary><see cref="Sgemm512"/>: 13x32 tiles for AVX-512.</summary>
    Avx512,
}

/// <summary>
/// Picks the float32 GEMM path per CPU and shape class: products below <see cref="PackedThreshold"/> stay on the
/// managed row kernel; everything else (square, skinny deep-k, tall, narrow) runs on the widest packed managed kernel
/// the CPU has. Measured with `TfLessons.Bench gemm-shapes` against OpenBLAS 0.3 sgemm (TFL_SGEMM_PATH=blas) on a
/// 2-core AVX-512 VM: AVX-512 beats OpenBLAS on every class (e.g. 128x512x784 288 vs 175 GFLOP/s, SIGNS 25x32x12288
/// 279 vs 88); the AVX2 kernel ties it on square products (within the +-5% run-to-run noise, also with
/// OPENBLAS_CORETYPE=Haswell; fashion-bn 167-175 vs 149-182 GFLOP/s) and wins the skinny ones (25x32x12288 140 vs
/// 88, 25x12288x32 74 vs 56), so a tie goes to the managed kernel: deterministic bits with no dependency on the BLAS
/// build. OpenBLAS sgemm runs only where no packed kernel can (no 128-bit SIMD), or when forced.
/// The choice depends only on the shape and the CPU, so a run's bits are the same every time.
/// </summary>
internal static class GemmDispatch
{
    /// <summary>m*n*k below this stays on the managed row kernel (packing and tile padding would dominate).</summary>
    public const long PackedThreshold = 16 * 16 * 16;

    private const long BlasThreshold = 64 * 64 * 16;

    /// <summary>The widest packed path this CPU and runtime support (TFL_NO_AVX512_GEMM=1 skips AVX-512).</summary>
    public static SgemmPath Widest { get; } = FindWidest();

    /// <summary>
    /// Forces one path for every float32 product; null: chosen per shape. TFL_SGEMM_PATH=managed|blas|vector128|avx2|avx512
    /// sets it for a process (bench/compare --gemm measures the alternatives that way).
    /// </summary>
    internal static SgemmPath? Override { get; set; } = FromEnvironment();

    public static bool IsSupported(SgemmPath path) => path switch
    {
        SgemmPath.Managed => true,
        SgemmPath.Blas => OpenBlas.Available,
        SgemmPath.Vector128 => Sgemm128.IsSupported,
        SgemmPath.Avx2 => Sgemm256.IsSupported,
        SgemmPath.Avx512 => Sgemm512.IsSupported,
        _ => false,
    };

    public static SgemmPath Choose(int m, int n, int k)
    {
        if (Override is { } forced) return forced;
        long flops = (long)m * n * k;
        if (flops < PackedThreshold) return SgemmPath.Managed;
        if (Widest != SgemmPath.Managed) return Widest;
        return Gemm.UseBlas && flops >= BlasThreshold ? SgemmPath.Blas : SgemmPath.Managed;
    }

    private static SgemmPath? FromEnvironment()
    {
        string? name = Environment.GetEnvironmentVariable("TFL_SGEMM_PATH");
        if (string.IsNullOrEmpty(name)) return null;
        if (!Enum.TryParse(name, ignoreCase: true, out SgemmPath path) || !Enum.IsDefined(path))
            throw new InvalidOperationException($"TFL_SGEMM_PATH={name}: expected one of {string.Join(", ", Enum.GetNames<SgemmPath>()).ToLowerInvariant()}.");
        return path;
    }

    private static SgemmPath FindWidest()
    {
        if (Sgemm512.IsSupported && Environment.GetEnvironmentVariable("TFL_NO_AVX512_GEMM") != "1") return SgemmPath.Avx512;
        if (Sgemm256.IsSupported) return SgemmPath.Avx2;
        if (Sgemm128.IsSupported) return SgemmPath.Vector128;
        return SgemmPath.Managed;
    }
}
