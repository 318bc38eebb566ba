using System.Buffers.Binary;
using System.Text;

namespace TfLessons.IO.Internal;

/// <summary>Protobuf wire types (the low 3 bits of a field tag).</summary>
internal enum WireType
{
    Varint = 0,
    Fixed64 = 1,
    LengthDelimited = 2,
    StartGroup = 3,
    EndGroup = 4,
    Fixed32 = 5,
}

/// <summary>
/// A minimal, bounds-checked protobuf wire-format reader. Every error names <c>context</c>
/// (for example "BundleEntryProto of tensor 'w' in 'model.ckpt.index'") so callers do not
/// have to wrap exceptions. Unknown fields are skipped with <see cref="Skip"/> for forward compatibility.
/// </summary>
internal ref struct ProtoReader
{
    private readonly ReadOnlySpan<byte> _buffer;
    private readonly string _context;
    private int _position;

    public ProtoReader(ReadOnlySpan<byte> buffer, string context)
    {
        _buffer = buffer;
        _context = context;
        _position = 0;
    }

    public readonly string Context => _context;

    public readonly bool AtEnd => _position >= _buffer.Length;

    /// <summary>Reads the next tag; returns false at the end of the message.</summary>
    public bool TryReadTag(out int field, out WireType wireType)
    {
        field = 0;
        wireType = WireType.Varint;
        if (_position >= _buffer.Length)
        {
            return false;
        }
        ulong tag = ReadVarint();
        field = (int)Math.Min(tag >> 3, int.MaxValue);
        wireType = (WireType)(tag & 7);
        if (field == 0)
        {
            throw Corrupt("field number 0 is invalid");
        }
        return true;
    }

    public ulong ReadVarint()
    {
        if (!Varint.TryRead(_buffer[_position..], out ulong value, out int consumed))
        {
            throw Corrupt("truncated or over-long varint");
        }
        _position += consumed;
        return value;
    }

    public uint ReadFixed32() => BinaryPrimitives.ReadUInt32LittleEndian(Take(4));

    public ulong ReadFixed64() => BinaryPrimitives.ReadUInt64LittleEndian(Take(8));

    public double ReadDouble() => BitConverter.Int64BitsToDouble((long)ReadFixed64());

    public float ReadFloat() => BitConverter.Int32BitsToSingle((int)ReadFixed32());

    /// <summary>Reads a length-delimited payload, checking the length against the bytes that remain.</summary>
    public ReadOnlySpan<byte> ReadLengthDelimited()
    {
        ulong length = ReadVarint();
        if (length > (ulong)(_buffer.Length - _position))
        {
            throw Corrupt($"length {length} exceeds the {_buffer.Length - _position} bytes that remain");
        }
        return Take((int)length);
    }

    public string ReadString()
    {
        ReadOnlySpan<byte> bytes = ReadLengthDelimited();
        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw Corrupt("string field is not valid UTF-8");
        }
    }

    /// <summary>Checks that a field uses the wire type its schema requires.</summary>
    public readonly void Expect(WireType actual, WireType expected, string fieldName)
    {
        if (actual != expected)
        {
            throw Corrupt($"field '{fieldName}' has wire type {(int)actual}, expected {(int)expected}");
        }
    }

    /// <summary>Skips a field of the given wire type (unknown fields are legal in protobuf).</summary>
    public void Skip(WireType wireType)
    {
        switch (wireType)
        {
            case WireType.Varint:
                ReadVarint();
                break;
            case WireType.Fixed64:
                Take(8);
                break;
            case WireType.LengthDelimited:
                ReadLengthDelimited();
                break;
            case WireType.Fixed32:
                Take(4);
                break;
            default:
                // Groups are deprecated and never appear in TensorFlow's protos.
                throw Corrupt($"unsupported wire type {(int)wireType}");
        }
    }

    public readonly InvalidDataException Corrupt(string what) =>
        new($"{_context}: malformed protobuf at byte {_position}: {what}.");

    private ReadOnlySpan<byte> Take(int count)
    {
        if (count > _buffer.Length - _position)
        {
            throw Corrupt($"needs {count} bytes but only {_buffer.Length - _position} remain");
        }
        ReadOnlySpan<byte> slice = _buffer.Slice(_position, count);
        _position += count;
        return slice;
    }
}
