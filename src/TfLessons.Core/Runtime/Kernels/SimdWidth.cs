namespace TfLessons.Kernels;

/// <summary>
/// Caps the vector width of the hand-vectorized elementwise loops (Relu, ReluGrad, GradientDescent, Adam), which run
/// the widest hardware-accelerated width first and narrower ones on the rest. Tests lower it to run the 256-, 128-bit
/// and scalar loops on a wider CPU; every width gives the same bits (no fused multiply-add anywhere).
/// </summary>
internal static class SimdWidth
{
    /// <summary>512, 256, 128 or 0 (scalar only).</summary>
    internal static int MaxBits { get; set; } = 512;
}
