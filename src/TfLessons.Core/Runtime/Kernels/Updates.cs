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
        int i = 0, width = SimdWidth.MaxBits;
        if (width >= 512 && Vector512.IsHardwareAccelerated && Vector512<T>.IsSupported)
            for (var a = Vector512.Create(alpha); i <= var.Length - Vector512<T>.Count; i += Vector512<T>.Count)
                (Vector512.Create<T>(var.Slice(i, Vector512<T>.Count)) - Vector512.Create(delta.Slice(i, Vector512<T>.Count)) * a).CopyTo(var.Slice(i));
        if (width >= 256 && Vector256.IsHardwareAccelerated && Vector256<T>.IsSupported)
            for (var a = Vector256.Create(alpha); i <= var.Length - Vector256<T>.Count; i += Vector256<T>.Count)
                (Vector256.Create<T>(var.Slice(i, Vector256<T>.Count)) - Vector256.Create(delta.Slice(i, Vector256<T>.Count)) * a).CopyTo(var.Slice(i));
        if (width >= 128 && Vector128.IsHardwareAccelerated && Vector128<T>.IsSupported)
            for (var a = Vector128.Create(alpha); i <= var.Length - Vector128<T>.Count; i += Vector128<T>.Count)
                (Vector128.Create<T>(var.Slice(i, Vector128<T>.Count)) - Vector128.Create(delta.Slice(i, Vector128<T>.Count)) * a).CopyTo(var.Slice(i));
        for (; i < var.Length; i++) var[i] -= delta[i] * alpha;
    }

    /// <summary>accum = accum * momentum + grad; var -= accum * lr (Nesterov: var -= grad * lr + accum * momentum * lr)</summary>
    public static void Momentum<T>(Span<T> var, Span<T> accum, T lr, ReadOnlySpan<T> grad, T momentum, bool nesterov) where T : unmanaged, INumber<T>
    {
        for (int i = 0; i < var.Length; i++)
        {
            accum[i] = accum[i] * momentum + grad[i];
            var[i] -= nesterov ? grad[i] * lr + accum[i] * momentum * lr : accum[i] * lr;
        }
    }

    /// <summary>ms += (g^2 - ms) * (1 - rho); mom = mom * momentum + lr * g / sqrt(ms + eps); var -= mom</summary>
    public static void RmsProp<T>(Span<T> var, Span<T> ms, Span<T> mom, T lr, T rho, T momentum, T epsilon, ReadOnlySpan<T> grad)
        where T : unmanaged, INumber<T>, IRootFunctions<T>
    {
        T oneMinusRho = T.One - rho;
        for (int i = 0; i < var.Length; i++)
        {
            T g = grad[i];
            ms[i] += (g * g - ms[i]) * oneMinusRho;
            mom[i] = mom[i] * momentum + lr * g / T.Sqrt(ms[i] + epsilon);
            var[i] -= mom[i];
        }
    }

    /// <summary>TensorFlow's Adam: the bias correction folded into lr_t, epsilon outside the square root of v.</summary>
    public static void Adam<T>(Span<T> var, Span<T> m, Span<T> v, T beta1Power, T beta2Power, T lr, T beta1, T beta2, T epsilon, ReadOnlySpan<T> grad)
        where T : unmanaged, INumber<T>, IRootFunctions<T>
    {
        T lrT = lr * T.Sqrt(T.One - beta2Power) / (T.One - beta1Power);
        T oneMinusBeta1 = T.One - beta1, oneMinusBeta2 = T.One - beta2;
        int i = 0, width = SimdWidth.MaxBits;
        if (width >= 512 && Vector512.IsHardwareAccelerated && Vector512<T>.IsSupported)
        {
            Vector512<T> c1 = Vector512.Create(oneMinusBeta1), c2 = Vector512.Create(oneMinusBeta2), lrV = Vector512.Create(lrT), epsV = Vector512.Create(epsilon);
            for (int n = Vector512<T>.Count; i <= var.Length - n; i += n)
            {
                var g = Vector512.Create(grad.Slice(i, n));
                var mi = Vector512.Create<T>(m.Slice(i, n));
                var vi = Vector512.Create<T>(v.Slice(i, n));
                mi += (g - mi) * c1;
                vi += (g * g - vi) * c2;
                (Vector512.Create<T>(var.Slice(i, n)) - lrV * mi / (Vector512.Sqrt(vi) + epsV)).CopyTo(var.Slice(i));
                mi.CopyTo(m.Slice(i));
                vi.CopyTo(v.Slice(i));
            }
        }
        if (width >= 256 && Vector256.IsHardwareAccelerated && Vector256<T>.IsSupported)
        {
            Vector256<T> c1 = Vector256.Create(oneMinusBeta1), c2 = Vector256.Create(oneMinusBeta2), lrV = Vector256.Create(lrT), epsV = Vector256.Create(epsilon);
            for (int n = Vector256<T>.Count; i <= var.Length - n; i += n)
            {
                var g = Vector256.Create(grad.Slice(i, n));
                var mi = Vector256.Create<T>(m.Slice(i, n));
                var vi = Vector256.Create<T>(v.Slice(i, n));
                mi += (g - mi) * c1;
                vi += (g * g - vi) * c2;
                (Vector256.Create<T>(var.Slice(i, n)) - lrV * mi / (Vector256.Sqrt(vi) + epsV)).CopyTo(var.Slice(i));
                mi.CopyTo(m.Slice(i));
                vi.CopyTo(v.Slice(i));
            }
        }
        if (width >= 128 && Vector128.IsHardwareAccelerated && Vector128<T>.IsSupported)
        {
            Vector128<T> c1 = Vector128.Create(oneMinusBeta1), c2 = Vector128.Create(oneMinusBeta2), lrV = Vector128.Create(lrT), epsV = Vector128.Create(epsilon);
            for (int n = Vector128<T>.Count; i <= var.Length - n; i += n)
            {
                var g = Vector128.Create(grad.Slice(i, n));
                var mi = Vector128.Create<T>(m.Slice(i, n));
                var vi = Vector128.Create<T>(v.Slice(i, n));
                mi += (g - mi) * c1;
                vi += (g * g - vi) * c2;
                (Vector128.Create<T>(var.Slice(i, n)) - lrV * mi / (Vector128.Sqrt(vi) + epsV)).CopyTo(var.Slice(i));
                mi.CopyTo(m.Slice(i));
                vi.CopyTo(v.Slice(i));
            }
        }
        for (; i < var.Length; i++)
        {
            T g = grad[i];
            m[i] += (g - m[i]) * oneMinusBeta1;
            v[i] += (g * g - v[i]) * oneMinusBeta2;
            var[i] -= lrT * m[i] / (T.Sqrt(v[i]) + epsilon);
        }
    }
}
