using System.Buffers.Binary;
using System.IO.Compression;

namespace TfLessons.IO;

/// <summary>
/// Reader for MATLAB level-5 MAT files (v5 / v7: plain and zlib-compressed <c>miMATRIX</c> elements).
/// Numeric and char arrays are decoded; cells, structs, objects and sparse arrays are skipped.
/// Every length read from the file is checked against the bytes actually present before use, so a
/// corrupt or hostile file yields an <see cref="InvalidDataException"/> rather than a huge allocation.
/// </summary>
public static class MatFile
{
    private const int HeaderLength = 128;
    private const int MiMatrix = 14;
    private const int MiCompressed = 15;

    /// <summary>Upper bound on one decompressed element; the compressed size alone does not bound it.</summary>
    public const int MaxDecompressedBytes = 1 << 30;

    // Deflate's maximum compression ratio (258-byte matches coded in 2 bits): more output is corrupt.
    private const long MaxDeflateRatio = 1032;

    /// <summary>Reads all supported variables of a MAT v5 file, keyed by name, in file order.</summary>
    /// <param name="path">Path of the .mat file.</param>
    /// <exception cref="InvalidDataException">Bad header, truncation or inconsistent element (message names file and
    /// element).</exception>
    public static IReadOnlyDictionary<string, MatArray> Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Parse(File.ReadAllBytes(path), path);
    }

    /// <summary>Parses MAT v5 content already in memory; <paramref name="sourceName"/> is used in error
    /// messages.</summary>
    /// <exception cref="InvalidDataException">See <see cref="Read"/>.</exception>
    public static IReadOnlyDictionary<string, MatArray> Parse(ReadOnlySpan<byte> data, string sourceName)
    {
        var file = new Reader(sourceName, IsBigEndianHeader(data, sourceName));
        var result = new Dictionary<string, MatArray>(StringComparer.Ordinal);
        int pos = HeaderLength;
        int index = 0;
        while (pos < data.Length)
        {
            index++;
            string where = $"top-level element #{index} at offset {pos}";
            var tag = file.ReadTag(data, pos, where);
            ReadOnlySpan<byte> body = data.Slice(tag.DataOffset, tag.Length);
            if (tag.Type == MiCompressed)
            {
                byte[] inflated = Inflate(file, body, where);
                int inner = 0;
                while (inner < inflated.Length)
                {
                    string innerWhere = $"{where} (compressed), inner offset {inner}";
                    var innerTag = file.ReadTag(inflated, inner, innerWhere);
                    AddMatrix(file, innerTag, inflated, innerWhere, result);
                    inner = innerTag.Next;
                }
                // Compressed elements are not padded to 8 bytes.
                pos = tag.DataOffset + tag.Length;
            }
            else
            {
                AddMatrix(file, tag, data, where, result);
                pos = tag.Next;
            }
        }
        return result;
    }

    private static bool IsBigEndianHeader(ReadOnlySpan<byte> data, string name)
    {
        if (data.Length < HeaderLength)
        {
            throw new InvalidDataException(
                $"{name}: {data.Length} bytes, shorter than the "
                    + $"{HeaderLength}-byte MAT v5 header (truncated or not a MAT file)."
            );
        }
        if (!data[..6].SequenceEqual("MATLAB"u8))
        {
            throw new InvalidDataException($"{name}: header text does not start with 'MATLAB'; not a MAT v5 file.");
        }
        bool little = data[126] == (byte)'I' && data[127] == (byte)'M';
        bool big = data[126] == (byte)'M' && data[127] == (byte)'I';
        if (!little && !big)
        {
            throw new InvalidDataException(
                $"{name}: bad endian indicator (expected 'IM' or 'MI' at byte 126); not a MAT v5 file."
            );
        }
        ushort version = little
            ? BinaryPrimitives.ReadUInt16LittleEndian(data[124..])
            : BinaryPrimitives.ReadUInt16BigEndian(data[124..]);
        if (version != 0x0100)
        {
            throw new InvalidDataException(
                $"{name}: MAT header version 0x{version:x4}, only 0x0100 (v5/v7) is supported; v7.3 files are HDF5."
            );
        }
        return !little;
    }

    /// <summary>
    /// Inflates a miCOMPRESSED payload, which holds one element (as MATLAB and scipy write it). The output
    /// buffer grows as bytes arrive, up to the inner element's declared length (8-byte tag + payload + at most
    /// 7 padding bytes), which is itself capped by <see cref="MaxDecompressedBytes"/> and by deflate's maximum
    /// ratio, so a zlib bomb costs no more than the bytes it really produces within that bound.
    /// </summary>
    private static byte[] Inflate(Reader file, ReadOnlySpan<byte> compressed, string where)
    {
        string name = file.Name;
        byte[] output = [];
        int total = 0;
        try
        {
            using var input = new MemoryStream(compressed.ToArray(), writable: false);
            using var z = new ZLibStream(input, CompressionMode.Decompress);
            var tag = new byte[8];
            total = ReadUpTo(z, tag, 0, 8);
            if (total < 8)
            {
                throw new InvalidDataException(
                    $"{name}: {where}: compressed data inflates to {total} bytes, less than an element tag."
                );
            }
            Tag inner = file.ReadTag(tag, 0, $"{where} (compressed)", lengthUnchecked: true);
            long declared = 8L + inner.Length;
            long ratioCap = (compressed.Length * MaxDeflateRatio) + 1024;
            if (declared > MaxDecompressedBytes || declared > ratioCap)
            {
                throw new InvalidDataException(
                    $"{name}: {where}: the compressed element of type "
                        + $"{inner.Type} declares {inner.Length} bytes, more than "
                        + $"{Math.Min(MaxDecompressedBytes, ratioCap)} ({compressed.Length} "
                        + $"compressed bytes; limit {MaxDecompressedBytes})."
                );
            }
            output = new byte[(int)Math.Min(declared, 1 << 16)];
            tag.CopyTo(output, 0);
            while (total < declared)
            {
                if (total == output.Length)
                {
                    Array.Resize(ref output, (int)Math.Min(declared, 2L * output.Length));
                }
                int n = ReadUpTo(z, output, total, output.Length - total);
                if (n == 0)
                {
                    throw new InvalidDataException(
                        $"{name}: {where}: compressed element of type {inner.Type} "
                            + $"declares {inner.Length} bytes but inflates to only {total - 8}."
                    );
                }
                total += n;
            }
            // Reading on to the end verifies zlib's adler32; more than padding after the element is corrupt.
            var rest = new byte[8];
            int extra = ReadUpTo(z, rest, 0, rest.Length);
            if (extra > 7)
            {
                throw new InvalidDataException(
                    $"{name}: {where}: compressed data continues past its element "
                        + $"of type {inner.Type} ({inner.Length} declared bytes)."
                );
            }
            return output;
        }
        catch (Exception ex)
            when (ex is InvalidDataException or IOException && !ex.Message.StartsWith(name, StringComparison.Ordinal))
        {
            // ZLibException (an IOException) covers what .NET does not map to InvalidDataException, e.g. a preset
            // dictionary.
            throw new InvalidDataException(
                $"{name}: {where}: corrupt deflate data in {name} (zlib stream, after {total} inflated bytes).",
                ex
            );
        }
    }

    private static int ReadUpTo(Stream stream, byte[] buffer, int offset, int count)
    {
        int total = 0;
        while (total < count)
        {
            int n = stream.Read(buffer, offset + total, count - total);
            if (n == 0)
            {
                break;
            }
            total += n;
        }
        return total;
    }

    private static void AddMatrix(
        Reader file,
        Tag tag,
        ReadOnlySpan<byte> data,
        string where,
        Dictionary<string, MatArray> result
    )
    {
        if (tag.Type != MiMatrix)
        {
            // scipy raises here too ("Expecting miMATRIX type here"); skipping would hide a corrupt tag.
            throw new InvalidDataException(
                $"{file.Name}: {where}: element type {tag.Type} where "
                    + $"a miMATRIX (14) or miCOMPRESSED (15) element must be."
            );
        }
        if (tag.Length == 0)
        {
            return; // An empty miMATRIX is a placeholder (e.g. an empty cell).
        }
        ReadOnlySpan<byte> m = data.Slice(tag.DataOffset, tag.Length);
        var array = file.ReadMatrix(m, where);
        if (array is not null)
        {
            if (!result.TryAdd(array.Name, array))
            {
                throw new InvalidDataException($"{file.Name}: {where}: duplicate variable name '{array.Name}'.");
            }
        }
    }
}
