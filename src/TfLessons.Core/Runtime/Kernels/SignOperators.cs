using System.Numerics;

namespace TfLessons.Kernels;

/// <summary>|x| for every numeric dtype; integer minimum values wrap as in TensorFlow's C++ kernel.</summary>
internal readonly struct AbsOperator<T> : IUnaryOperator<T> where T : unmanaged, INumber<T>
{
    public static void Invoke(ReadOnlySpan<T> x, Span<T> d)
    {
        for (int i = 0; i < d.Length; i++) d[i] = x[i] < T.Zero ? T.Zero - x[i] : x[i];
    }
}

/// <summary>-1, 0 or 1; 0 for NaN, as Eigen computes it: (x &gt; 0) - (x &lt; 0).</summary>
internal readonly struct SignOperator<T> : IUnaryOperator<T> where T : unmanaged, INumber<T>
{
    public static void Invoke(ReadOnlySpan<T> x, Span<T> d)
    {
        for (int i = 0; i < d.Length; i++) d[i] = x[i] > T.Zero ? T.One : x[i] < T.Zero ? -T.One : T.Zero;
    }
}

/// <summary>log(1 + x) without cancellation; float32 is computed in float64 and rounded once.</summary>
internal readonly struct Log1pOperator<T> : IUnaryOperator<T> where T : unmanaged, IFloatingPoint<T>
{
    public static void Invoke(ReadOnlySpan<T> x, Span<T> d)
    {
        for (int i = 0; i < d.Length; i++) d[i] = T.CreateTruncating(MathExtra.Log1p(double.CreateTruncating(x[i])));
    }
}

/// <summary>exp(x) - 1 without cancellation; float32 is computed in float64 and rounded once.</summary>
internal readonly struct Expm1Operator<T> : IUnaryOperator<T> where T : unmanaged, IFloatingPoint<T>
{
    public static void Invoke(ReadOnlySpan<T> x, Span<T> d)
    {
        for (int i = 0; i < d.Length; i++) d[i] = T.CreateTruncating(MathExtra.Expm1(double.CreateTruncating(x[i])));
    }
}

/// <summary>Integer x^y by squaring (wrapping on overflow); a negative exponent is an error, as in TensorFlow.</summary>
internal readonly struct IntPowOperator<T> : IBinaryOperator<T> where T : unmanaged, IBinaryInteger<T>
{
    public static void Invoke(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> d) { for (int i = 0; i < d.Length; i++) d[i] = Pow(x[i], y[i]); }
    public static void Invoke(ReadOnlySpan<T> x, T y, Span<T> d) { for (int i = 0; i < d.Length; i++) d[i] = Pow(x[i], y); }
    public static void Invoke(T x, ReadOnlySpan<T> y, Span<T> d) { for (int i = 0; i < d.Length; i++) d[i] = Pow(x, y[i]); }

    private static T Pow(T x, T y)
    {
        if (y < T.Zero) throw new InvalidArgumentError($"Pow: Integers to negative integer powers are not allowed (got {x} ^ {y})");
        T result = T.One;
        while (y != T.Zero)
        {
            if ((y & T.One) == T.One) result = unchecked(result * x);
            x = unchecked(x * x);
            y >>= 1;
        }
        return result;
    }
}
