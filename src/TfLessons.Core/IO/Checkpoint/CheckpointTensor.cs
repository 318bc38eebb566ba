using System.Runtime.InteropServices;
using System.Text;

namespace TfLessons.IO.Checkpoint;

/// <summary>
/// One named tensor as stored in a checkpoint: its dtype, shape (outermost first) and the exact bytes
/// TensorFlow keeps in the data file (little-endian, row-major; for DT_STRING the framed layout
/// described in TF-FORMATS.md section 4.3: varint lengths, masked length crc, string bytes).
/// </summary>
/// <param name="Name">The checkpoint key, e.g. <c>dense/kernel</c>.</param>
/// <param name="DType">The element type.</param>
/// <param name="Shape">Dimensions, outermost first; empty for a scalar.</param>
/// <param name="Data">The raw bytes as stored in the <c>.data-*</c> file.</param>
public sealed record CheckpointTensor(string Name, TfDataType DType, long[] Shape, byte[] Data)
{
    /// <summary>Number of elements (product of <see cref="Shape"/>; 1 for a scalar).</summary>
    public long ElementCount => TensorShapes.ElementCount(Shape);

    /// <summary>Creates a DT_FLOAT tensor.</summary>
    public static CheckpointTensor FromFloats(string name, long[] shape, ReadOnlySpan<float> values) =>
        FromValues(name, TfDataType.Float, shape, values);

    /// <summary>Creates a DT_DOUBLE tensor.</summary>
    public static CheckpointTensor FromDoubles(string name, long[] shape, ReadOnlySpan<double> values) =>
        FromValues(name, TfDataType.Double, shape, values);

    /// <summary>Creates a DT_INT32 tensor.</summary>
    public static CheckpointTensor FromInt32s(string name, long[] shape, ReadOnlySpan<int> values) =>
        FromValues(name, TfDataType.Int32, shape, values);

    /// <summary>Creates a DT_INT64 tensor (the type of TF1's <c>global_step</c>).</summary>
    public static CheckpointTensor FromInt64s(string name, long[] shape, ReadOnlySpan<long> values) =>
        FromValues(name, TfDataType.Int64, shape, values);

    /// <summary>Creates a DT_HALF tensor.</summary>
    public static CheckpointTensor FromHalfs(string name, long[] shape, ReadOnlySpan<Half> values) =>
        FromValues(name, TfDataType.Half, shape, values);

    /// <summary>Creates a DT_BOOL tensor (one byte per element, 0 or 1, like C++ <c>bool</c>).</summary>
    public static CheckpointTensor FromBools(string name, long[] shape, ReadOnlySpan<bool> values)
    {
        var bytes = new byte[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            bytes[i] = values[i] ? (byte)1 : (byte)0;
        }
        return Checked(new CheckpointTensor(name, TfDataType.Bool, shape, bytes));
    }

    /// <summary>Creates a DT_STRING tensor from UTF-8 text.</summary>
    public static CheckpointTensor FromStrings(string name, long[] shape, IEnumerable<string> values) =>
        FromStringBytes(name, shape, values.Select(Encoding.UTF8.GetBytes).ToArray());

    /// <summary>Creates a DT_STRING tensor from raw byte strings (TF strings are arbitrary bytes).</summary>
    public static CheckpointTensor FromStringBytes(string name, long[] shape, IReadOnlyList<byte[]> values)
    {
        (byte[] data, _) = StringTensorCodec.Encode(values);
        return Checked(new CheckpointTensor(name, TfDataType.String, shape, data));
    }

    /// <summary>The values of a DT_FLOAT tensor.</summary>
    public float[] GetFloats() => GetValues<float>(TfDataType.Float);

    /// <summary>The values of a DT_DOUBLE tensor.</summary>
    public double[] GetDoubles() => GetValues<double>(TfDataType.Double);

    /// <summary>The values of a DT_INT32 tensor.</summary>
    public int[] GetInt32s() => GetValues<int>(TfDataType.Int32);

    /// <summary>The values of a DT_INT64 tensor.</summary>
    public long[] GetInt64s() => GetValues<long>(TfDataType.Int64);

    /// <summary>The values of a DT_HALF tensor.</summary>
    public Half[] GetHalfs() => GetValues<Half>(TfDataType.Half);

    /// <summary>The values of a DT_BOOL tensor (any non-zero byte is true).</summary>
    public bool[] GetBools()
    {
        RequireType(TfDataType.Bool);
        RequireFixedSize();
        return Data.Select(b => b != 0).ToArray();
    }

    /// <summary>The values of a DT_STRING tensor decoded as UTF-8.</summary>
    public string[] GetStrings() => GetStringBytes().Select(b => Encoding.UTF8.GetString(b)).ToArray();

    /// <summary>The values of a DT_STRING tensor as raw bytes; verifies the embedded length checksum.</summary>
    public byte[][] GetStringBytes()
    {
        RequireType(TfDataType.String);
        return StringTensorCodec.Decode(Data, ElementCount, $"tensor '{Name}'").Strings;
    }

    /// <summary>
    /// Checks that <see cref="Data"/> is consistent with <see cref="DType"/> and <see cref="Shape"/>
    /// (exact byte count for fixed-size types, well-formed framing for DT_STRING).
    /// </summary>
    /// <exception cref="InvalidDataException">The tensor is inconsistent.</exception>
    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(Name);
        ArgumentNullException.ThrowIfNull(Shape);
        ArgumentNullException.ThrowIfNull(Data);
        if (DType == TfDataType.String)
        {
            StringTensorCodec.Verify(Data, ElementCount, $"tensor '{Name}'");
            return;
        }
        if (DType.ElementSize() == 0)
        {
            throw new InvalidDataException(
                $"tensor '{Name}': {DType.TfName()} has no fixed element size and cannot be written"
            );
        }
        RequireFixedSize();
    }

    private static CheckpointTensor FromValues<T>(string name, TfDataType dtype, long[] shape, ReadOnlySpan<T> values)
        where T : unmanaged
    {
        RequireLittleEndianHost();
        return Checked(new CheckpointTensor(name, dtype, shape, MemoryMarshal.AsBytes(values).ToArray()));
    }

    private static CheckpointTensor Checked(CheckpointTensor tensor)
    {
        long expected = tensor.ElementCount;
        if (tensor.DType == TfDataType.String)
        {
            // Verify checks that the framing holds exactly `expected` strings, or throws.
            StringTensorCodec.Verify(tensor.Data, expected, $"tensor '{tensor.Name}'");
            return tensor;
        }
        long actual = tensor.Data.LongLength / tensor.DType.ElementSize();
        if (actual != expected)
        {
            throw new ArgumentException(
                $"tensor '{tensor.Name}': {actual} values given for shape "
                    + $"{TensorShapes.Format(tensor.Shape)} ({expected} elements)"
            );
        }
        return tensor;
    }

    private T[] GetValues<T>(TfDataType expected) where T : unmanaged
    {
        RequireType(expected);
        RequireFixedSize();
        RequireLittleEndianHost();
        return MemoryMarshal.Cast<byte, T>(Data).ToArray();
    }

    private void RequireType(TfDataType expected)
    {
        if (DType != expected)
        {
            throw new InvalidOperationException($"tensor '{Name}' is {DType.TfName()}, not {expected.TfName()}");
        }
    }

    private void RequireFixedSize()
    {
        long expected = TensorShapes.ByteSize(Shape, DType);
        if (Data.LongLength != expected)
        {
            throw new InvalidDataException(
                $"tensor '{Name}': {Data.LongLength} bytes do not match {DType.TfName()} shape " +
                $"{TensorShapes.Format(Shape)} ({expected} bytes)");
        }
    }

    // Checkpoints are little-endian; reinterpreting the bytes in place is only right on a little-endian host.
    private static void RequireLittleEndianHost()
    {
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException(
                "TensorFlow checkpoint tensors are little-endian; big-endian hosts are not supported."
            );
        }
    }
}
