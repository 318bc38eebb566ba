using System.Runtime.Intrinsics;

namespace TfLessons.Runtime.Kernels;

/// <summary>
/// The vector width of the elementwise drivers: the widest the CPU accelerates, found once, capped by
/// <see cref="MaxBits"/>. The drivers run the widest width first and narrower ones on the rest, then a scalar tail.
/// Tests lower the cap to run the 256-, 128-bit and scalar loops on a wider CPU; every width gives the same bits
/// (each operator is one sequence of IEEE roundings at every width, no fused multiply-add).
/// </summary>
internal static class SimdWidth
{
    /// <summary>The widest accelerated width of this process (DOTNET_EnableAVX512F=0 and friends lower it).</summary>
    internal static readonly int Hardware =
        Vector512.IsHardwareAccelerated ? 512 : Vector256.IsHardwareAccelerated ? 256 : Vector128.IsHardwareAccelerated ? 128 : 0;

    /// <summary>512, 256, 128 or 0 (scalar only).</summary>
    internal static int MaxBits { get; set; } = 512;

    /// <summary>The width the drivers use now.</summary>
    internal static int Bits => Math.Min(MaxBits, Hardware);
}
