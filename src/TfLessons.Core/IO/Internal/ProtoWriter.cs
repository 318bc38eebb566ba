using System.Text;

namespace TfLessons.IO.Internal;

/// <summary>
/// A minimal protobuf encoder. Callers emit fields in field-number order and skip proto3 default
/// values themselves, because that is what TensorFlow's C++ serializer does and the tests compare
/// TensorFlow's bytes exactly.
/// </summary>
internal sealed class ProtoWriter
{
    private readonly ByteBuffer _buffer = new();

    public int Length => _buffer.Length;

    public ReadOnlySpan<byte> Span => _buffer.Span;

    public byte[] ToArray() => _buffer.ToArray();

    public ProtoWriter Varint(int field, ulong value)
    {
        Tag(field, WireType.Varint);
        _buffer.WriteVarint(value);
        return this;
    }

    /// <summary>int32/int64/enum: negative values are sign-extended to 10 bytes, as protobuf does.</summary>
    public ProtoWriter Int64(int field, long value) => Varint(field, unchecked((ulong)value));

    public ProtoWriter Fixed32(int field, uint value)
    {
        Tag(field, WireType.Fixed32);
        _buffer.WriteFixed32(value);
        return this;
    }

    public ProtoWriter Float(int field, float value) =>
        Fixed32(field, unchecked((uint)BitConverter.SingleToInt32Bits(value)));

    public ProtoWriter Double(int field, double value)
    {
        Tag(field, WireType.Fixed64);
        _buffer.WriteFixed64(unchecked((ulong)BitConverter.DoubleToInt64Bits(value)));
        return this;
    }

    /// <summary>Writes a double unless its bit pattern is zero (proto3 omits defaults).</summary>
    public ProtoWriter DoubleIfNonZero(int field, double value) =>
        BitConverter.DoubleToInt64Bits(value) == 0 ? this : Double(field, value);

    public ProtoWriter Bytes(int field, ReadOnlySpan<byte> value)
    {
        Tag(field, WireType.LengthDelimited);
        _buffer.WriteVarint((ulong)value.Length);
        _buffer.Write(value);
        return this;
    }

    public ProtoWriter String(int field, string value) => Bytes(field, Encoding.UTF8.GetBytes(value));

    public ProtoWriter Message(int field, ProtoWriter inner) => Bytes(field, inner.Span);

    /// <summary>Packed repeated double (proto3's default encoding for repeated scalars).</summary>
    public ProtoWriter PackedDoubles(int field, ReadOnlySpan<double> values)
    {
        Tag(field, WireType.LengthDelimited);
        _buffer.WriteVarint((ulong)values.Length * 8);
        foreach (double v in values)
        {
            _buffer.WriteFixed64(unchecked((ulong)BitConverter.DoubleToInt64Bits(v)));
        }
        return this;
    }

    private void Tag(int field, WireType wireType) => _buffer.WriteVarint(((ulong)field << 3) | (ulong)wireType);
}
