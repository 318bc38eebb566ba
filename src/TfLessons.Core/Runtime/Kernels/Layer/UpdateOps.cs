using System.Numerics;

namespace TfLessons.Runtime.Kernels.Layer;

// TensorFlow's optimizer updates (training_ops.cc) as fused operators, written once for float32 and float64.
// Each expression keeps TensorFlow's order of roundings; "var - a * b" is two roundings, never a fused multiply-add.

/// <summary>ApplyGradientDescent: var -= delta * alpha. Scalars: alpha.</summary>
internal readonly struct GradientDescentOp : IUpdateOp
{
    public static int Slots => 0;

    public static void Prepare<T>(ReadOnlySpan<T> s, Span<T> h) where T : unmanaged, IBinaryFloatingPointIeee754<T> => h[0] = s[0];

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public static void Invoke<V, T>(ref V var, ref V s0, ref V s1, V g, in Hyper<V> h) where V : struct, ILanes<V, T> where T : unmanaged, IBinaryNumber<T> =>
        var -= g * h.A;
}

/// <summary>ApplyMomentum: accum = accum * momentum + grad; var -= accum * lr. Scalars: lr, momentum.</summary>
internal readonly struct MomentumOp : IUpdateOp
{
    public static int Slots => 1;

    public static void Prepare<T>(ReadOnlySpan<T> s, Span<T> h) where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        h[0] = s[0];
        h[1] = s[1];
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public static void Invoke<V, T>(ref V var, ref V accum, ref V s1, V g, in Hyper<V> h) where V : struct, ILanes<V, T> where T : unmanaged, IBinaryNumber<T>
    {
        accum = accum * h.B + g;
        var -= accum * h.A;
    }
}

/// <summary>ApplyMomentum with use_nesterov: accum = accum * momentum + grad; var -= grad * lr + accum * momentum * lr.</summary>
internal readonly struct NesterovMomentumOp : IUpdateOp
{
    public static int Slots => 1;

    public static void Prepare<T>(ReadOnlySpan<T> s, Span<T> h) where T : unmanaged, IBinaryFloatingPointIeee754<T> => MomentumOp.Prepare(s, h);

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public static void Invoke<V, T>(ref V var, ref V accum, ref V s1, V g, in Hyper<V> h) where V : struct, ILanes<V, T> where T : unmanaged, IBinaryNumber<T>
    {
        accum = accum * h.B + g;
        var -= g * h.A + accum * h.B * h.A;
    }
}

/// <summary>
/// ApplyRMSProp: ms += (g^2 - ms) * (1 - rho); mom = mom * momentum + lr * g / sqrt(ms + eps); var -= mom.
/// Scalars: lr, rho, momentum, epsilon.
/// </summary>
internal readonly struct RmsPropOp : IUpdateOp
{
    public static int Slots => 2;

    public static void Prepare<T>(ReadOnlySpan<T> s, Span<T> h) where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        h[0] = s[0];
        h[1] = T.One - s[1];
        h[2] = s[2];
        h[3] = s[3];
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public static void Invoke<V, T>(ref V var, ref V ms, ref V mom, V g, in Hyper<V> h) where V : struct, ILanes<V, T> where T : unmanaged, IBinaryNumber<T>
    {
        ms += (g * g - ms) * h.B;
        mom = mom * h.C + h.A * g / V.Sqrt(ms + h.D);
        var -= mom;
    }
}

/// <summary>
/// ApplyAdam: lr_t = lr * sqrt(1 - beta2_power) / (1 - beta1_power); m += (g - m) * (1 - beta1);
/// v += (g^2 - v) * (1 - beta2); var -= lr_t * m / (sqrt(v) + epsilon), epsilon outside the square root.
/// Scalars: beta1_power, beta2_power, lr, beta1, beta2, epsilon.
/// </summary>
internal readonly struct AdamOp : IUpdateOp
{
    public static int Slots => 2;

    public static void Prepare<T>(ReadOnlySpan<T> s, Span<T> h) where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        h[0] = s[2] * T.Sqrt(T.One - s[1]) / (T.One - s[0]);
        h[1] = T.One - s[3];
        h[2] = T.One - s[4];
        h[3] = s[5];
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public static void Invoke<V, T>(ref V var, ref V m, ref V v, V g, in Hyper<V> h) where V : struct, ILanes<V, T> where T : unmanaged, IBinaryNumber<T>
    {
        m += (g - m) * h.B;
        v += (g * g - v) * h.C;
        var -= h.A * m / (V.Sqrt(v) + h.D);
    }
}
