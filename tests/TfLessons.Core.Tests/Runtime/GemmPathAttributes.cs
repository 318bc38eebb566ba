using TfLessons.Runtime.Kernels;

namespace TfLessons.Tests.Kernels;

/// <summary>A theory for one float32 GEMM path: skipped (never passed) where the CPU, runtime or OpenBLAS lacks it.</summary>
internal sealed class GemmPathTheoryAttribute : TheoryAttribute
{
    public GemmPathTheoryAttribute(SgemmPath path)
    {
        if (!GemmDispatch.IsSupported(path)) Skip = GemmPathSupport.Reason(path);
    }
}

/// <summary>A fact for one float32 GEMM path: skipped where the path cannot run.</summary>
internal sealed class GemmPathFactAttribute : FactAttribute
{
    public GemmPathFactAttribute(SgemmPath path)
    {
        if (!GemmDispatch.IsSupported(path)) Skip = GemmPathSupport.Reason(path);
    }
}

internal static class GemmPathSupport
{
    public static string Reason(SgemmPath path) => path switch
    {
        SgemmPath.Avx512 => "CPU/runtime without AVX-512F + FMA (or DOTNET_EnableAVX512F=0)",
        SgemmPath.Avx2 => "CPU/runtime without AVX2 + FMA (or DOTNET_EnableAVX2=0)",
        SgemmPath.Vector128 => "Vector128 is not hardware accelerated",
        SgemmPath.Blas => "libopenblas.so.0 not installed (or TFL_NO_BLAS=1)",
        _ => $"{path} unavailable",
    };

    /// <summary>Sets the thread count of a packed path (Sgemm512 or a SgemmPacked instantiation); returns the old one.</summary>
    public static int SetThreads(SgemmPath path, int threads)
    {
        int old;
        switch (path)
        {
            case SgemmPath.Avx512: old = Sgemm512.MaxThreads; Sgemm512.MaxThreads = threads; break;
            case SgemmPath.Avx2: old = SgemmPacked<Avx2Tile>.MaxThreads; SgemmPacked<Avx2Tile>.MaxThreads = threads; break;
            case SgemmPath.Vector128: old = SgemmPacked<Vector128Tile>.MaxThreads; SgemmPacked<Vector128Tile>.MaxThreads = threads; break;
            default: throw new ArgumentException($"{path} has no thread setting");
        }
        return old;
    }
}
