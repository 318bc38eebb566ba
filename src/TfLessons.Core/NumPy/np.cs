using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace TfLessons;

/// <summary>The NumPy names that make arrays: <c>np.array</c>, <c>np.zeros</c>, <c>np.arange</c>, ...</summary>
public static partial class np
{
    public static readonly DType float32 = DType.Float32;
    public static readonly DType float64 = DType.Float64;
    public static readonly DType int32 = DType.Int32;
    public static readonly DType int64 = DType.Int64;
    public static readonly DType @bool = DType.Bool;
    public static readonly DType uint8 = DType.UInt8;
    public static readonly DType int16 = DType.Int16;

    /// <summary>NumPy's <c>np.newaxis</c> for the object indexer and <see cref="Slice"/> lists.</summary>
    public static readonly Slice newaxis = Slice.NewAxis;

    public static NDArray array(float value) => new(DType.Float32, [], new[] { value });
    public static NDArray array(double value) => new(DType.Float64, [], new[] { value });
    public static NDArray array(int value) => new(DType.Int32, [], new[] { value });
    public static NDArray array(long value) => new(DType.Int64, [], new[] { value });
    public static NDArray array(bool value) => new(DType.Bool, [], new[] { value });
    public static NDArray array(params float[] values) => new(DType.Float32, [values.Length], (float[])values.Clone());

    public static NDArray array(params double[] values) =>
        new(DType.Float64, [values.Length], (double[])values.Clone());
    public static NDArray array(params int[] values) => new(DType.Int32, [values.Length], (int[])values.Clone());
    public static NDArray array(params long[] values) => new(DType.Int64, [values.Length], (long[])values.Clone());
    public static NDArray array(params bool[] values) => new(DType.Bool, [values.Length], (bool[])values.Clone());
    public static NDArray array(params byte[] values) => new(DType.UInt8, [values.Length], (byte[])values.Clone());
    public static NDArray array(byte value) => new(DType.UInt8, [], new[] { value });
    public static NDArray array(byte[,] values) => FromMulti<byte>(values);
    public static NDArray array(int[,,] values) => FromMulti<int>(values);
    public static NDArray array(float[,,,] values) => FromMulti<float>(values);

    /// <summary>A copy of <paramref name="a"/>, optionally cast (NumPy's <c>np.array(a, dtype)</c>).</summary>
    public static NDArray array(NDArray a, DType? dtype = null) =>
        dtype is { } d && d != a.DType ? astype(a, d) : a.Copy();
    public static NDArray array(float[,] values) => FromMulti<float>(values);
    public static NDArray array(double[,] values) => FromMulti<double>(values);
    public static NDArray array(int[,] values) => FromMulti<int>(values);
    public static NDArray array(long[,] values) => FromMulti<long>(values);
    public static NDArray array(bool[,] values) => FromMulti<bool>(values);
    public static NDArray array(float[,,] values) => FromMulti<float>(values);
    public static NDArray array(double[,,] values) => FromMulti<double>(values);

    /// <summary>TensorFlow.NET's <c>np.array&lt;T&gt;(params T[])</c>: a vector of the values, of T's dtype.</summary>
    public static NDArray array<T>(params T[] values)
        where T : unmanaged => new(DTypes.Of<T>(), [values.Length], (T[])values.Clone());

    /// <summary>An array over existing row-major data (copied) with the given shape.</summary>
    public static NDArray array<T>(T[] data, params int[] shape) where T : unmanaged
    {
        int size = NDArray.ShapeSize(shape);
        if (size != data.Length)
            throw new ArgumentException(
                $"np.array: {data.Length} values do not fill shape {Shape.Format(shape)} ({size} elements)"
            );
        return new NDArray(DTypes.Of<T>(), (int[])shape.Clone(), (T[])data.Clone());
    }

    /// <summary>Wraps <paramref name="data"/> (row-major) as an array of the given shape without copying it: the caller
    /// hands it over.</summary>
    public static NDArray wrap<T>(T[] data, params int[] shape) where T : unmanaged
    {
        int size = NDArray.ShapeSize(shape);
        if (size != data.Length)
            throw new ArgumentException(
                $"np.wrap: {data.Length} values do not fill shape {Shape.Format(shape)} ({size} elements)"
            );
        return new NDArray(DTypes.Of<T>(), (int[])shape.Clone(), data);
    }

    private static NDArray FromMulti<T>(Array values) where T : unmanaged
    {
        var shape = new int[values.Rank];
        for (int i = 0; i < shape.Length; i++) shape[i] = values.GetLength(i);
        var data = new T[values.Length];
        // Multi-dimensional CLR arrays are row-major, so a raw block copy keeps NumPy's order.
        ref byte source = ref MemoryMarshal.GetArrayDataReference(values);
        Unsafe.CopyBlockUnaligned(
            ref Unsafe.As<T, byte>(ref MemoryMarshal.GetArrayDataReference(data)),
            ref source,
            (uint)(data.Length * Unsafe.SizeOf<T>())
        );
        return new NDArray(DTypes.Of<T>(), shape, data);
    }

    public static NDArray zeros(Shape shape, DType? dtype = null) => new(dtype ?? DType.Float64, shape.ToArray());

    public static NDArray ones(Shape shape, DType? dtype = null) => full(shape, 1.0, dtype);

    public static NDArray full(Shape shape, double value, DType? dtype = null)
    {
        var result = new NDArray(dtype ?? DType.Float64, shape.ToArray());
        for (int i = 0; i < result.Size; i++) result.SetDouble(i, value);
        return result;
    }

    public static NDArray zeros_like(NDArray a) => new(a.DType, a.Dims);
    public static NDArray ones_like(NDArray a) => full(a.Dims, 1.0, a.DType);

    /// <summary>Integers 0..stop-1 as int64, like NumPy's <c>arange(stop)</c> on Linux.</summary>
    public static NDArray arange(int stop) => arange(0, stop, 1);

    public static NDArray arange(int start, int stop, int step = 1)
    {
        if (step == 0) throw new ArgumentException("np.arange: step must not be zero");
        int n = Math.Max(0, (int)Math.Ceiling((stop - start) / (double)step));
        var data = new long[n];
        for (int i = 0; i < n; i++) data[i] = start + (long)i * step;
        return new NDArray(DType.Int64, [n], data);
    }

    /// <summary>Evenly spaced doubles in [start, stop), like <c>np.arange(start, stop, step)</c> with float
    /// arguments.</summary>
    public static NDArray arange(double start, double stop, double step)
    {
        int n = Math.Max(0, (int)Math.Ceiling((stop - start) / step));
        var data = new double[n];
        for (int i = 0; i < n; i++) data[i] = start + i * step;
        return new NDArray(DType.Float64, [n], data);
    }
}
