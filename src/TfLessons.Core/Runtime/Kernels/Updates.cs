using System.Numerics;
using System.Runtime.Intrinsics;

namespace TfLessons.Kernels;

/// <summary>
/// Optimizer update kernels. Each writes the multiply and the subtract as separate roundings (no fused
/// multiply-add), the way TensorFlow's Eigen expressions evaluate, so float32 runs match TensorFlow's digits.
/// </summary>
internal static class Updates
{
    /// <summary>var -= delta * alpha</summary>
    public static void GradientDescent<T>(Span<T> var, T alpha, ReadOnlySpan<T> delta) where T : unmanaged, INumber<T>
    {
        int i = 0;
        if (Vector512.IsHardwareAccelerated && Vector512<T>.IsSupported)
        {
            var a = Vector512.Create(alpha);
            for (; i <= var.Length - Vector512<T>.Count; i += Vector512<T>.Count)
            {
                var w = Vector512.Create<T>(var.Slice(i, Vector512<T>.Count));
                var g = Vector512.Create(delta.Slice(i, Vector512<T>.Count));
                (w - g * a).CopyTo(var.Slice(i));
            }
        }
        for (; i < var.Length; i++) var[i] -= delta[i] * alpha;
    }
}
