using System.Numerics;

namespace TfLessons.Runtime.Kernels.Layer;

// The arithmetic operators: each is the op's math, once, for every dtype and vector width.

internal readonly struct AddOp : IBinaryOp
{
    public static V Invoke<V, T>(V x, V y) where V : struct, ILanes<V, T> where T : unmanaged, IBinaryNumber<T> => x + y;
}

internal readonly struct SubOp : IBinaryOp
{
    public static V Invoke<V, T>(V x, V y) where V : struct, ILanes<V, T> where T : unmanaged, IBinaryNumber<T> => x - y;
}

internal readonly struct MulOp : IBinaryOp
{
    public static V Invoke<V, T>(V x, V y) where V : struct, ILanes<V, T> where T : unmanaged, IBinaryNumber<T> => x * y;
}

internal readonly struct DivOp : IBinaryOp
{
    public static V Invoke<V, T>(V x, V y) where V : struct, ILanes<V, T> where T : unmanaged, IBinaryNumber<T> => x / y;
}

/// <summary>max(x, y) with NaN propagating from either side, as TensorFlow's Maximum.</summary>
internal readonly struct MaxOp : IBinaryOp
{
    public static V Invoke<V, T>(V x, V y) where V : struct, ILanes<V, T> where T : unmanaged, IBinaryNumber<T> =>
        V.Select(V.Ge(x, y) | ~V.Eq(x, x), x, y);
}

/// <summary>min(x, y) with NaN propagating from either side, as TensorFlow's Minimum.</summary>
internal readonly struct MinOp : IBinaryOp
{
    public static V Invoke<V, T>(V x, V y) where V : struct, ILanes<V, T> where T : unmanaged, IBinaryNumber<T> =>
        V.Select(V.Le(x, y) | ~V.Eq(x, x), x, y);
}

/// <summary>x^y: the C library's pow for floats; integers by squaring, a negative exponent an error as in TensorFlow.</summary>
internal readonly struct PowOp : IBinaryOp
{
    public static bool Vectorizes => false;

    public static T Scalar<T>(T x, T y) where T : unmanaged, IBinaryNumber<T>
    {
        if (typeof(T) == typeof(float)) return T.CreateTruncating(MathF.Pow(float.CreateTruncating(x), float.CreateTruncating(y)));
        if (typeof(T) == typeof(double)) return T.CreateTruncating(Math.Pow(double.CreateTruncating(x), double.CreateTruncating(y)));
        if (y < T.Zero) throw new InvalidArgumentError($"Pow: Integers to negative integer powers are not allowed (got {x} ^ {y})");
        T result = T.One;
        while (y != T.Zero)
        {
            if ((y & T.One) == T.One) result = unchecked(result * x);
            x = unchecked(x * x);
            y /= T.One + T.One; // y is non-negative: halving is the shift
        }
        return result;
    }
}

internal readonly struct NegOp : IUnaryOp
{
    public static V Invoke<V, T>(V x) where V : struct, ILanes<V, T> where T : unmanaged, IBinaryNumber<T> => -x;
}

internal readonly struct SquareOp : IUnaryOp
{
    public static V Invoke<V, T>(V x) where V : struct, ILanes<V, T> where T : unmanaged, IBinaryNumber<T> => x * x;
}

internal readonly struct SqrtOp : IUnaryOp
{
    public static V Invoke<V, T>(V x) where V : struct, ILanes<V, T> where T : unmanaged, IBinaryNumber<T> => V.Sqrt(x);
}

/// <summary>|x| for every numeric dtype; integer minimum values wrap as in TensorFlow's C++ kernel.</summary>
internal readonly struct AbsOp : IUnaryOp
{
    public static TypeSet Types => TypeSet.Numeric;

    public static V Invoke<V, T>(V x) where V : struct, ILanes<V, T> where T : unmanaged, IBinaryNumber<T> =>
        V.Select(V.Lt(x, V.Zero), V.Zero - x, x);
}

/// <summary>-1, 0 or 1; 0 for NaN, as Eigen computes it: (x &gt; 0) - (x &lt; 0).</summary>
internal readonly struct SignOp : IUnaryOp
{
    public static TypeSet Types => TypeSet.Numeric;

    public static V Invoke<V, T>(V x) where V : struct, ILanes<V, T> where T : unmanaged, IBinaryNumber<T> =>
        V.Select(V.Gt(x, V.Zero), V.One, V.Select(V.Lt(x, V.Zero), -V.One, V.Zero));
}

/// <summary>Largest integer &lt;= x (TensorPrimitives' Floor is exact).</summary>
internal readonly struct FloorOp : IUnaryOp
{
    public static bool Vectorizes => false;
    public static T Scalar<T>(T x) where T : unmanaged, IBinaryNumber<T> => T.CreateTruncating(Math.Floor(double.CreateTruncating(x)));
    public static bool Span<T>(ReadOnlySpan<T> x, Span<T> d) where T : unmanaged, IBinaryNumber<T> => Primitives.Floor(x, d);
}

internal readonly struct EqualOp : ICompareOp
{
    public static bool Invoke<T>(T x, T y) where T : unmanaged, IBinaryNumber<T> => x == y;
}

internal readonly struct NotEqualOp : ICompareOp
{
    public static bool Invoke<T>(T x, T y) where T : unmanaged, IBinaryNumber<T> => x != y;
}

internal readonly struct GreaterOp : ICompareOp
{
    public static bool Invoke<T>(T x, T y) where T : unmanaged, IBinaryNumber<T> => x > y;
}

internal readonly struct GreaterEqualOp : ICompareOp
{
    public static bool Invoke<T>(T x, T y) where T : unmanaged, IBinaryNumber<T> => x >= y;
}

internal readonly struct LessOp : ICompareOp
{
    public static bool Invoke<T>(T x, T y) where T : unmanaged, IBinaryNumber<T> => x < y;
}

internal readonly struct LessEqualOp : ICompareOp
{
    public static bool Invoke<T>(T x, T y) where T : unmanaged, IBinaryNumber<T> => x <= y;
}

internal readonly struct IsNanOp : IPredicateOp
{
    public static bool Invoke<T>(T x) where T : unmanaged, IBinaryNumber<T> => T.IsNaN(x);
}

internal readonly struct IsFiniteOp : IPredicateOp
{
    public static bool Invoke<T>(T x) where T : unmanaged, IBinaryNumber<T> => T.IsFinite(x);
}
