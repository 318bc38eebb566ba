using System.Buffers.Binary;
using System.Text;

namespace TfLessons.IO.Tests.Fuzz;

/// <summary>
/// Writes small MAT v5 files in either byte order (the project has no MAT writer), so the fuzzer also
/// covers big-endian files, small-element names, complex, char and integer arrays, and compressed elements.
/// </summary>
internal sealed class MatBuilder(bool bigEndian)
{
    public const int MiInt8 = 1, MiUInt8 = 2, MiInt16 = 3, MiUInt16 = 4, MiInt32 = 5, MiUInt32 = 6, MiDouble = 9;

    private readonly MemoryStream _body = new();

    /// <summary>Adds a numeric or char variable; values are given in MATLAB (column-major) order.</summary>
    public MatBuilder Add(
        string name,
        MatClass matClass,
        int[] dims,
        int dataType,
        double[] real,
        double[]? imag = null,
        bool compress = false
    )
    {
        var m = new MemoryStream();
        uint flags = (uint)matClass | (imag is null ? 0u : 0x0800u);
        m.Write(Element(MiUInt32, [.. U32(flags), .. U32(0)]));
        m.Write(Element(MiInt32, dims.SelectMany(d => U32((uint)d)).ToArray()));
        byte[] nameBytes = Encoding.UTF8.GetBytes(name);
        m.Write(nameBytes.Length <= 4 ? SmallElement(MiInt8, nameBytes) : Element(MiInt8, nameBytes));
        m.Write(Element(dataType, Encode(real, dataType)));
        if (imag is not null)
        {
            m.Write(Element(dataType, Encode(imag, dataType)));
        }
        byte[] matrix = Element(14, m.ToArray());
        if (compress)
        {
            byte[] z = Repair.Zlib(matrix);
            _body.Write([.. U32(15), .. U32((uint)z.Length), .. z]); // compressed elements are not padded
        }
        else
        {
            _body.Write(matrix);
        }
        return this;
    }

    public byte[] ToArray()
    {
        var header = new byte[128];
        Encoding
            .ASCII.GetBytes("MATLAB 5.0 MAT-file, written by the TfLessons fuzz tests".PadRight(116))
            .CopyTo(header, 0);
        if (bigEndian)
        {
            BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(124), 0x0100);
            (header[126], header[127]) = ((byte)'M', (byte)'I');
        }
        else
        {
            BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(124), 0x0100);
            (header[126], header[127]) = ((byte)'I', (byte)'M');
        }
        return [.. header, .. _body.ToArray()];
    }

    private byte[] Element(int type, byte[] payload)
    {
        byte[] padding = new byte[((payload.Length + 7) & ~7) - payload.Length];
        return [.. U32((uint)type), .. U32((uint)payload.Length), .. payload, .. padding];
    }

    private byte[] SmallElement(int type, byte[] payload) =>
        [.. U32(((uint)payload.Length << 16) | (uint)type), .. payload, .. new byte[4 - payload.Length]];

    private byte[] Encode(double[] values, int dataType)
    {
        var bytes = new List<byte>();
        foreach (double v in values)
        {
            bytes.AddRange(dataType switch
            {
                MiInt8 or MiUInt8 => [(byte)(sbyte)v],
                MiInt16 or MiUInt16 => U16((ushort)(short)v),
                MiInt32 or MiUInt32 => U32((uint)(int)v),
                MiDouble => U64((ulong)BitConverter.DoubleToInt64Bits(v)),
                _ => throw new ArgumentOutOfRangeException(nameof(dataType)),
            });
        }
        return [.. bytes];
    }

    private byte[] U16(ushort v)
    {
        var b = new byte[2];
        if (bigEndian) BinaryPrimitives.WriteUInt16BigEndian(b, v);
        else BinaryPrimitives.WriteUInt16LittleEndian(b, v);
        return b;
    }

    private byte[] U32(uint v)
    {
        var b = new byte[4];
        if (bigEndian) BinaryPrimitives.WriteUInt32BigEndian(b, v);
        else BinaryPrimitives.WriteUInt32LittleEndian(b, v);
        return b;
    }

    private byte[] U64(ulong v)
    {
        var b = new byte[8];
        if (bigEndian) BinaryPrimitives.WriteUInt64BigEndian(b, v);
        else BinaryPrimitives.WriteUInt64LittleEndian(b, v);
        return b;
    }
}
