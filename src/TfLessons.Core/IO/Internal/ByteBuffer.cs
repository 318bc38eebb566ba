using System.Buffers.Binary;
using System.Text;

namespace TfLessons.IO.Internal;

/// <summary>
/// A growable little-endian byte buffer with the varint / fixed-width encoders shared by the
/// SSTable builder, the protobuf encoder and the TFRecord framing.
/// </summary>
internal sealed class ByteBuffer
{
    private byte[] _data;
    private int _length;

    public ByteBuffer(int capacity = 64) => _data = new byte[Math.Max(capacity, 16)];

    public int Length => _length;

    public ReadOnlySpan<byte> Span => _data.AsSpan(0, _length);

    public byte[] ToArray() => Span.ToArray();

    public void Clear() => _length = 0;

    public void WriteByte(byte value)
    {
        Reserve(1);
        _data[_length++] = value;
    }

    public void Write(ReadOnlySpan<byte> bytes)
    {
        Reserve(bytes.Length);
        bytes.CopyTo(_data.AsSpan(_length));
        _length += bytes.Length;
    }

    public void WriteUtf8(string text) => Write(Encoding.UTF8.GetBytes(text));

    /// <summary>LEB128 varint, as <c>PutVarint64</c> in TensorFlow's coding.cc and protobuf.</summary>
    public void WriteVarint(ulong value)
    {
        Reserve(10);
        while (value >= 0x80)
        {
            _data[_length++] = (byte)(value | 0x80);
            value >>= 7;
        }
        _data[_length++] = (byte)value;
    }

    public void WriteFixed32(uint value)
    {
        Reserve(4);
        BinaryPrimitives.WriteUInt32LittleEndian(_data.AsSpan(_length), value);
        _length += 4;
    }

    public void WriteFixed64(ulong value)
    {
        Reserve(8);
        BinaryPrimitives.WriteUInt64LittleEndian(_data.AsSpan(_length), value);
        _length += 8;
    }

    /// <summary>Number of bytes <see cref="WriteVarint"/> emits for <paramref name="value"/>.</summary>
    public static int VarintSize(ulong value)
    {
        int n = 1;
        while (value >= 0x80)
        {
            value >>= 7;
            n++;
        }
        return n;
    }

    private void Reserve(int extra)
    {
        long needed = (long)_length + extra;
        if (needed <= _data.Length)
        {
            return;
        }
        if (needed > Array.MaxLength)
        {
            throw new InvalidOperationException($"Buffer would exceed {Array.MaxLength} bytes.");
        }
        long newSize = Math.Min(Array.MaxLength, Math.Max(needed, (long)_data.Length * 2));
        Array.Resize(ref _data, (int)newSize);
    }
}
