using System.Buffers.Binary;
using System.Globalization;
using System.IO.Compression;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.RegularExpressions;

namespace TfLessons.NumPy;

/// <summary>
/// NumPy's .npy format (versions 1.0, 2.0 and 3.0) and .npz archives of them. Reading is bounded:
/// the header is capped like NumPy's <c>max_header_size</c>, and the element count it declares is
/// checked against the bytes actually present before anything is allocated for it.
/// </summary>
internal static partial class NpyFormat
{
    private static readonly byte[] Magic = [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];
    private const int MaxHeaderSize = 10000;

    public static NDArray Read(Stream stream, long available, string where)
    {
        Span<byte> head = stackalloc byte[10];
        ReadExactly(stream, head[..8], where, "magic");
        if (!head[..6].SequenceEqual(Magic))
            throw new InvalidDataException($"{where}: not a .npy file (magic string missing)");
        byte major = head[6],
            minor = head[7];
        if (major is not (1 or 2 or 3) || minor != 0)
            throw new InvalidDataException(
                $"{where}: unsupported .npy format version {major}.{minor} (1.0, 2.0 and 3.0 are supported)"
            );
        int lenBytes = major == 1 ? 2 : 4;
        ReadExactly(stream, head[..lenBytes], where, "header length");
        long headerLen =
            major == 1 ? BinaryPrimitives.ReadUInt16LittleEndian(head) : BinaryPrimitives.ReadUInt32LittleEndian(head);
        if (headerLen > MaxHeaderSize)
            throw new InvalidDataException(
                $"{where}: header length {headerLen} exceeds the {MaxHeaderSize}-byte limit"
            );
        long prefix = 8 + lenBytes;
        if (headerLen > available - prefix)
            throw new InvalidDataException(
                $"{where}: header length {headerLen} runs past the end of the data ({available} bytes)"
            );
        var headerBytes = new byte[headerLen];
        ReadExactly(stream, headerBytes, where, "header");
        string header = (major == 3 ? Encoding.UTF8 : Encoding.Latin1).GetString(headerBytes);
        var (dtype, bigEndian, fortran, shape) = ParseHeader(header, where);
        long count = 1;
        foreach (int d in shape)
        {
            count *= d;
            if (count > Array.MaxLength)
                throw new InvalidDataException(
                    $"{where}: field 'shape' ({string.Join(", ", shape)}) is too large for one array"
                );
        }
        long bytes = count * dtype.Size();
        long remaining = available - prefix - headerLen;
        if (bytes > remaining)
            throw new InvalidDataException(
                $"{where}: field 'shape' ({string.Join(", ", shape)}) of {dtype.Name()} "
                    + $"needs {bytes} data bytes but only {remaining} follow the header"
            );
        Array data = dtype.NewArray((int)count);
        Span<byte> raw = MemoryMarshal.AsBytes(AsSpan(data));
        ReadExactly(stream, raw, where, "data");
        if (bigEndian && dtype.Size() > 1) SwapBytes(raw, dtype.Size());
        if (dtype == DType.Bool)
        {
            foreach (byte b in raw)
            {
                if (b > 1) throw new InvalidDataException($"{where}: bool data holds byte {b}, not 0 or 1");
            }
        }
        if (!fortran) return new NDArray(dtype, shape, data);
        int[] reversed = shape.Reverse().ToArray();
        return np.transpose(new NDArray(dtype, reversed, data)).Copy();
    }

    public static void Write(Stream stream, NDArray a)
    {
        string descr = a.DType switch
        {
            DType.Float32 => "<f4",
            DType.Float64 => "<f8",
            DType.Int32 => "<i4",
            DType.Int64 => "<i8",
            DType.UInt8 => "|u1",
            DType.Int16 => "<i2",
            DType.Bool => "|b1",
            _ => throw new ArgumentException($"np.save: dtype {a.DType} has no .npy form"),
        };
        int[] dims = a.Dims;
        string shape = dims.Length == 1 ? $"({dims[0]},)" : "(" + string.Join(", ", dims) + ")";
        string dict = $"{{'descr': '{descr}', 'fortran_order': False, 'shape': {shape}, }}";
        // NumPy pads with spaces so magic + length + header is a multiple of 64, ending in '\n'.
        int total = 10 + dict.Length + 1;
        int padded = (total + 63) / 64 * 64;
        bool v2 = padded - 10 > ushort.MaxValue;
        if (v2) padded = (12 + dict.Length + 1 + 63) / 64 * 64;
        string header = dict + new string(' ', padded - (v2 ? 12 : 10) - dict.Length - 1) + "\n";
        stream.Write(Magic);
        stream.WriteByte(v2 ? (byte)2 : (byte)1);
        stream.WriteByte(0);
        Span<byte> len = stackalloc byte[4];
        if (v2) BinaryPrimitives.WriteUInt32LittleEndian(len, (uint)header.Length);
        else BinaryPrimitives.WriteUInt16LittleEndian(len, (ushort)header.Length);
        stream.Write(len[..(v2 ? 4 : 2)]);
        stream.Write(Encoding.Latin1.GetBytes(header));
        Array data = a.IsContiguous ? a.Data : a.Copy().Data;
        stream.Write(MemoryMarshal.AsBytes(AsSpan(data))[..(a.Size * a.DType.Size())]);
    }

    public static Dictionary<string, NDArray> ReadNpz(string path)
    {
        using var zip = ZipFile.OpenRead(path);
        var result = new Dictionary<string, NDArray>();
        foreach (var entry in zip.Entries)
        {
            string name = entry.FullName.EndsWith(".npy", StringComparison.Ordinal)
                ? entry.FullName[..^4]
                : entry.FullName;
            // Inflate into a buffer that grows with the bytes that really arrive, so a lying size field allocates
            // nothing.
            using var buffer = new MemoryStream();
            using (var s = entry.Open()) s.CopyTo(buffer);
            buffer.Position = 0;
            result[name] = Read(buffer, buffer.Length, $"'{path}' member '{entry.FullName}'");
        }
        return result;
    }

    public static void WriteNpz(string path, IEnumerable<KeyValuePair<string, NDArray>> arrays, bool compress)
    {
        using var file = File.Create(path);
        using var zip = new ZipArchive(file, ZipArchiveMode.Create);
        foreach (var (name, a) in arrays)
        {
            var entry = zip.CreateEntry(
                name + ".npy",
                compress ? CompressionLevel.Optimal : CompressionLevel.NoCompression
            );
            using var s = entry.Open();
            Write(s, a);
        }
    }

    private static (DType, bool BigEndian, bool Fortran, int[] Shape) ParseHeader(string header, string where)
    {
        string descr = Field(header, "descr", @"'([^']*)'", where);
        string fortran = Field(header, "fortran_order", @"(True|False)", where);
        string shapeText = Field(header, "shape", @"\(([^)]*)\)", where);
        bool big = descr.StartsWith('>');
        DType dtype = descr.TrimStart('<', '>', '|', '=') switch
        {
            "f4" => DType.Float32,
            "f8" => DType.Float64,
            "i4" => DType.Int32,
            "i8" => DType.Int64,
            "u1" => DType.UInt8,
            "i2" => DType.Int16,
            "b1" => DType.Bool,
            _ => throw new NotSupportedException(
                $"{where}: field 'descr' is '{descr}'; supported are "
                    + $"float32, float64, int16, int32, int64, uint8 and bool"
            ),
        };
        var dims = new List<int>();
        foreach (
            string part in shapeText.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
        )
        {
            if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out int d))
                throw new InvalidDataException(
                    $"{where}: field 'shape' has dimension '{part}', not a non-negative int32"
                );
            dims.Add(d);
        }
        return (dtype, big, fortran == "True", dims.ToArray());
    }

    private static string Field(string header, string key, string valuePattern, string where)
    {
        var m = Regex.Match(header, $@"['""]{key}['""]\s*:\s*{valuePattern}");
        if (!m.Success) throw new InvalidDataException($"{where}: header has no valid field '{key}': {header.Trim()}");
        return m.Groups[1].Value;
    }

    private static void ReadExactly(Stream stream, Span<byte> into, string where, string what)
    {
        int read = stream.ReadAtLeast(into, into.Length, throwOnEndOfStream: false);
        if (read < into.Length)
            throw new InvalidDataException($"{where}: file ends inside the {what} ({read} of {into.Length} bytes)");
    }

    private static Span<byte> AsSpan(Array data) => data switch
    {
        float[] f => MemoryMarshal.AsBytes(f.AsSpan()),
        double[] d => MemoryMarshal.AsBytes(d.AsSpan()),
        int[] i => MemoryMarshal.AsBytes(i.AsSpan()),
        long[] l => MemoryMarshal.AsBytes(l.AsSpan()),
        byte[] b => b.AsSpan(),
        short[] s => MemoryMarshal.AsBytes(s.AsSpan()),
        bool[] b => MemoryMarshal.AsBytes(b.AsSpan()),
        _ => throw new ArgumentException($"no byte view of {data.GetType().Name}"),
    };

    private static void SwapBytes(Span<byte> raw, int size)
    {
        for (int i = 0; i < raw.Length; i += size) raw.Slice(i, size).Reverse();
    }
}
