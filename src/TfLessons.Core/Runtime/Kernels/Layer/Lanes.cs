using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace TfLessons.Runtime.Kernels.Layer;

/// <summary>
/// The arithmetic an operator may use, over one element (<see cref="Scalar{T}"/>) or one hardware vector
/// (<see cref="V128{T}"/>, <see cref="V256{T}"/>, <see cref="V512{T}"/>). An operator is written once against this
/// interface, so the vector loops and the scalar tail run the same sequence of IEEE roundings: every width gives the
/// same bits, and no width fuses a multiply with an add. Masks are all-ones or all-zero lanes.
/// </summary>
internal interface ILanes<TSelf, T> where TSelf : struct, ILanes<TSelf, T> where T : unmanaged, IBinaryNumber<T>
{
    static abstract int Count { get; }
    static abstract TSelf Load(ref T p, int i);
    static abstract void Store(TSelf v, ref T p, int i);
    static abstract TSelf Splat(T x);
    static abstract TSelf Zero { get; }
    static abstract TSelf One { get; }
    static abstract TSelf operator +(TSelf a, TSelf b);
    static abstract TSelf operator -(TSelf a, TSelf b);
    static abstract TSelf operator *(TSelf a, TSelf b);
    static abstract TSelf operator /(TSelf a, TSelf b);
    static abstract TSelf operator -(TSelf a);
    static abstract TSelf operator &(TSelf a, TSelf b);
    static abstract TSelf operator |(TSelf a, TSelf b);
    static abstract TSelf operator ^(TSelf a, TSelf b);
    static abstract TSelf operator ~(TSelf a);
    static abstract TSelf Sqrt(TSelf a);
    static abstract TSelf Eq(TSelf a, TSelf b);
    static abstract TSelf Lt(TSelf a, TSelf b);
    static abstract TSelf Le(TSelf a, TSelf b);
    static abstract TSelf Gt(TSelf a, TSelf b);
    static abstract TSelf Ge(TSelf a, TSelf b);
    /// <summary>a where the mask is set, else b.</summary>
    static abstract TSelf Select(TSelf mask, TSelf a, TSelf b);
}

internal readonly struct Scalar<T>(T v) : ILanes<Scalar<T>, T> where T : unmanaged, IBinaryNumber<T>
{
    public readonly T V = v;
    private static Scalar<T> Mask(bool b) => new(b ? T.AllBitsSet : T.Zero);

    public static int Count => 1;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Scalar<T> Load(ref T p, int i) => new(Unsafe.Add(ref p, i));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void Store(Scalar<T> v, ref T p, int i) => Unsafe.Add(ref p, i) = v.V;
    public static Scalar<T> Splat(T x) => new(x);
    public static Scalar<T> Zero => new(T.Zero);
    public static Scalar<T> One => new(T.One);
    public static Scalar<T> operator +(Scalar<T> a, Scalar<T> b) => new(unchecked(a.V + b.V));
    public static Scalar<T> operator -(Scalar<T> a, Scalar<T> b) => new(unchecked(a.V - b.V));
    public static Scalar<T> operator *(Scalar<T> a, Scalar<T> b) => new(unchecked(a.V * b.V));
    public static Scalar<T> operator /(Scalar<T> a, Scalar<T> b) => new(a.V / b.V);
    public static Scalar<T> operator -(Scalar<T> a) => new(unchecked(-a.V));
    public static Scalar<T> operator &(Scalar<T> a, Scalar<T> b) => new(a.V & b.V);
    public static Scalar<T> operator |(Scalar<T> a, Scalar<T> b) => new(a.V | b.V);
    public static Scalar<T> operator ^(Scalar<T> a, Scalar<T> b) => new(a.V ^ b.V);
    public static Scalar<T> operator ~(Scalar<T> a) => new(~a.V);
    public static Scalar<T> Sqrt(Scalar<T> a) => new(typeof(T) == typeof(float)
        ? T.CreateTruncating(MathF.Sqrt(float.CreateTruncating(a.V))) : T.CreateTruncating(Math.Sqrt(double.CreateTruncating(a.V))));
    public static Scalar<T> Eq(Scalar<T> a, Scalar<T> b) => Mask(a.V == b.V);
    public static Scalar<T> Lt(Scalar<T> a, Scalar<T> b) => Mask(a.V < b.V);
    public static Scalar<T> Le(Scalar<T> a, Scalar<T> b) => Mask(a.V <= b.V);
    public static Scalar<T> Gt(Scalar<T> a, Scalar<T> b) => Mask(a.V > b.V);
    public static Scalar<T> Ge(Scalar<T> a, Scalar<T> b) => Mask(a.V >= b.V);
    // The mask's bits decide, not its value as a T: an all-ones float is a NaN.
    public static Scalar<T> Select(Scalar<T> mask, Scalar<T> a, Scalar<T> b) => IsSet(mask.V) ? a : b;

    private static bool IsSet(T m) => Unsafe.SizeOf<T>() switch
    {
        1 => Unsafe.As<T, byte>(ref m) != 0,
        4 => Unsafe.As<T, int>(ref m) != 0,
        _ => Unsafe.As<T, long>(ref m) != 0,
    };
}

internal readonly struct V128<T>(Vector128<T> v) : ILanes<V128<T>, T> where T : unmanaged, IBinaryNumber<T>
{
    public readonly Vector128<T> V = v;
    public static int Count => Vector128<T>.Count;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static V128<T> Load(ref T p, int i) => new(Vector128.LoadUnsafe(ref p, (nuint)i));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void Store(V128<T> v, ref T p, int i) => v.V.StoreUnsafe(ref p, (nuint)i);
    public static V128<T> Splat(T x) => new(Vector128.Create(x));
    public static V128<T> Zero => new(Vector128<T>.Zero);
    public static V128<T> One => new(Vector128<T>.One);
    public static V128<T> operator +(V128<T> a, V128<T> b) => new(a.V + b.V);
    public static V128<T> operator -(V128<T> a, V128<T> b) => new(a.V - b.V);
    public static V128<T> operator *(V128<T> a, V128<T> b) => new(a.V * b.V);
    public static V128<T> operator /(V128<T> a, V128<T> b) => new(a.V / b.V);
    public static V128<T> operator -(V128<T> a) => new(-a.V);
    public static V128<T> operator &(V128<T> a, V128<T> b) => new(a.V & b.V);
    public static V128<T> operator |(V128<T> a, V128<T> b) => new(a.V | b.V);
    public static V128<T> operator ^(V128<T> a, V128<T> b) => new(a.V ^ b.V);
    public static V128<T> operator ~(V128<T> a) => new(~a.V);
    public static V128<T> Sqrt(V128<T> a) => new(Vector128.Sqrt(a.V));
    public static V128<T> Eq(V128<T> a, V128<T> b) => new(Vector128.Equals(a.V, b.V));
    public static V128<T> Lt(V128<T> a, V128<T> b) => new(Vector128.LessThan(a.V, b.V));
    public static V128<T> Le(V128<T> a, V128<T> b) => new(Vector128.LessThanOrEqual(a.V, b.V));
    public static V128<T> Gt(V128<T> a, V128<T> b) => new(Vector128.GreaterThan(a.V, b.V));
    public static V128<T> Ge(V128<T> a, V128<T> b) => new(Vector128.GreaterThanOrEqual(a.V, b.V));
    public static V128<T> Select(V128<T> mask, V128<T> a, V128<T> b) => new(Vector128.ConditionalSelect(mask.V, a.V, b.V));
}

internal readonly struct V256<T>(Vector256<T> v) : ILanes<V256<T>, T> where T : unmanaged, IBinaryNumber<T>
{
    public readonly Vector256<T> V = v;
    public static int Count => Vector256<T>.Count;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static V256<T> Load(ref T p, int i) => new(Vector256.LoadUnsafe(ref p, (nuint)i));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void Store(V256<T> v, ref T p, int i) => v.V.StoreUnsafe(ref p, (nuint)i);
    public static V256<T> Splat(T x) => new(Vector256.Create(x));
    public static V256<T> Zero => new(Vector256<T>.Zero);
    public static V256<T> One => new(Vector256<T>.One);
    public static V256<T> operator +(V256<T> a, V256<T> b) => new(a.V + b.V);
    public static V256<T> operator -(V256<T> a, V256<T> b) => new(a.V - b.V);
    public static V256<T> operator *(V256<T> a, V256<T> b) => new(a.V * b.V);
    public static V256<T> operator /(V256<T> a, V256<T> b) => new(a.V / b.V);
    public static V256<T> operator -(V256<T> a) => new(-a.V);
    public static V256<T> operator &(V256<T> a, V256<T> b) => new(a.V & b.V);
    public static V256<T> operator |(V256<T> a, V256<T> b) => new(a.V | b.V);
    public static V256<T> operator ^(V256<T> a, V256<T> b) => new(a.V ^ b.V);
    public static V256<T> operator ~(V256<T> a) => new(~a.V);
    public static V256<T> Sqrt(V256<T> a) => new(Vector256.Sqrt(a.V));
    public static V256<T> Eq(V256<T> a, V256<T> b) => new(Vector256.Equals(a.V, b.V));
    public static V256<T> Lt(V256<T> a, V256<T> b) => new(Vector256.LessThan(a.V, b.V));
    public static V256<T> Le(V256<T> a, V256<T> b) => new(Vector256.LessThanOrEqual(a.V, b.V));
    public static V256<T> Gt(V256<T> a, V256<T> b) => new(Vector256.GreaterThan(a.V, b.V));
    public static V256<T> Ge(V256<T> a, V256<T> b) => new(Vector256.GreaterThanOrEqual(a.V, b.V));
    public static V256<T> Select(V256<T> mask, V256<T> a, V256<T> b) => new(Vector256.ConditionalSelect(mask.V, a.V, b.V));
}

internal readonly struct V512<T>(Vector512<T> v) : ILanes<V512<T>, T> where T : unmanaged, IBinaryNumber<T>
{
    public readonly Vector512<T> V = v;
    public static int Count => Vector512<T>.Count;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static V512<T> Load(ref T p, int i) => new(Vector512.LoadUnsafe(ref p, (nuint)i));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void Store(V512<T> v, ref T p, int i) => v.V.StoreUnsafe(ref p, (nuint)i);
    public static V512<T> Splat(T x) => new(Vector512.Create(x));
    public static V512<T> Zero => new(Vector512<T>.Zero);
    public static V512<T> One => new(Vector512<T>.One);
    public static V512<T> operator +(V512<T> a, V512<T> b) => new(a.V + b.V);
    public static V512<T> operator -(V512<T> a, V512<T> b) => new(a.V - b.V);
    public static V512<T> operator *(V512<T> a, V512<T> b) => new(a.V * b.V);
    public static V512<T> operator /(V512<T> a, V512<T> b) => new(a.V / b.V);
    public static V512<T> operator -(V512<T> a) => new(-a.V);
    public static V512<T> operator &(V512<T> a, V512<T> b) => new(a.V & b.V);
    public static V512<T> operator |(V512<T> a, V512<T> b) => new(a.V | b.V);
    public static V512<T> operator ^(V512<T> a, V512<T> b) => new(a.V ^ b.V);
    public static V512<T> operator ~(V512<T> a) => new(~a.V);
    public static V512<T> Sqrt(V512<T> a) => new(Vector512.Sqrt(a.V));
    public static V512<T> Eq(V512<T> a, V512<T> b) => new(Vector512.Equals(a.V, b.V));
    public static V512<T> Lt(V512<T> a, V512<T> b) => new(Vector512.LessThan(a.V, b.V));
    public static V512<T> Le(V512<T> a, V512<T> b) => new(Vector512.LessThanOrEqual(a.V, b.V));
    public static V512<T> Gt(V512<T> a, V512<T> b) => new(Vector512.GreaterThan(a.V, b.V));
    public static V512<T> Ge(V512<T> a, V512<T> b) => new(Vector512.GreaterThanOrEqual(a.V, b.V));
    public static V512<T> Select(V512<T> mask, V512<T> a, V512<T> b) => new(Vector512.ConditionalSelect(mask.V, a.V, b.V));
}
