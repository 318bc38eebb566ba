using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;

namespace TfLessons.Runtime.Kernels.Layer;

// NOTE: float64 transcendental ops call the C library one element at a time (Math.Exp is glibc's exp on Linux), the
// functions the course's NumPy results were computed with, so float64 lessons reproduce the notebooks to the last
// digit. float32 takes the vectorized TensorPrimitives versions, whose digits the TensorFlow float32 tests hold.

internal readonly struct ExpOp : IUnaryOp
{
    public static bool Vectorizes => false;
    public static T Scalar<T>(T x) where T : unmanaged, IBinaryNumber<T> => T.CreateTruncating(Math.Exp(double.CreateTruncating(x)));
    public static bool Span<T>(ReadOnlySpan<T> x, Span<T> d) where T : unmanaged, IBinaryNumber<T> => Primitives.Exp(x, d);
}

internal readonly struct LogOp : IUnaryOp
{
    public static bool Vectorizes => false;
    public static T Scalar<T>(T x) where T : unmanaged, IBinaryNumber<T> => T.CreateTruncating(Math.Log(double.CreateTruncating(x)));
    public static bool Span<T>(ReadOnlySpan<T> x, Span<T> d) where T : unmanaged, IBinaryNumber<T> => Primitives.Log(x, d);
}

internal readonly struct TanhOp : IUnaryOp
{
    public static bool Vectorizes => false;
    public static T Scalar<T>(T x) where T : unmanaged, IBinaryNumber<T> => T.CreateTruncating(Math.Tanh(double.CreateTruncating(x)));
    public static bool Span<T>(ReadOnlySpan<T> x, Span<T> d) where T : unmanaged, IBinaryNumber<T> => Primitives.Tanh(x, d);
}

/// <summary>1 / (1 + exp(-x)), written as the course writes it.</summary>
internal readonly struct SigmoidOp : IUnaryOp
{
    public static bool Vectorizes => false;
    public static T Scalar<T>(T x) where T : unmanaged, IBinaryNumber<T> => T.CreateTruncating(1 / (1 + Math.Exp(-double.CreateTruncating(x))));
    public static bool Span<T>(ReadOnlySpan<T> x, Span<T> d) where T : unmanaged, IBinaryNumber<T> => Primitives.Sigmoid(x, d);
}

/// <summary>log(1 + x) without cancellation; float32 is computed in float64 and rounded once.</summary>
internal readonly struct Log1pOp : IUnaryOp
{
    public static bool Vectorizes => false;
    public static T Scalar<T>(T x) where T : unmanaged, IBinaryNumber<T> => T.CreateTruncating(MathExtra.Log1p(double.CreateTruncating(x)));
}

/// <summary>exp(x) - 1 without cancellation; float32 is computed in float64 and rounded once.</summary>
internal readonly struct Expm1Op : IUnaryOp
{
    public static bool Vectorizes => false;
    public static T Scalar<T>(T x) where T : unmanaged, IBinaryNumber<T> => T.CreateTruncating(MathExtra.Expm1(double.CreateTruncating(x)));
}

/// <summary>The float32 TensorPrimitives forms the operators above take; other dtypes return false (the scalar loop).</summary>
internal static class Primitives
{
    public static bool Exp<T>(ReadOnlySpan<T> x, Span<T> d) where T : unmanaged
    {
        if (typeof(T) != typeof(float)) return false;
        TensorPrimitives.Exp(F(x), F(d));
        return true;
    }

    public static bool Log<T>(ReadOnlySpan<T> x, Span<T> d) where T : unmanaged
    {
        if (typeof(T) != typeof(float)) return false;
        TensorPrimitives.Log(F(x), F(d));
        return true;
    }

    public static bool Tanh<T>(ReadOnlySpan<T> x, Span<T> d) where T : unmanaged
    {
        if (typeof(T) != typeof(float)) return false;
        TensorPrimitives.Tanh(F(x), F(d));
        return true;
    }

    public static bool Sigmoid<T>(ReadOnlySpan<T> x, Span<T> d) where T : unmanaged
    {
        if (typeof(T) != typeof(float)) return false;
        TensorPrimitives.Sigmoid(F(x), F(d));
        return true;
    }

    /// <summary>Floor is exact at every width, so both floating dtypes take it.</summary>
    public static bool Floor<T>(ReadOnlySpan<T> x, Span<T> d) where T : unmanaged
    {
        if (typeof(T) == typeof(float)) TensorPrimitives.Floor(F(x), F(d));
        else if (typeof(T) == typeof(double)) TensorPrimitives.Floor(MemoryMarshal.Cast<T, double>(x), MemoryMarshal.Cast<T, double>(d));
        else return false;
        return true;
    }

    private static ReadOnlySpan<float> F<T>(ReadOnlySpan<T> x) where T : unmanaged => MemoryMarshal.Cast<T, float>(x);
    private static Span<float> F<T>(Span<T> x) where T : unmanaged => MemoryMarshal.Cast<T, float>(x);
}

/// <summary>
/// SigmoidCrossEntropyWithLogits(z, x) = max(x, 0) - x * z + log1p(exp(-|x|)). float32 rounds to float32 after every
/// step, as TensorFlow's graph of where, sub, mul, exp, log1p and add does, with a true log1p.
/// </summary>
internal readonly struct SigmoidCrossEntropyOp : IBinaryOp
{
    public static TypeSet Types => TypeSet.Floating;
    public static bool Vectorizes => false;

    public static T Scalar<T>(T z, T x) where T : unmanaged, IBinaryNumber<T>
    {
        if (typeof(T) == typeof(float))
        {
            float zf = float.CreateTruncating(z), xf = float.CreateTruncating(x);
            float relu = xf >= 0 ? xf : 0f, negAbs = xf >= 0 ? -xf : xf;
            float log1p = (float)MathExtra.Log1p((float)Math.Exp(negAbs));
            float first = relu - xf * zf;
            return T.CreateTruncating(first + log1p);
        }
        double zd = double.CreateTruncating(z), xd = double.CreateTruncating(x);
        return T.CreateTruncating((xd >= 0 ? xd : 0) - xd * zd + MathExtra.Log1p(Math.Exp(xd >= 0 ? -xd : xd)));
    }
}
