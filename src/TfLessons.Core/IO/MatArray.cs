namespace TfLessons.IO;

/// <summary>MATLAB array classes (the <c>mxCLASS</c> codes of the MAT v5 array flags).</summary>
public enum MatClass
{
    /// <summary>Cell array (not decoded by <see cref="MatFile"/>).</summary>
    Cell = 1,
    /// <summary>Structure (not decoded).</summary>
    Struct = 2,
    /// <summary>Object (not decoded).</summary>
    Object = 3,
    /// <summary>Character array; values are the character codes.</summary>
    Char = 4,
    /// <summary>Sparse array (not decoded).</summary>
    Sparse = 5,
    /// <summary>Double precision.</summary>
    Double = 6,
    /// <summary>Single precision.</summary>
    Single = 7,
    /// <summary>Signed 8-bit integers.</summary>
    Int8 = 8,
    /// <summary>Unsigned 8-bit integers.</summary>
    UInt8 = 9,
    /// <summary>Signed 16-bit integers.</summary>
    Int16 = 10,
    /// <summary>Unsigned 16-bit integers.</summary>
    UInt16 = 11,
    /// <summary>Signed 32-bit integers.</summary>
    Int32 = 12,
    /// <summary>Unsigned 32-bit integers.</summary>
    UInt32 = 13,
    /// <summary>Signed 64-bit integers.</summary>
    Int64 = 14,
    /// <summary>Unsigned 64-bit integers.</summary>
    UInt64 = 15,
}

/// <summary>MAT v5 data types (<c>miINT8</c> ... <c>miUTF32</c>) in which array values can be stored.</summary>
public enum MatDataType
{
    /// <summary>miINT8.</summary>
    Int8 = 1,
    /// <summary>miUINT8.</summary>
    UInt8 = 2,
    /// <summary>miINT16.</summary>
    Int16 = 3,
    /// <summary>miUINT16.</summary>
    UInt16 = 4,
    /// <summary>miINT32.</summary>
    Int32 = 5,
    /// <summary>miUINT32.</summary>
    UInt32 = 6,
    /// <summary>miSINGLE.</summary>
    Single = 7,
    /// <summary>miDOUBLE.</summary>
    Double = 9,
    /// <summary>miINT64.</summary>
    Int64 = 12,
    /// <summary>miUINT64.</summary>
    UInt64 = 13,
    /// <summary>miUTF8 (char data).</summary>
    Utf8 = 16,
    /// <summary>miUTF16 (char data).</summary>
    Utf16 = 17,
    /// <summary>miUTF32 (char data).</summary>
    Utf32 = 18,
}

/// <summary>One numeric (or char) variable of a MAT file.</summary>
public sealed class MatArray
{
    private readonly double[] _realColumnMajor;
    private readonly double[]? _imagColumnMajor;
    private readonly int[] _shape;

    internal MatArray(
        string name,
        int[] shape,
        MatClass matClass,
        MatDataType storageType,
        bool isLogical,
        double[] real,
        double[]? imag
    )
    {
        Name = name;
        StorageType = storageType;
        _shape = shape;
        Class = matClass;
        IsLogical = isLogical;
        _realColumnMajor = real;
        _imagColumnMajor = imag;
    }

    /// <summary>Variable name as stored in the file.</summary>
    public string Name { get; }

    /// <summary>
    /// MATLAB dimensions, e.g. (211, 2) for <c>X</c>; <see cref="ToDoubleRowMajor"/> lays the values out
    /// in C order for this shape, which is what <c>scipy.io.loadmat</c> returns. A copy is returned.
    /// </summary>
    public int[] Shape => (int[])_shape.Clone();

    /// <summary>MATLAB class of the variable (e.g. <see cref="MatClass.UInt8"/>).</summary>
    public MatClass Class { get; }

    /// <summary>
    /// Type the real part is stored in. MATLAB may store a class in a narrower type: labels of
    /// class double stored as uint8 are why <c>scipy.io.loadmat</c> (without <c>mat_dtype=True</c>)
    /// hands back a uint8 array.
    /// </summary>
    public MatDataType StorageType { get; }

    /// <summary>Whether the logical flag is set (values are 0/1).</summary>
    public bool IsLogical { get; }

    /// <summary>Whether the array has an imaginary part.</summary>
    public bool IsComplex => _imagColumnMajor is not null;

    /// <summary>Number of elements.</summary>
    public int Length => _realColumnMajor.Length;

    /// <summary>
    /// Real part converted to double, in row-major order. 64-bit integers above 2^53 lose precision;
    /// every other class converts exactly.
    /// </summary>
    public double[] ToDoubleRowMajor() => ToRowMajor(_realColumnMajor, _shape);

    /// <summary>Imaginary part in row-major order, or <c>null</c> for real arrays.</summary>
    public double[]? ToImaginaryRowMajor() =>
        _imagColumnMajor is null ? null : ToRowMajor(_imagColumnMajor, _shape);

    private static double[] ToRowMajor(double[] src, int[] dims)
    {
        var dst = new double[src.Length];
        if (src.Length == 0)
        {
            return dst;
        }
        int k = dims.Length;
        var stride = new long[k];
        long s = 1;
        for (int j = k - 1; j >= 0; j--)
        {
            stride[j] = s;
            s *= dims[j];
        }

        // Walk the source in MATLAB order (first index fastest) and track the C-order offset.
        var idx = new int[k];
        long off = 0;
        for (int c = 0; c < src.Length; c++)
        {
            dst[off] = src[c];
            for (int j = 0; j < k; j++)
            {
                idx[j]++;
                off += stride[j];
                if (idx[j] < dims[j])
                {
                    break;
                }
                off -= stride[j] * dims[j];
                idx[j] = 0;
            }
        }
        return dst;
    }
}
