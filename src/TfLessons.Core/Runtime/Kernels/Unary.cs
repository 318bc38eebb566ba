using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.Intrinsics;

namespace TfLessons.Kernels;

internal readonly struct NegOperator<T> : IUnaryOperator<T> where T : unmanaged, INumber<T>
{
    public static void Invoke(ReadOnlySpan<T> x, Span<T> d) => TensorPrimitives.Negate(x, d);
}

internal readonly struct SquareOperator<T> : IUnaryOperator<T> where T : unmanaged, INumber<T>
{
    public static void Invoke(ReadOnlySpan<T> x, Span<T> d) => TensorPrimitives.Multiply(x, x, d);
}

internal readonly struct SqrtOperator<T> : IUnaryOperator<T> where T : unmanaged, IRootFunctions<T>
{
    public static void Invoke(ReadOnlySpan<T> x, Span<T> d) => TensorPrimitives.Sqrt(x, d);
}

// NOTE: float64 transcendental ops call the C library one element at a time (Math.Exp is glibc's exp on Linux), the
// functions the course's NumPy results were computed with, so float64 lessons reproduce the notebooks to the last
// digit. float32 uses the vectorized TensorPrimitives versions.
internal readonly struct ExpOperator<T> : IUnaryOperator<T> where T : unmanaged, IExponentialFunctions<T>
{
    public static void Invoke(ReadOnlySpan<T> x, Span<T> d)
    {
        if (typeof(T) != typeof(double)) { TensorPrimitives.Exp(x, d); return; }
        for (int i = 0; i < d.Length; i++) d[i] = T.Exp(x[i]);
    }
}

internal readonly struct LogOperator<T> : IUnaryOperator<T> where T : unmanaged, ILogarithmicFunctions<T>
{
    public static void Invoke(ReadOnlySpan<T> x, Span<T> d)
    {
        if (typeof(T) != typeof(double)) { TensorPrimitives.Log(x, d); return; }
        for (int i = 0; i < d.Length; i++) d[i] = T.Log(x[i]);
    }
}

internal readonly struct TanhOperator<T> : IUnaryOperator<T> where T : unmanaged, IHyperbolicFunctions<T>
{
    public static void Invoke(ReadOnlySpan<T> x, Span<T> d)
    {
        if (typeof(T) != typeof(double)) { TensorPrimitives.Tanh(x, d); return; }
        for (int i = 0; i < d.Length; i++) d[i] = T.Tanh(x[i]);
    }
}

/// <summary>1 / (1 + exp(-x)), written as the course writes it.</summary>
internal readonly struct SigmoidOperator<T> : IUnaryOperator<T> where T : unmanaged, IExponentialFunctions<T>
{
    public static void Invoke(ReadOnlySpan<T> x, Span<T> d)
    {
        if (typeof(T) != typeof(double)) { TensorPrimitives.Sigmoid(x, d); return; }
        for (int i = 0; i < d.Length; i++) d[i] = T.One / (T.One + T.Exp(-x[i]));
    }
}

/// <summary>max(x, 0); NaN stays NaN as in TensorFlow's Relu.</summary>
internal readonly struct ReluOperator<T> : IUnaryOperator<T> where T : unmanaged, INumber<T>
{
    public static void Invoke(ReadOnlySpan<T> x, Span<T> d)
    {
        int i = 0, width = SimdWidth.MaxBits;
        if (width >= 512 && Vector512.IsHardwareAccelerated && Vector512<T>.IsSupported)
            for (; i <= x.Length - Vector512<T>.Count; i += Vector512<T>.Count)
            {
                var v = Vector512.Create(x.Slice(i, Vector512<T>.Count));
                Vector512.ConditionalSelect(Vector512.LessThan(v, Vector512<T>.Zero), Vector512<T>.Zero, v).CopyTo(d.Slice(i));
            }
        if (width >= 256 && Vector256.IsHardwareAccelerated && Vector256<T>.IsSupported)
            for (; i <= x.Length - Vector256<T>.Count; i += Vector256<T>.Count)
            {
                var v = Vector256.Create(x.Slice(i, Vector256<T>.Count));
                Vector256.ConditionalSelect(Vector256.LessThan(v, Vector256<T>.Zero), Vector256<T>.Zero, v).CopyTo(d.Slice(i));
            }
        if (width >= 128 && Vector128.IsHardwareAccelerated && Vector128<T>.IsSupported)
            for (; i <= x.Length - Vector128<T>.Count; i += Vector128<T>.Count)
            {
                var v = Vector128.Create(x.Slice(i, Vector128<T>.Count));
                Vector128.ConditionalSelect(Vector128.LessThan(v, Vector128<T>.Zero), Vector128<T>.Zero, v).CopyTo(d.Slice(i));
            }
        for (; i < x.Length; i++) d[i] = x[i] < T.Zero ? T.Zero : x[i];
    }
}

/// <summary>ReluGrad(dy, x) = dy where x &gt; 0, else 0.</summary>
internal readonly struct ReluGradOperator<T> : IBinaryOperator<T> where T : unmanaged, INumber<T>
{
    public static void Invoke(ReadOnlySpan<T> dy, ReadOnlySpan<T> x, Span<T> d)
    {
        int i = 0, width = SimdWidth.MaxBits;
        if (width >= 512 && Vector512.IsHardwareAccelerated && Vector512<T>.IsSupported)
            for (; i <= d.Length - Vector512<T>.Count; i += Vector512<T>.Count)
            {
                var g = Vector512.Create(dy.Slice(i, Vector512<T>.Count));
                var f = Vector512.Create(x.Slice(i, Vector512<T>.Count));
                Vector512.ConditionalSelect(Vector512.GreaterThan(f, Vector512<T>.Zero), g, Vector512<T>.Zero).CopyTo(d.Slice(i));
            }
        if (width >= 256 && Vector256.IsHardwareAccelerated && Vector256<T>.IsSupported)
            for (; i <= d.Length - Vector256<T>.Count; i += Vector256<T>.Count)
            {
                var g = Vector256.Create(dy.Slice(i, Vector256<T>.Count));
                var f = Vector256.Create(x.Slice(i, Vector256<T>.Count));
                Vector256.ConditionalSelect(Vector256.GreaterThan(f, Vector256<T>.Zero), g, Vector256<T>.Zero).CopyTo(d.Slice(i));
            }
        if (width >= 128 && Vector128.IsHardwareAccelerated && Vector128<T>.IsSupported)
            for (; i <= d.Length - Vector128<T>.Count; i += Vector128<T>.Count)
            {
                var g = Vector128.Create(dy.Slice(i, Vector128<T>.Count));
                var f = Vector128.Create(x.Slice(i, Vector128<T>.Count));
                Vector128.ConditionalSelect(Vector128.GreaterThan(f, Vector128<T>.Zero), g, Vector128<T>.Zero).CopyTo(d.Slice(i));
            }
        for (; i < d.Length; i++) d[i] = x[i] > T.Zero ? dy[i] : T.Zero;
    }

    public static void Invoke(ReadOnlySpan<T> dy, T x, Span<T> d) => throw new NotSupportedException("ReluGrad does not broadcast");
    public static void Invoke(T dy, ReadOnlySpan<T> x, Span<T> d) => throw new NotSupportedException("ReluGrad does not broadcast");
}

/// <summary>SigmoidGrad(y, dy) = dy * y * (1 - y).</summary>
internal readonly struct SigmoidGradOperator<T> : IBinaryOperator<T> where T : unmanaged, INumber<T>
{
    public static void Invoke(ReadOnlySpan<T> y, ReadOnlySpan<T> dy, Span<T> d)
    {
        for (int i = 0; i < d.Length; i++) d[i] = dy[i] * y[i] * (T.One - y[i]);
    }

    public static void Invoke(ReadOnlySpan<T> y, T dy, Span<T> d) => throw new NotSupportedException("SigmoidGrad does not broadcast");
    public static void Invoke(T y, ReadOnlySpan<T> dy, Span<T> d) => throw new NotSupportedException("SigmoidGrad does not broadcast");
}

/// <summary>TanhGrad(y, dy) = dy * (1 - y * y).</summary>
internal readonly struct TanhGradOperator<T> : IBinaryOperator<T> where T : unmanaged, INumber<T>
{
    public static void Invoke(ReadOnlySpan<T> y, ReadOnlySpan<T> dy, Span<T> d)
    {
        for (int i = 0; i < d.Length; i++) d[i] = dy[i] * (T.One - y[i] * y[i]);
    }

    public static void Invoke(ReadOnlySpan<T> y, T dy, Span<T> d) => throw new NotSupportedException("TanhGrad does not broadcast");
    public static void Invoke(T y, ReadOnlySpan<T> dy, Span<T> d) => throw new NotSupportedException("TanhGrad does not broadcast");
}

/// <summary>SqrtGrad(y, dy) = dy * 0.5 / y.</summary>
internal readonly struct SqrtGradOperator<T> : IBinaryOperator<T> where T : unmanaged, INumber<T>
{
    public static void Invoke(ReadOnlySpan<T> y, ReadOnlySpan<T> dy, Span<T> d)
    {
        T half = T.One / (T.One + T.One);
        for (int i = 0; i < d.Length; i++) d[i] = dy[i] * half / y[i];
    }

    public static void Invoke(ReadOnlySpan<T> y, T dy, Span<T> d) => throw new NotSupportedException("SqrtGrad does not broadcast");
    public static void Invoke(T y, ReadOnlySpan<T> dy, Span<T> d) => throw new NotSupportedException("SqrtGrad does not broadcast");
}

internal readonly struct UnsupportedOperator<T> : IBinaryOperator<T> where T : unmanaged
{
    public static void Invoke(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> d) => throw Fail();
    public static void Invoke(ReadOnlySpan<T> x, T y, Span<T> d) => throw Fail();
    public static void Invoke(T x, ReadOnlySpan<T> y, Span<T> d) => throw Fail();
    private static NotSupportedException Fail() => new($"this op has no kernel for {typeof(T).Name}");
}

/// <summary>Kernels that do not fit the operator drivers.</summary>
internal static class ElementKernels
{
    /// <summary>Sums the inputs left to right (((x0 + x1) + x2) ...), the order TensorFlow's AddN uses.</summary>
    public static void AddN<T>(NDArray?[] v, int[] slots, Span<T> d) where T : unmanaged, INumber<T>
    {
        TensorPrimitives.Add(v[slots[0]]!.Span<T>(), v[slots[1]]!.Span<T>(), d);
        for (int k = 2; k < slots.Length; k++) TensorPrimitives.Add(d, v[slots[k]]!.Span<T>(), d);
    }

    public static Func<double, double, bool> Comparison(string type) => type switch
    {
        "Equal" => (a, b) => a == b,
        "NotEqual" => (a, b) => a != b,
        "Greater" => (a, b) => a > b,
        "GreaterEqual" => (a, b) => a >= b,
        "Less" => (a, b) => a < b,
        "LessEqual" => (a, b) => a <= b,
        _ => throw new ArgumentException(type),
    };

    public static void Compare(BroadcastLayout l, NDArray x, NDArray y, Span<bool> d, Func<double, double, bool> cmp)
    {
        int inner = l.Inner;
        for (int c = 0; c < l.XOffsets.Length; c++)
        {
            for (int i = 0; i < inner; i++)
            {
                double a = x.GetDouble(l.XRepeats ? l.XOffsets[c] : l.XOffsets[c] + i);
                double b = y.GetDouble(l.YRepeats ? l.YOffsets[c] : l.YOffsets[c] + i);
                d[c * inner + i] = cmp(a, b);
            }
        }
    }
}
