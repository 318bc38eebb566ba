using System.Runtime.CompilerServices;

namespace TfLessons.NumPy;

/// <summary>Dtype-dispatched reads and writes of single elements in an array's storage.</summary>
internal static class Elements
{
    public static double ReadDouble(Array data, DType dtype, int pos) => dtype switch
    {
        DType.Float32 => Unsafe.As<float[]>(data)[pos],
        DType.Float64 => Unsafe.As<double[]>(data)[pos],
        DType.Int32 => Unsafe.As<int[]>(data)[pos],
        DType.Int64 => Unsafe.As<long[]>(data)[pos],
        DType.UInt8 => Unsafe.As<byte[]>(data)[pos],
        DType.Int16 => Unsafe.As<short[]>(data)[pos],
        DType.Bool => Unsafe.As<bool[]>(data)[pos] ? 1 : 0,
        _ => throw new InvalidOperationException($"no elements of dtype {dtype}"),
    };

    /// <summary>Integer read; floats truncate toward zero like NumPy's astype.</summary>
    public static long ReadLong(Array data, DType dtype, int pos) => dtype switch
    {
        DType.Int32 => Unsafe.As<int[]>(data)[pos],
        DType.Int64 => Unsafe.As<long[]>(data)[pos],
        DType.UInt8 => Unsafe.As<byte[]>(data)[pos],
        DType.Int16 => Unsafe.As<short[]>(data)[pos],
        DType.Bool => Unsafe.As<bool[]>(data)[pos] ? 1 : 0,
        DType.Float32 => FloatToLong(Unsafe.As<float[]>(data)[pos]),
        DType.Float64 => FloatToLong(Unsafe.As<double[]>(data)[pos]),
        _ => throw new InvalidOperationException($"no elements of dtype {dtype}"),
    };

    public static bool ReadBool(Array data, DType dtype, int pos) =>
        dtype == DType.Bool ? Unsafe.As<bool[]>(data)[pos] : ReadDouble(data, dtype, pos) != 0;

    public static void WriteDouble(Array data, DType dtype, int pos, double value)
    {
        switch (dtype)
        {
            case DType.Float32: Unsafe.As<float[]>(data)[pos] = (float)value; break;
            case DType.Float64: Unsafe.As<double[]>(data)[pos] = value; break;
            case DType.Int32: Unsafe.As<int[]>(data)[pos] = (int)FloatToLong(value); break;
            case DType.Int64: Unsafe.As<long[]>(data)[pos] = FloatToLong(value); break;
            case DType.UInt8: Unsafe.As<byte[]>(data)[pos] = (byte)FloatToLong(value); break;
            case DType.Int16: Unsafe.As<short[]>(data)[pos] = (short)FloatToLong(value); break;
            case DType.Bool: Unsafe.As<bool[]>(data)[pos] = value != 0; break;
            default: throw new InvalidOperationException($"no elements of dtype {dtype}");
        }
    }

    /// <summary>Integer write with NumPy's wrap-around for the narrower integer types.</summary>
    public static void WriteLong(Array data, DType dtype, int pos, long value)
    {
        switch (dtype)
        {
            case DType.Int32: Unsafe.As<int[]>(data)[pos] = unchecked((int)value); break;
            case DType.Int64: Unsafe.As<long[]>(data)[pos] = value; break;
            case DType.UInt8: Unsafe.As<byte[]>(data)[pos] = unchecked((byte)value); break;
            case DType.Int16: Unsafe.As<short[]>(data)[pos] = unchecked((short)value); break;
            case DType.Bool: Unsafe.As<bool[]>(data)[pos] = value != 0; break;
            case DType.Float32: Unsafe.As<float[]>(data)[pos] = value; break;
            case DType.Float64: Unsafe.As<double[]>(data)[pos] = value; break;
            default: throw new InvalidOperationException($"no elements of dtype {dtype}");
        }
    }

    /// <summary>Copies one element between storages of possibly different dtypes, with NumPy's casting.</summary>
    public static void Convert(Array src, DType srcType, int srcPos, Array dst, DType dstType, int dstPos)
    {
        if (dstType == DType.Bool)
            Unsafe.As<bool[]>(dst)[dstPos] = ReadBool(src, srcType, srcPos);
        else if (dstType.IsFloating() || srcType.IsFloating() && dstType != DType.Bool)
            WriteFromDouble(src, srcType, srcPos, dst, dstType, dstPos);
        else
            WriteLong(dst, dstType, dstPos, ReadLong(src, srcType, srcPos));
    }

    private static void WriteFromDouble(Array src, DType srcType, int srcPos, Array dst, DType dstType, int dstPos)
    {
        if (dstType.IsFloating() && !srcType.IsFloating())
            WriteDouble(dst, dstType, dstPos, ReadLong(src, srcType, srcPos));
        else
            WriteDouble(dst, dstType, dstPos, ReadDouble(src, srcType, srcPos));
    }

    /// <summary>Dense copy of the elements at <paramref name="positions"/>, same dtype.</summary>
    public static void Gather(Array src, int[] positions, Array dst)
    {
        switch (src)
        {
            case float[] f: GatherTyped(f, positions, (float[])dst); break;
            case double[] d: GatherTyped(d, positions, (double[])dst); break;
            case int[] i: GatherTyped(i, positions, (int[])dst); break;
            case long[] l: GatherTyped(l, positions, (long[])dst); break;
            case byte[] b: GatherTyped(b, positions, (byte[])dst); break;
            case short[] s: GatherTyped(s, positions, (short[])dst); break;
            case bool[] b: GatherTyped(b, positions, (bool[])dst); break;
            default: throw new InvalidOperationException($"cannot gather {src.GetType().Name}");
        }
    }

    private static void GatherTyped<T>(T[] src, int[] positions, T[] dst)
    {
        for (int i = 0; i < positions.Length; i++) dst[i] = src[positions[i]];
    }

    /// <summary>C-style truncation, with NaN and out-of-range mapped to long.MinValue as NumPy does on x86.</summary>
    public static long FloatToLong(double v) =>
        double.IsNaN(v) || v >= 9.2233720368547758e18 || v < -9.2233720368547758e18 ? long.MinValue : (long)v;
}
