using System.Numerics;

namespace TfLessons.Runtime.Kernels.Layer;

/// <summary>The dtypes an operator has a kernel for.</summary>
[Flags]
internal enum TypeSet
{
    Float32 = 1,
    Float64 = 2,
    Int32 = 4,
    Int64 = 8,
    UInt8 = 16,
    Bool = 32,
    Int16 = 64,
    Floating = Float32 | Float64,
    Numeric = Floating | Int16 | Int32 | Int64,
}

internal static class TypeSets
{
    public static bool Has(this TypeSet set, DType t) => t switch
    {
        DType.Float32 => set.HasFlag(TypeSet.Float32),
        DType.Float64 => set.HasFlag(TypeSet.Float64),
        DType.Int16 => set.HasFlag(TypeSet.Int16),
        DType.Int32 => set.HasFlag(TypeSet.Int32),
        DType.Int64 => set.HasFlag(TypeSet.Int64),
        DType.UInt8 => set.HasFlag(TypeSet.UInt8),
        DType.Bool => set.HasFlag(TypeSet.Bool),
        _ => false,
    };
}

/// <summary>
/// An elementwise operator of one input. It is written once over <see cref="ILanes{TSelf, T}"/> (the drivers run it on
/// every vector width and on the scalar tail), or, where no vector form keeps the bits (glibc float64 transcendental
/// functions), as a scalar function with <see cref="Vectorizes"/> false. Bools run as bytes holding 0 or 1.
/// </summary>
internal interface IUnaryOp
{
    static virtual TypeSet Types => TypeSet.Floating;
    static virtual bool Vectorizes => true;
    static virtual V Invoke<V, T>(V x) where V : struct, ILanes<V, T> where T : unmanaged, IBinaryNumber<T> => throw new NotSupportedException();
    static virtual T Scalar<T>(T x) where T : unmanaged, IBinaryNumber<T> => throw new NotSupportedException();

    /// <summary>A whole-span form (a TensorPrimitives primitive) taken instead of the loops when it returns true.</summary>
    static virtual bool Span<T>(ReadOnlySpan<T> x, Span<T> d) where T : unmanaged, IBinaryNumber<T> => false;
}

/// <summary>An elementwise operator of two inputs of one dtype; the driver broadcasts them.</summary>
internal interface IBinaryOp
{
    static virtual TypeSet Types => TypeSet.Numeric;
    static virtual bool Vectorizes => true;
    static virtual V Invoke<V, T>(V x, V y) where V : struct, ILanes<V, T> where T : unmanaged, IBinaryNumber<T> => throw new NotSupportedException();
    static virtual T Scalar<T>(T x, T y) where T : unmanaged, IBinaryNumber<T> => throw new NotSupportedException();
}

/// <summary>A comparison: two inputs of one dtype, a bool output; the driver broadcasts the inputs.</summary>
internal interface ICompareOp
{
    static abstract bool Invoke<T>(T x, T y) where T : unmanaged, IBinaryNumber<T>;
}

/// <summary>A test of one element: a bool output of the input's shape.</summary>
internal interface IPredicateOp
{
    static abstract bool Invoke<T>(T x) where T : unmanaged, IBinaryNumber<T>;
}

/// <summary>The per-step constants of a fused update, splatted once per vector width.</summary>
internal readonly struct Hyper<V>(V a, V b, V c, V d)
{
    public readonly V A = a, B = b, C = c, D = d;
}

/// <summary>
/// A fused in-place optimizer update: the variable, up to two slot arrays and the gradient, one element at a time.
/// Multiplies and adds round separately (no fused multiply-add), as TensorFlow's Eigen expressions evaluate.
/// </summary>
internal interface IUpdateOp
{
    /// <summary>How many slot arrays besides the variable (0, 1 or 2).</summary>
    static abstract int Slots { get; }

    /// <summary>Folds the op's scalar inputs into at most four loop constants, in T's own arithmetic, once per step.</summary>
    static abstract void Prepare<T>(ReadOnlySpan<T> inputs, Span<T> h) where T : unmanaged, IBinaryFloatingPointIeee754<T>;

    static abstract void Invoke<V, T>(ref V var, ref V s0, ref V s1, V g, in Hyper<V> h) where V : struct, ILanes<V, T> where T : unmanaged, IBinaryNumber<T>;
}

/// <summary>The body of a kernel that is not elementwise, written once for every numeric T; <see cref="Bind.Typed"/> binds it.</summary>
internal interface ITypedRun
{
    void Run<T>(NDArray?[] v) where T : unmanaged, INumber<T>, IMinMaxValue<T>;
}

/// <summary>As <see cref="ITypedRun"/>, for floating-point T only.</summary>
internal interface IFloatingRun
{
    void Run<T>(NDArray?[] v) where T : unmanaged, IFloatingPointIeee754<T>;
}
