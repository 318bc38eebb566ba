using System.Buffers.Binary;
using System.IO.Compression;
using TfLessons.IO.Checkpoint;
using TfLessons.IO.Internal;

namespace TfLessons.IO.Tests.Fuzz;

/// <summary>
/// Checksum repair after mutation, so that mutated bytes get past the outer integrity checks (TFRecord and
/// SSTable masked CRC-32C, gzip CRC-32 + ISIZE, zlib Adler-32) and exercise the parsers behind them.
/// </summary>
internal static class Repair
{
    private const int MaxInflate = 16 << 20;

    /// <summary>The payloads of a well-formed TFRecord file.</summary>
    public static List<byte[]> Records(byte[] file)
    {
        var records = new List<byte[]>();
        int pos = 0;
        while (pos < file.Length)
        {
            int length = checked((int)BinaryPrimitives.ReadUInt64LittleEndian(file.AsSpan(pos)));
            records.Add(file.AsSpan(pos + 12, length).ToArray());
            pos += 16 + length;
        }
        return records;
    }

    /// <summary>Frames payloads as TFRecords with correct length and data CRCs.</summary>
    public static byte[] Frame(IEnumerable<byte[]> records)
    {
        using var output = new MemoryStream();
        Span<byte> header = stackalloc byte[12];
        Span<byte> footer = stackalloc byte[4];
        foreach (byte[] r in records)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(header, (ulong)r.Length);
            BinaryPrimitives.WriteUInt32LittleEndian(header[8..], Crc32C.ComputeMasked(header[..8]));
            BinaryPrimitives.WriteUInt32LittleEndian(footer, Crc32C.ComputeMasked(r));
            output.Write(header);
            output.Write(r);
            output.Write(footer);
        }
        return output.ToArray();
    }

    /// <summary>Overwrites a record's length with <paramref name="length"/> and repairs the length CRC.</summary>
    public static void InflateRecordLength(byte[] file, int recordOffset, ulong length)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(file.AsSpan(recordOffset), length);
        BinaryPrimitives.WriteUInt32LittleEndian(
            file.AsSpan(recordOffset + 8),
            Crc32C.ComputeMasked(file.AsSpan(recordOffset, 8))
        );
    }

    /// <summary>Every block of a well-formed SSTable: metaindex, index and data blocks (offset, size).</summary>
    public static List<(int Offset, int Size)> SsTableBlocks(byte[] file)
    {
        ReadOnlySpan<byte> footer = file.AsSpan(file.Length - 48);
        int pos = 0;
        var meta = Handle(footer, ref pos);
        var index = Handle(footer, ref pos);
        var blocks = new List<(int, int)> { meta, index };
        byte[] indexBlock = Contents(file, index);
        int restarts = (int)BinaryPrimitives.ReadUInt32LittleEndian(indexBlock.AsSpan(indexBlock.Length - 4));
        int end = indexBlock.Length - (4 * (1 + restarts));
        int p = 0;
        while (p < end)
        {
            // Index blocks use restart interval 1, so no entry shares key bytes.
            Varint.TryRead32(indexBlock.AsSpan(p), out uint _, out int n1);
            Varint.TryRead32(indexBlock.AsSpan(p + n1), out uint unshared, out int n2);
            Varint.TryRead32(indexBlock.AsSpan(p + n1 + n2), out uint valueLength, out int n3);
            p += n1 + n2 + n3 + (int)unshared;
            int hp = 0;
            blocks.Add(Handle(indexBlock.AsSpan(p, (int)valueLength), ref hp));
            p += (int)valueLength;
        }
        return blocks;
    }

    /// <summary>Recomputes the masked CRC-32C of the block at (offset, size) after its bytes were changed.</summary>
    public static void RepairBlockCrc(byte[] file, (int Offset, int Size) block)
    {
        uint crc = Crc32C.Extend(
            Crc32C.Compute(file.AsSpan(block.Offset, block.Size)),
            file.AsSpan(block.Offset + block.Size, 1)
        );
        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(block.Offset + block.Size + 1), Crc32C.Mask(crc));
    }

    public static byte[] Gzip(byte[] data)
    {
        using var output = new MemoryStream();
        using (var gz = new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true))
        {
            gz.Write(data);
        }
        return output.ToArray();
    }

    /// <summary>
    /// Rewrites the gzip trailer (CRC-32, ISIZE) to match what the (possibly mutated) deflate body really
    /// inflates to. Returns false when the body is not valid deflate data, so no trailer can match.
    /// </summary>
    public static bool RepairGzipTrailer(byte[] gz)
    {
        // .NET writes a bare 10-byte header (no optional fields).
        byte[]? inflated = TryInflate(
            new DeflateStream(new MemoryStream(gz, 10, gz.Length - 18), CompressionMode.Decompress)
        );
        if (inflated is null)
        {
            return false;
        }
        BinaryPrimitives.WriteUInt32LittleEndian(gz.AsSpan(gz.Length - 8), Crc32.Compute(inflated));
        BinaryPrimitives.WriteUInt32LittleEndian(gz.AsSpan(gz.Length - 4), (uint)inflated.Length);
        return true;
    }

    public static byte[] Zlib(byte[] data)
    {
        using var output = new MemoryStream();
        using (var z = new ZLibStream(output, CompressionLevel.Optimal, leaveOpen: true))
        {
            z.Write(data);
        }
        return output.ToArray();
    }

    public static byte[]? TryInflateZlib(ReadOnlySpan<byte> zlib) =>
        TryInflate(new ZLibStream(new MemoryStream(zlib.ToArray()), CompressionMode.Decompress));

    /// <summary>Rewrites a zlib stream's Adler-32 trailer to match its (possibly mutated) deflate body.</summary>
    public static bool RepairAdler32(byte[] zlib)
    {
        if (zlib.Length < 6)
        {
            return false;
        }
        byte[]? inflated = TryInflate(
            new DeflateStream(new MemoryStream(zlib, 2, zlib.Length - 6), CompressionMode.Decompress)
        );
        if (inflated is null)
        {
            return false;
        }
        BinaryPrimitives.WriteUInt32BigEndian(zlib.AsSpan(zlib.Length - 4), Adler32(inflated));
        return true;
    }

    public static uint Adler32(ReadOnlySpan<byte> data)
    {
        uint a = 1, b = 0;
        foreach (byte x in data)
        {
            a = (a + x) % 65521;
            b = (b + a) % 65521;
        }
        return (b << 16) | a;
    }

    /// <summary>Top-level elements of a MAT v5 file: (tag offset, type, payload offset, payload length).</summary>
    public static List<(int Tag, int Type, int Data, int Length)> MatElements(byte[] mat)
    {
        var elements = new List<(int, int, int, int)>();
        int pos = 128;
        while (pos + 8 <= mat.Length)
        {
            int type = BinaryPrimitives.ReadInt32LittleEndian(mat.AsSpan(pos));
            int length = BinaryPrimitives.ReadInt32LittleEndian(mat.AsSpan(pos + 4));
            elements.Add((pos, type, pos + 8, length));
            pos += 8 + (type == 15 ? length : (length + 7) & ~7);
        }
        return elements;
    }

    private static (int Offset, int Size) Handle(ReadOnlySpan<byte> source, ref int pos)
    {
        Varint.TryRead(source[pos..], out ulong offset, out int n1);
        Varint.TryRead(source[(pos + n1)..], out ulong size, out int n2);
        pos += n1 + n2;
        return ((int)offset, (int)size);
    }

    private static byte[] Contents(byte[] file, (int Offset, int Size) block)
    {
        ReadOnlySpan<byte> raw = file.AsSpan(block.Offset, block.Size);
        return file[block.Offset + block.Size] == 1 ? Snappy.Decompress(raw, 64 << 20) : raw.ToArray();
    }

    private static byte[]? TryInflate(Stream decompressor)
    {
        try
        {
            using (decompressor)
            {
                using var output = new MemoryStream();
                var buffer = new byte[16384];
                int n;
                while ((n = decompressor.Read(buffer)) > 0)
                {
                    output.Write(buffer, 0, n);
                    if (output.Length > MaxInflate)
                    {
                        return null;
                    }
                }
                return output.ToArray();
            }
        }
        catch (InvalidDataException)
        {
            return null;
        }
    }
}
