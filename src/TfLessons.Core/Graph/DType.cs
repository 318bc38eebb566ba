namespace TfLessons;

/// <summary>Element types, numbered as TensorFlow's <c>DataType</c> enum so checkpoints map one to one.</summary>
public enum DType
{
    Invalid = 0,
    Float32 = 1,
    Float64 = 2,
    Int32 = 3,
    UInt8 = 4,
    Int16 = 5,
    /// <summary>Byte strings: only the saver subgraph of imported graphs (file names, tensor names) uses
    /// them.</summary>
    String = 7,
    Int64 = 9,
    Bool = 10,
}

/// <summary>Names, sizes and CLR types of <see cref="DType"/> values.</summary>
public static class DTypes
{
    /// <summary>TensorFlow's printed name: <c>float32</c>, <c>int64</c>, ...</summary>
    public static string Name(this DType dtype) => dtype switch
    {
        DType.Float32 => "float32",
        DType.Float64 => "float64",
        DType.Int32 => "int32",
        DType.Int64 => "int64",
        DType.UInt8 => "uint8",
        DType.Int16 => "int16",
        DType.Bool => "bool",
        DType.String => "string",
        _ => "invalid",
    };

    /// <summary>TensorFlow's <c>DataTypeString</c>, used in its error messages: <c>float</c>, <c>double</c>,
    /// <c>int32</c>, ...</summary>
    public static string TfTypeString(this DType dtype) => dtype switch
    {
        DType.Float32 => "float",
        DType.Float64 => "double",
        _ => dtype.Name(),
    };

    public static int Size(this DType dtype) => dtype switch
    {
        DType.Float32 or DType.Int32 => 4,
        DType.Float64 or DType.Int64 => 8,
        DType.Int16 => 2,
        DType.Bool or DType.UInt8 => 1,
        _ => throw new ArgumentException($"dtype {dtype} has no element size"),
    };

    public static bool IsFloating(this DType dtype) => dtype is DType.Float32 or DType.Float64;

    // Generic checks against typeof(T) fold to a constant in each instantiation, so hot paths pay nothing.
    public static DType Of<T>()
    {
        if (typeof(T) == typeof(float)) return DType.Float32;
        if (typeof(T) == typeof(double)) return DType.Float64;
        if (typeof(T) == typeof(int)) return DType.Int32;
        if (typeof(T) == typeof(long)) return DType.Int64;
        if (typeof(T) == typeof(bool)) return DType.Bool;
        if (typeof(T) == typeof(byte)) return DType.UInt8;
        if (typeof(T) == typeof(short)) return DType.Int16;
        return OfClr(typeof(T));
    }

    /// <summary>The dtype holding elements of a CLR type (float, double, int, long, byte, bool).</summary>
    public static DType OfClr(Type type)
    {
        if (type == typeof(float))
            return DType.Float32;
        if (type == typeof(double))
            return DType.Float64;
        if (type == typeof(int))
            return DType.Int32;
        if (type == typeof(long))
            return DType.Int64;
        if (type == typeof(bool))
            return DType.Bool;
        if (type == typeof(byte))
            return DType.UInt8;
        if (type == typeof(short))
            return DType.Int16;
        throw new ArgumentException(
            $"{type.Name} is not a tensor element type (float, double, int, long, short, byte, bool)"
        );
    }

    internal static Array NewArray(this DType dtype, int length) => dtype switch
    {
        DType.Float32 => new float[length],
        DType.Float64 => new double[length],
        DType.Int32 => new int[length],
        DType.Int64 => new long[length],
        DType.Bool => new bool[length],
        DType.UInt8 => new byte[length],
        DType.Int16 => new short[length],
        DType.String => new string[length],
        _ => throw new ArgumentException($"cannot allocate elements of dtype {dtype}"),
    };
}
