using Google.Protobuf;
using TfLessons.IO.GraphDefs.Protos;

namespace TfLessons.IO.GraphDefs;

/// <summary>TensorProto, TensorShapeProto and DataType to and from the engine's NDArray, Shape and DType.</summary>
internal static class TensorCodec
{
    public static DType? ToDType(DataType t) => t switch
    {
        DataType.DtFloat or DataType.DtFloatRef => DType.Float32,
        DataType.DtDouble or DataType.DtDoubleRef => DType.Float64,
        DataType.DtInt16 or DataType.DtInt16Ref => DType.Int16,
        DataType.DtInt32 or DataType.DtInt32Ref => DType.Int32,
        DataType.DtInt64 or DataType.DtInt64Ref => DType.Int64,
        DataType.DtBool or DataType.DtBoolRef => DType.Bool,
        DataType.DtString or DataType.DtStringRef => DType.String,
        _ => null,
    };

    public static DataType FromDType(DType d) => d switch
    {
        DType.Float32 => DataType.DtFloat,
        DType.Float64 => DataType.DtDouble,
        DType.Int16 => DataType.DtInt16,
        DType.Int32 => DataType.DtInt32,
        DType.Int64 => DataType.DtInt64,
        DType.Bool => DataType.DtBool,
        DType.String => DataType.DtString,
        _ => throw new ArgumentException($"dtype {d} has no TensorFlow DataType"),
    };

    public static Shape ToShape(TensorShapeProto? p, string what)
    {
        if (p is null || p.UnknownRank) return Shape.Unknown;
        var dims = new int[p.Dim.Count];
        for (int i = 0; i < dims.Length; i++)
        {
            long size = p.Dim[i].Size;
            if (size < -1 || size > int.MaxValue) throw new InvalidDataException($"{what}: dimension {i} has size {size}");
            dims[i] = (int)size;
        }
        return new Shape(dims);
    }

    public static TensorShapeProto FromShape(Shape s)
    {
        var p = new TensorShapeProto();
        if (s.IsUnknownRank) p.UnknownRank = true;
        else for (int i = 0; i < s.Rank; i++) p.Dim.Add(new TensorShapeProto.Types.Dim { Size = s[i] });
        return p;
    }

    /// <summary>Decodes a TensorProto; the element count comes from the shape and is checked against the bytes present before allocating.</summary>
    public static NDArray ToArray(TensorProto p, string what)
    {
        DType dtype = ToDType(p.Dtype) ?? throw new NotSupportedException($"{what}: tensors of dtype {p.Dtype} are not supported");
        Shape shape = ToShape(p.TensorShape, what);
        if (!shape.IsFullyDefined) throw new InvalidDataException($"{what}: tensor shape {shape} is not fully defined");
        int[] dims = shape.ToArray();
        long count = dims.Aggregate(1L, (a, d) => a * d);
        if (p.TensorContent.Length > 0)
        {
            if (dtype == DType.String) throw new InvalidDataException($"{what}: string tensors cannot use tensor_content");
            if (p.TensorContent.Length != count * dtype.Size())
                throw new InvalidDataException($"{what}: tensor_content has {p.TensorContent.Length} bytes, shape {shape} of {dtype.Name()} needs {count * dtype.Size()}");
            var a = new NDArray(dtype, dims);
            System.Runtime.InteropServices.MemoryMarshal.AsBytes(p.TensorContent.Span).CopyTo(RawBytes(a));
            return a;
        }
        int given = dtype switch
        {
            DType.Float32 => p.FloatVal.Count,
            DType.Float64 => p.DoubleVal.Count,
            DType.Int16 or DType.Int32 => p.IntVal.Count,
            DType.Int64 => p.Int64Val.Count,
            DType.Bool => p.BoolVal.Count,
            _ => p.StringVal.Count,
        };
        // TF repeats the last value to fill the shape (a splat constant stores one value), so a short list is only
        // an error when it is empty and the tensor is not; the count is bounded before the buffer exists.
        if (given > count || (given == 0 && count > 0))
            throw new InvalidDataException($"{what}: {given} values for a tensor of shape {shape}");
        if (count > 1 << 28) throw new InvalidDataException($"{what}: a constant of shape {shape} is too large");
        var result = new NDArray(dtype, dims);
        for (int i = 0; i < count; i++)
        {
            int j = Math.Min(i, given - 1);
            switch (dtype)
            {
                case DType.Float32: ((float[])result.Data)[i] = p.FloatVal[j]; break;
                case DType.Float64: ((double[])result.Data)[i] = p.DoubleVal[j]; break;
                case DType.Int16:
                    if (p.IntVal[j] is < short.MinValue or > short.MaxValue) throw new InvalidDataException($"{what}: int_val {p.IntVal[j]} does not fit int16");
                    ((short[])result.Data)[i] = (short)p.IntVal[j];
                    break;
                case DType.Int32: ((int[])result.Data)[i] = p.IntVal[j]; break;
                case DType.Int64: ((long[])result.Data)[i] = p.Int64Val[j]; break;
                case DType.Bool: ((bool[])result.Data)[i] = p.BoolVal[j]; break;
                default: ((string[])result.Data)[i] = p.StringVal[j].ToStringUtf8(); break;
            }
        }
        return result;
    }

    /// <summary>Encodes like TF's make_tensor_proto: numbers in tensor_content, strings in string_val.</summary>
    public static TensorProto FromArray(NDArray a)
    {
        var p = new TensorProto { Dtype = FromDType(a.DType), TensorShape = FromShape(a.Shape) };
        if (a.DType == DType.String) foreach (string s in ((string[])a.Data)[..a.Size]) p.StringVal.Add(ByteString.CopyFromUtf8(s));
        else if (a.Size == 1) AddScalar(p, a);
        else p.TensorContent = ByteString.CopyFrom(RawBytes(a));
        return p;
    }

    private static void AddScalar(TensorProto p, NDArray a)
    {
        switch (a.DType)
        {
            case DType.Float32: p.FloatVal.Add(((float[])a.Data)[0]); break;
            case DType.Float64: p.DoubleVal.Add(((double[])a.Data)[0]); break;
            case DType.Int16: p.IntVal.Add(((short[])a.Data)[0]); break;
            case DType.Int32: p.IntVal.Add(((int[])a.Data)[0]); break;
            case DType.Int64: p.Int64Val.Add(((long[])a.Data)[0]); break;
            default: p.BoolVal.Add(((bool[])a.Data)[0]); break;
        }
    }

    private static Span<byte> RawBytes(NDArray a) => a.DType switch
    {
        DType.Float32 => System.Runtime.InteropServices.MemoryMarshal.AsBytes(((float[])a.Data).AsSpan(0, a.Size)),
        DType.Float64 => System.Runtime.InteropServices.MemoryMarshal.AsBytes(((double[])a.Data).AsSpan(0, a.Size)),
        DType.Int16 => System.Runtime.InteropServices.MemoryMarshal.AsBytes(((short[])a.Data).AsSpan(0, a.Size)),
        DType.Int32 => System.Runtime.InteropServices.MemoryMarshal.AsBytes(((int[])a.Data).AsSpan(0, a.Size)),
        DType.Int64 => System.Runtime.InteropServices.MemoryMarshal.AsBytes(((long[])a.Data).AsSpan(0, a.Size)),
        _ => System.Runtime.InteropServices.MemoryMarshal.AsBytes(((bool[])a.Data).AsSpan(0, a.Size)),
    };
}
