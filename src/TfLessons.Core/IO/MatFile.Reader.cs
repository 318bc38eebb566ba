using System.Buffers.Binary;
using System.Text;

namespace TfLessons.IO;

/// <summary>A data element tag: type, payload position/length, and where the next element starts.</summary>
internal readonly record struct Tag(int Type, int DataOffset, int Length, int Next);

/// <summary>Endianness-aware element decoding; every length is validated against the span it indexes.</summary>
internal sealed class Reader(string name, bool bigEndian)
{
    private const int MiInt8 = 1, MiUInt8 = 2, MiInt16 = 3, MiUInt16 = 4, MiInt32 = 5, MiUInt32 = 6;
    private const int MiSingle = 7, MiDouble = 9, MiInt64 = 12, MiUInt64 = 13;
    private const int MiUtf8 = 16, MiUtf16 = 17, MiUtf32 = 18;
    private const uint ComplexFlag = 0x0800, LogicalFlag = 0x0200;

    public string Name { get; } = name;

    /// <summary>Decodes the tag at <paramref name="pos"/>.</summary>
    /// <param name="data">The bytes holding the element.</param>
    /// <param name="pos">Offset of the tag.</param>
    /// <param name="where">Element description for error messages.</param>
    /// <param name="lengthUnchecked">
    /// Skip the check that the payload fits in <paramref name="data"/> (only for a tag read alone from the
    /// head of a zlib stream, whose payload has not been inflated yet; the caller bounds it instead).
    /// </param>
    public Tag ReadTag(ReadOnlySpan<byte> data, int pos, string where, bool lengthUnchecked = false)
    {
        if (data.Length - pos < 8)
        {
            throw Error(where, $"truncated: {data.Length - pos} bytes left, an element tag needs 8");
        }
        uint w0 = U32(data[pos..]);
        if ((w0 >> 16) != 0)
        {
            // Small data element format: length in the upper half-word, payload in the tag's second word.
            int smallLength = (int)(w0 >> 16);
            if (smallLength > 4)
            {
                throw Error(where, $"small data element claims {smallLength} bytes (at most 4)");
            }
            return new Tag((int)(w0 & 0xffff), pos + 4, smallLength, pos + 8);
        }
        uint length = U32(data[(pos + 4)..]);
        if (lengthUnchecked)
        {
            if (length > int.MaxValue - 16)
            {
                throw Error(where, $"element of type {w0} declares {length} bytes, more than an array can hold");
            }
            return new Tag((int)w0, pos + 8, (int)length, pos + 8 + (int)((length + 7L) & ~7L));
        }
        long remaining = data.Length - pos - 8L;
        if (length > remaining)
        {
            throw Error(
                where,
                $"element of type {w0} declares {length} bytes but only {remaining} remain (truncated file?)"
            );
        }
        long next = pos + 8L + ((length + 7L) & ~7L);
        return new Tag((int)w0, pos + 8, (int)length, (int)Math.Min(next, data.Length));
    }

    public MatArray? ReadMatrix(ReadOnlySpan<byte> m, string where)
    {
        var flagsTag = ReadTag(m, 0, $"{where}, array flags");
        if (flagsTag.Type != MiUInt32 || flagsTag.Length != 8)
        {
            throw Error(
                where,
                $"array flags subelement has type {flagsTag.Type} and {flagsTag.Length} bytes (expected miUINT32, 8)"
            );
        }
        uint flags = U32(m[flagsTag.DataOffset..]);
        var matClass = (MatClass)(flags & 0xff);
        if (matClass is MatClass.Cell or MatClass.Struct or MatClass.Object or MatClass.Sparse)
        {
            return null;
        }
        if (matClass < MatClass.Cell || matClass > MatClass.UInt64)
        {
            throw Error(where, $"unknown array class {(int)matClass}");
        }

        var dimsTag = ReadTag(m, flagsTag.Next, $"{where}, dimensions");
        if (dimsTag.Type != MiInt32 || dimsTag.Length % 4 != 0 || dimsTag.Length == 0)
        {
            throw Error(
                where,
                $"dimensions subelement has type {dimsTag.Type} and {dimsTag.Length} bytes (expected miINT32)"
            );
        }
        var dims = new int[dimsTag.Length / 4];
        long count = 1;
        for (int i = 0; i < dims.Length; i++)
        {
            uint dim = U32(m[(dimsTag.DataOffset + 4 * i)..]);
            if (dim > int.MaxValue)
            {
                throw Error(where, $"dimension #{i} is {dim} (negative as the int32 MAT stores), not a valid size");
            }
            dims[i] = (int)dim;
            count *= dims[i];
            if (count > Array.MaxLength)
            {
                throw Error(where, "dimensions describe more elements than an array can hold");
            }
        }

        var nameTag = ReadTag(m, dimsTag.Next, $"{where}, array name");
        if (nameTag.Type != MiInt8 && nameTag.Type != MiUtf8)
        {
            throw Error(where, $"array name subelement has type {nameTag.Type} (expected miINT8)");
        }
        string varName = Encoding.UTF8.GetString(m.Slice(nameTag.DataOffset, nameTag.Length));
        string ctx = $"{where} (variable '{varName}')";

        var realTag = ReadTag(m, nameTag.Next, $"{ctx}, real part");
        double[] real = ReadNumeric(
            m.Slice(realTag.DataOffset, realTag.Length),
            realTag.Type,
            count,
            $"{ctx}, real part"
        );
        double[]? imag = null;
        if ((flags & ComplexFlag) != 0)
        {
            var imagTag = ReadTag(m, realTag.Next, $"{ctx}, imaginary part");
            imag = ReadNumeric(
                m.Slice(imagTag.DataOffset, imagTag.Length),
                imagTag.Type,
                count,
                $"{ctx}, imaginary part"
            );
        }
        return new MatArray(varName, dims, matClass, (MatDataType)realTag.Type, (flags & LogicalFlag) != 0, real, imag);
    }

    private double[] ReadNumeric(ReadOnlySpan<byte> bytes, int type, long expected, string where)
    {
        int size = type switch
        {
            MiInt8 or MiUInt8 or MiUtf8 => 1,
            MiInt16 or MiUInt16 or MiUtf16 => 2,
            MiInt32 or MiUInt32 or MiSingle or MiUtf32 => 4,
            MiDouble or MiInt64 or MiUInt64 => 8,
            _ => throw Error(where, $"unsupported data type {type}"),
        };
        // MATLAB may store a class in a narrower type (e.g. doubles as miUINT8); the count must still match.
        if (bytes.Length % size != 0 || bytes.Length / size != expected)
        {
            throw Error(
                where,
                $"{bytes.Length} bytes of type {type} do not hold the {expected} elements the dimensions require"
            );
        }
        var values = new double[expected];
        for (int i = 0; i < values.Length; i++)
        {
            ReadOnlySpan<byte> b = bytes.Slice(i * size, size);
            values[i] = type switch
            {
                MiInt8 => (sbyte)b[0],
                MiUInt8 or MiUtf8 => b[0],
                MiInt16 => (short)U16(b),
                MiUInt16 or MiUtf16 => U16(b),
                MiInt32 => (int)U32(b),
                MiUInt32 or MiUtf32 => U32(b),
                MiSingle => BitConverter.Int32BitsToSingle((int)U32(b)),
                MiDouble => BitConverter.Int64BitsToDouble((long)U64(b)),
                MiInt64 => (long)U64(b),
                _ => U64(b),
            };
        }
        return values;
    }

    private ushort U16(ReadOnlySpan<byte> b) =>
        bigEndian ? BinaryPrimitives.ReadUInt16BigEndian(b) : BinaryPrimitives.ReadUInt16LittleEndian(b);

    private uint U32(ReadOnlySpan<byte> b) =>
        bigEndian ? BinaryPrimitives.ReadUInt32BigEndian(b) : BinaryPrimitives.ReadUInt32LittleEndian(b);

    private ulong U64(ReadOnlySpan<byte> b) =>
        bigEndian ? BinaryPrimitives.ReadUInt64BigEndian(b) : BinaryPrimitives.ReadUInt64LittleEndian(b);

    private InvalidDataException Error(string where, string what) => new($"{Name}: {where}: {what}.");
}
