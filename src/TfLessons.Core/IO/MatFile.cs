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

    /// <summary>Reads all supported variables of a MAT v5 file, keyed by name, in file order.</summary>
    /// <param name="path">Path of the .mat file.</param>
    /// <exception cref="InvalidDataException">Bad header, truncation or inconsistent element (message names file and element).</exception>
    public static IReadOnlyDictionary<string, MatArray> Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Parse(File.ReadAllBytes(path), path);
    }

    /// <summary>Parses MAT v5 content already in memory; <paramref name="sourceName"/> is used in error messages.</summary>
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
                byte[] inflated = Inflate(body, file.Name, where);
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
                $"{name}: {data.Length} bytes, shorter than the {HeaderLength}-byte MAT v5 header (truncated or not a MAT file).");
        }
        if (!data[..6].SequenceEqual("MATLAB"u8))
        {
            throw new InvalidDataException($"{name}: header text does not start with 'MATLAB'; not a MAT v5 file.");
        }
        bool little = data[126] == (byte)'I' && data[127] == (byte)'M';
        bool big = data[126] == (byte)'M' && data[127] == (byte)'I';
        if (!little && !big)
        {
            throw new InvalidDataException($"{name}: bad endian indicator (expected 'IM' or 'MI' at byte 126); not a MAT v5 file.");
        }
        ushort version = little ? BinaryPrimitives.ReadUInt16LittleEndian(data[124..]) : BinaryPrimitives.ReadUInt16BigEndian(data[124..]);
        if (version != 0x0100)
        {
            throw new InvalidDataException($"{name}: MAT header version 0x{version:x4}, only 0x0100 (v5/v7) is supported; v7.3 files are HDF5.");
        }
        return !little;
    }

    private static byte[] Inflate(ReadOnlySpan<byte> compressed, string name, string where)
    {
        try
        {
            using var input = new MemoryStream(compressed.ToArray(), writable: false);
            using var z = new ZLibStream(input, CompressionMode.Decompress);
            using var output = new MemoryStream();
            var buffer = new byte[81920];
            int read;
            while ((read = z.Read(buffer, 0, buffer.Length)) > 0)
            {
                if (output.Length + read > MaxDecompressedBytes)
                {
                    throw new InvalidDataException($"{name}: {where} inflates to more than {MaxDecompressedBytes} bytes.");
                }
                output.Write(buffer, 0, read);
            }
            return output.ToArray();
        }
        catch (InvalidDataException ex) when (!ex.Message.StartsWith(name, StringComparison.Ordinal))
        {
            throw new InvalidDataException($"{name}: {where}: corrupt zlib data ({ex.Message}).", ex);
        }
    }

    private static void AddMatrix(Reader file, Tag tag, ReadOnlySpan<byte> data, string where, Dictionary<string, MatArray> result)
    {
        if (tag.Type != MiMatrix || tag.Length == 0)
        {
            return; // Only arrays carry variables; an empty miMATRIX is a placeholder (e.g. empty cell).
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
