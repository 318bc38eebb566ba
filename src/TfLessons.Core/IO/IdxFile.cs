// IDX files (the MNIST / Fashion-MNIST format, http://yann.lecun.com/exdb/mnist/ "FILE FORMATS"):
//   magic: two zero bytes, a type byte (0x08 = unsigned byte) and the number of dimensions; then one big-endian
//   int32 per dimension; then the data, row-major. Images: 0x00000803 (n, rows, cols); labels: 0x00000801 (n).
// Files may be gzip-compressed (.gz, detected by the 1f 8b signature). Before allocating, the size implied by the
// header is checked against the file length (raw) or the bytes the gzip stream actually inflated to; the gzip
// trailer (CRC-32 and ISIZE) is verified but never used to size a buffer.
using System.Buffers.Binary;
using System.IO.Compression;
using TfLessons.IO.Internal;

namespace TfLessons.IO;

/// <summary>Unsigned-byte IDX contents: data (row-major) and dimensions.</summary>
public sealed record IdxData(byte[] Data, int[] Dimensions)
{
    public int Count => Dimensions.Length == 0 ? 0 : Dimensions[0];
}

/// <summary>A malformed, truncated or unsupported IDX file.</summary>
public sealed class IdxFormatException : IOException
{
    public IdxFormatException(string message)
        : base(message)
    {
    }

    public IdxFormatException(string message, Exception inner)
        : base(message, inner)
    {
    }
}

/// <summary>Reader for IDX files, raw or gzip.</summary>
public static class IdxFile
{
    public const int ImagesMagic = 0x00000803;
    public const int LabelsMagic = 0x00000801;
    private const byte UnsignedByte = 0x08;

    // Deflate's maximum compression ratio (258-byte matches coded in 2 bits): larger output is corrupt.
    private const long MaxDeflateRatio = 1032;

    /// <summary>Reads an unsigned-byte IDX file of any rank.</summary>
    public static IdxData Read(string path) => Read(path, expectedMagic: null);

    /// <summary>Reads an image file (magic 0x00000803: n x rows x cols).</summary>
    public static IdxData ReadImages(string path) => Read(path, ImagesMagic);

    /// <summary>Reads a label file (magic 0x00000801: n).</summary>
    public static IdxData ReadLabels(string path) => Read(path, LabelsMagic);

    private static IdxData Read(string path, int? expectedMagic)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string full = Path.GetFullPath(path);
        if (!File.Exists(full))
        {
            throw new FileNotFoundException($"IDX file '{full}' does not exist.", full);
        }

        using FileStream file = File.OpenRead(full);
        try
        {
            if (!IsGzip(file))
            {
                return Parse(file, full, gzip: false, file.Length, expectedMagic);
            }
            byte[] inflated = GzipInflate(file, full);
            using var data = new MemoryStream(inflated, writable: false);
            return Parse(data, full, gzip: true, inflated.Length, expectedMagic);
        }
        catch (EndOfStreamException ex)
        {
            throw new IdxFormatException($"'{full}' is truncated: the data ends before the size its header gives.", ex);
        }
    }

    private static bool IsGzip(FileStream file)
    {
        Span<byte> sig = stackalloc byte[2];
        int n = file.Read(sig);
        file.Seek(0, SeekOrigin.Begin);
        return n == 2 && sig[0] == 0x1f && sig[1] == 0x8b;
    }

    /// <summary>
    /// Inflates a single-member gzip file (RFC 1952) and checks its CRC-32 and ISIZE trailer itself, so
    /// that corrupt deflate data and a checksum mismatch get distinct messages. The output buffer grows as
    /// bytes arrive and is capped at deflate's maximum ratio (1032:1); the trailer's ISIZE is never trusted.
    /// </summary>
    private static byte[] GzipInflate(FileStream file, string name)
    {
        if (file.Length > Array.MaxLength)
        {
            throw new IdxFormatException($"'{name}' is {file.Length} bytes, too large for an IDX gzip file.");
        }
        byte[] gz = new byte[file.Length];
        file.ReadExactly(gz);
        int bodyStart = GzipBodyStart(gz, name);
        int bodyLength = gz.Length - 8 - bodyStart;
        uint storedCrc = BinaryPrimitives.ReadUInt32LittleEndian(gz.AsSpan(gz.Length - 8));
        uint storedSize = BinaryPrimitives.ReadUInt32LittleEndian(gz.AsSpan(gz.Length - 4));
        long cap = Math.Min(Array.MaxLength, (bodyLength * MaxDeflateRatio) + 1024);

        byte[] output = new byte[(int)Math.Min(cap, Math.Min(storedSize, 1 << 20))];
        int total = 0;
        try
        {
            using var deflate = new DeflateStream(
                new MemoryStream(gz, bodyStart, bodyLength, writable: false),
                CompressionMode.Decompress
            );
            while (true)
            {
                if (total == output.Length)
                {
                    if (total >= cap)
                    {
                        if (deflate.ReadByte() < 0)
                        {
                            break;
                        }
                        throw new IdxFormatException(
                            $"corrupt deflate data in '{name}': it inflates past {cap} "
                                + $"bytes, more than {bodyLength} compressed bytes can hold."
                        );
                    }
                    Array.Resize(ref output, (int)Math.Min(cap, Math.Max(4096L, 2L * total)));
                }
                int n = deflate.Read(output, total, output.Length - total);
                if (n == 0)
                {
                    break;
                }
                total += n;
            }
        }
        catch (Exception ex) when (ex is InvalidDataException || (ex is IOException && ex is not IdxFormatException))
        {
            // .NET reports some zlib failures as ZLibException (an IOException) rather than InvalidDataException.
            throw new IdxFormatException($"corrupt deflate data in '{name}' (after {total} inflated bytes).", ex);
        }
        uint crc = Crc32.Compute(output.AsSpan(0, total));
        if (crc != storedCrc)
        {
            throw new IdxFormatException(
                $"gzip CRC mismatch in '{name}': the trailer records crc32 "
                    + $"0x{storedCrc:x8}, the {total} inflated bytes have 0x{crc:x8}."
            );
        }
        if ((uint)total != storedSize)
        {
            throw new IdxFormatException(
                $"gzip length mismatch in '{name}': the trailer records "
                    + $"{storedSize} uncompressed bytes, the data inflates to {total}."
            );
        }
        Array.Resize(ref output, total);
        return output;
    }

    // Skips the gzip member header: fixed 10 bytes, then the optional FEXTRA, FNAME, FCOMMENT and FHCRC fields.
    private static int GzipBodyStart(byte[] gz, string name)
    {
        IdxFormatException Truncated() => new($"'{name}' is a truncated gzip file ({gz.Length} bytes).");
        if (gz.Length < 18)
        {
            throw Truncated();
        }
        if (gz[2] != 8)
        {
            throw new IdxFormatException($"'{name}': gzip compression method {gz[2]}, only deflate (8) exists.");
        }
        byte flags = gz[3];
        int pos = 10;
        int limit = gz.Length - 8;
        if ((flags & 0x04) != 0)
        {
            if (limit - pos < 2)
            {
                throw Truncated();
            }
            pos += 2 + BinaryPrimitives.ReadUInt16LittleEndian(gz.AsSpan(pos));
        }
        for (int bit = 0x08; bit <= 0x10; bit <<= 1)
        {
            if ((flags & bit) == 0)
            {
                continue;
            }
            int zero = pos < limit ? Array.IndexOf(gz, (byte)0, pos, limit - pos) : -1;
            if (zero < 0)
            {
                throw Truncated();
            }
            pos = zero + 1;
        }
        if ((flags & 0x02) != 0)
        {
            pos += 2;
        }
        if (pos > limit)
        {
            throw Truncated();
        }
        return pos;
    }

    private static IdxData Parse(Stream stream, string name, bool gzip, long availableLength, int? expectedMagic)
    {
        Span<byte> head = stackalloc byte[4];
        if (ReadFully(stream, head) < 4)
        {
            throw new IdxFormatException($"'{name}' is too short for an IDX header.");
        }

        int magic = BinaryPrimitives.ReadInt32BigEndian(head);
        if (head[0] != 0 || head[1] != 0)
        {
            throw new IdxFormatException($"'{name}' is not an IDX file (magic 0x{magic:x8}; expected 0x0000TTNN).");
        }

        if (head[2] != UnsignedByte)
        {
            throw new IdxFormatException(
                $"'{name}' has IDX element type 0x{head[2]:x2}; only unsigned bytes (0x08) are supported.");
        }

        if (expectedMagic is int em && magic != em)
        {
            throw new IdxFormatException($"'{name}' has magic 0x{magic:x8}; expected 0x{em:x8}.");
        }

        int rank = head[3];
        if (rank == 0)
        {
            throw new IdxFormatException($"'{name}' declares 0 dimensions.");
        }

        var dimBytes = new byte[4 * rank];
        if (ReadFully(stream, dimBytes) < dimBytes.Length)
        {
            throw new IdxFormatException($"'{name}' is truncated inside its header ({rank} dimensions declared).");
        }

        var dims = new int[rank];
        long count = 1;
        for (int i = 0; i < rank; i++)
        {
            int d = BinaryPrimitives.ReadInt32BigEndian(dimBytes.AsSpan(4 * i));
            if (d < 0)
            {
                throw new IdxFormatException(
                    $"'{name}': dimension #{i} is {(uint)d}, not below 2^31 (the IDX format's signed int32 limit).");
            }

            dims[i] = d;
            count = checked(count * d); // Cannot overflow (count <= Array.MaxLength, d < 2^31); checked anyway.
            if (count > Array.MaxLength)
            {
                throw new IdxFormatException(
                    $"'{name}' declares dimensions [{string.Join(", ", dims.Take(i + 1))}...], too large."
                );
            }
        }

        long expectedLength = 4 + (4L * rank) + count;
        if (gzip)
        {
            if (expectedLength != availableLength)
            {
                throw new IdxFormatException(
                    $"'{name}': header dimensions [{string.Join(", ", dims)}] "
                        + $"imply {expectedLength} bytes, but the gzip "
                        + $"data inflates to {availableLength} bytes (truncated or corrupt file)."
                );
            }
        }
        else if (expectedLength != availableLength)
        {
            throw new IdxFormatException(
                $"'{name}': header dimensions [{string.Join(", ", dims)}] "
                    + $"imply {expectedLength} bytes, but the file has "
                    + $"{availableLength} ({(availableLength < expectedLength ? "truncated" : "trailing bytes")})."
            );
        }

        var data = new byte[count];
        int got = ReadFully(stream, data);
        if (got < data.Length)
        {
            throw new IdxFormatException(
                $"'{name}' is truncated: {got} of {data.Length} data bytes "
                    + $"present for dimensions [{string.Join(", ", dims)}]."
            );
        }

        if (stream.ReadByte() >= 0)
        {
            throw new IdxFormatException($"'{name}' has trailing bytes after {expectedLength} bytes of IDX data.");
        }

        return new IdxData(data, dims);
    }

    private static int ReadFully(Stream stream, Span<byte> buffer)
    {
        int total = 0;
        while (total < buffer.Length)
        {
            int n = stream.Read(buffer[total..]);
            if (n == 0)
            {
                break;
            }

            total += n;
        }

        return total;
    }
}
