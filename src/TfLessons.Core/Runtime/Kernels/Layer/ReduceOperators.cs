using System.Numerics;
using System.Numerics.Tensors;

namespace TfLessons.Runtime.Kernels.Layer;

/// <summary>
/// A reduction operator: how to reduce one contiguous block, how to fold one row into an accumulator row, and one
/// element into an accumulator (for axis sets that are not one block). Sums keep NumPy's pairwise order.
/// </summary>
internal interface IReduceOp
{
    /// <summary>The accumulator's starting value.</summary>
    static abstract T Start<T>() where T : unmanaged, INumber<T>, IMinMaxValue<T>;

    /// <summary>The result of reducing no elements.</summary>
    static virtual T Empty<T>() where T : unmanaged, INumber<T>, IMinMaxValue<T> => T.Zero;

    static abstract T Whole<T>(ReadOnlySpan<T> x) where T : unmanaged, INumber<T>, IMinMaxValue<T>;
    static abstract void Rows<T>(Span<T> acc, ReadOnlySpan<T> next) where T : unmanaged, INumber<T>, IMinMaxValue<T>;
    static abstract T Combine<T>(T acc, T x) where T : unmanaged, INumber<T>, IMinMaxValue<T>;

    /// <summary>Whether the result is divided by the number of reduced elements.</summary>
    static virtual bool Mean => false;
}

internal readonly struct SumReduce : IReduceOp
{
    public static T Start<T>() where T : unmanaged, INumber<T>, IMinMaxValue<T> => T.Zero;
    public static T Whole<T>(ReadOnlySpan<T> x) where T : unmanaged, INumber<T>, IMinMaxValue<T> => Reductions.PairwiseSum(x);
    public static void Rows<T>(Span<T> acc, ReadOnlySpan<T> next) where T : unmanaged, INumber<T>, IMinMaxValue<T> => TensorPrimitives.Add(acc, next, acc);
    public static T Combine<T>(T acc, T x) where T : unmanaged, INumber<T>, IMinMaxValue<T> => acc + x;
}

internal readonly struct MeanReduce : IReduceOp
{
    public static bool Mean => true;
    public static T Start<T>() where T : unmanaged, INumber<T>, IMinMaxValue<T> => T.Zero;
    public static T Empty<T>() where T : unmanaged, INumber<T>, IMinMaxValue<T> => T.Zero / T.Zero;
    public static T Whole<T>(ReadOnlySpan<T> x) where T : unmanaged, INumber<T>, IMinMaxValue<T> => Reductions.PairwiseSum(x);
    public static void Rows<T>(Span<T> acc, ReadOnlySpan<T> next) where T : unmanaged, INumber<T>, IMinMaxValue<T> => TensorPrimitives.Add(acc, next, acc);
    public static T Combine<T>(T acc, T x) where T : unmanaged, INumber<T>, IMinMaxValue<T> => acc + x;
}

/// <summary>The largest element; NaN propagates and +0 is above -0 (IEEE maximum, as TensorPrimitives and Math.Max).</summary>
internal readonly struct MaxReduce : IReduceOp
{
    public static T Start<T>() where T : unmanaged, INumber<T>, IMinMaxValue<T> => T.MinValue;
    public static T Empty<T>() where T : unmanaged, INumber<T>, IMinMaxValue<T> => T.MinValue;
    public static T Whole<T>(ReadOnlySpan<T> x) where T : unmanaged, INumber<T>, IMinMaxValue<T> => TensorPrimitives.Max(x);
    public static void Rows<T>(Span<T> acc, ReadOnlySpan<T> next) where T : unmanaged, INumber<T>, IMinMaxValue<T> => TensorPrimitives.Max(acc, next, acc);
    public static T Combine<T>(T acc, T x) where T : unmanaged, INumber<T>, IMinMaxValue<T> => T.Max(acc, x);
}

/// <summary>The smallest element; NaN propagates and -0 is below +0.</summary>
internal readonly struct MinReduce : IReduceOp
{
    public static T Start<T>() where T : unmanaged, INumber<T>, IMinMaxValue<T> => T.MaxValue;
    public static T Empty<T>() where T : unmanaged, INumber<T>, IMinMaxValue<T> => T.MaxValue;
    public static T Whole<T>(ReadOnlySpan<T> x) where T : unmanaged, INumber<T>, IMinMaxValue<T> => TensorPrimitives.Min(x);
    public static void Rows<T>(Span<T> acc, ReadOnlySpan<T> next) where T : unmanaged, INumber<T>, IMinMaxValue<T> => TensorPrimitives.Min(acc, next, acc);
    public static T Combine<T>(T acc, T x) where T : unmanaged, INumber<T>, IMinMaxValue<T> => T.Min(acc, x);
}
