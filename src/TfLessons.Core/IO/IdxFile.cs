// IDX files (the MNIST / Fashion-MNIST format, http://yann.lecun.com/exdb/mnist/ "FILE FORMATS"):
//   magic: two zero bytes, a type byte (0x08 = unsigned byte) and the number of dimensions; then one big-endian
//   int32 per dimension; then the data, row-major. Images: 0x00000803 (n, rows, cols); labels: 0x00000801 (n).
// Files may be gzip-compressed (.gz, detected by the 1f 8b signature). Before allocating, the size implied by the
// header is checked against the file length (raw) or the gzip trailer's ISIZE (uncompressed length mod 2^32).
using System.Buffers.Binary;
using System.IO.Compression;

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
        long fileLength = file.Length;
        bool gzip = IsGzip(file);
        long? availableLength;
        if (gzip)
        {
            if (fileLength < 18)
            {
                throw new IdxFormatException($"'{full}' is a truncated gzip file ({fileLength} bytes).");
            }

            Span<byte> trailer = stackalloc byte[4];
            file.Seek(-4, SeekOrigin.End);
            file.ReadExactly(trailer);
            file.Seek(0, SeekOrigin.Begin);
            availableLength = BinaryPrimitives.ReadUInt32LittleEndian(trailer); // ISIZE: uncompressed size mod 2^32
        }
        else
        {
            availableLength = fileLength;
        }

        try
        {
            using Stream data = gzip ? new GZipStream(file, CompressionMode.Decompress) : file;
            return Parse(data, full, gzip, availableLength.Value, expectedMagic);
        }
        catch (InvalidDataException ex)
        {
            throw new IdxFormatException($"'{full}' is a corrupt gzip file: {ex.Message}", ex);
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
                throw new IdxFormatException($"'{name}' has a negative dimension {d}.");
            }

            dims[i] = d;
            count *= d;
            if (count > Array.MaxLength)
            {
                throw new IdxFormatException($"'{name}' declares dimensions [{string.Join(", ", dims.Take(i + 1))}...], too large.");
            }
        }

        long expectedLength = 4 + (4L * rank) + count;
        if (gzip)
        {
            if ((expectedLength & 0xffffffffL) != availableLength)
            {
                throw new IdxFormatException(
                    $"'{name}': header dimensions [{string.Join(", ", dims)}] imply {expectedLength} bytes, but the gzip " +
                    $"trailer records {availableLength} uncompressed bytes (truncated or corrupt file).");
            }
        }
        else if (expectedLength != availableLength)
        {
            throw new IdxFormatException(
                $"'{name}': header dimensions [{string.Join(", ", dims)}] imply {expectedLength} bytes, but the file has " +
                $"{availableLength} ({(availableLength < expectedLength ? "truncated" : "trailing bytes")}).");
        }

        var data = new byte[count];
        int got = ReadFully(stream, data);
        if (got < data.Length)
        {
            throw new IdxFormatException(
                $"'{name}' is truncated: {got} of {data.Length} data bytes present for dimensions [{string.Join(", ", dims)}].");
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
