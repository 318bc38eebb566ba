using TfLessons.IO.Internal;

namespace TfLessons.IO.Checkpoint;

/// <summary>
/// Decoder for Snappy's raw block format (google/snappy <c>format_description.txt</c>), which
/// TensorFlow uses for SSTable blocks of type 1. Some real checkpoint indexes are Snappy-compressed even
/// though current TensorFlow writes uncompressed blocks, so a reader must handle it.
/// </summary>
/// <remarks>
/// The decoder is fully bounds-checked: every malformed input raises <see cref="InvalidDataException"/>,
/// and the declared uncompressed length is checked against a caller-supplied cap before anything is
/// allocated, so a corrupt header cannot trigger a multi-gigabyte allocation.
/// </remarks>
public static class Snappy
{
    /// <summary>
    /// Upper bound on the expansion ratio of a valid Snappy stream. The most compact element is a
    /// 3-byte copy (tag type 2) producing 64 bytes, a ratio of about 21.3, so a declared length above
    /// 22 × the compressed size is necessarily corrupt. Callers can use this to derive a tight cap.
    /// </summary>
    public const int MaxExpansionRatio = 22;

    /// <summary>Reads the uncompressed length stored in the stream's varint preamble.</summary>
    /// <exception cref="InvalidDataException">The preamble is truncated or exceeds 2^32-1.</exception>
    public static long GetUncompressedLength(ReadOnlySpan<byte> compressed)
    {
        // Snappy limits the preamble to a 32-bit value (at most 5 varint bytes).
        if (!Varint.TryRead(compressed, out ulong length, out _, maxBytes: 5) || length > uint.MaxValue)
        {
            throw new InvalidDataException("Snappy: corrupt uncompressed-length preamble.");
        }
        return (long)length;
    }

    /// <summary>Decompresses a raw Snappy block.</summary>
    /// <param name="compressed">The compressed bytes, preamble included.</param>
    /// <param name="maxUncompressedLength">
    /// The largest output the caller is willing to allocate; a stream declaring more is rejected
    /// before any allocation.
    /// </param>
    /// <exception cref="InvalidDataException">The stream is malformed or declares too much output.</exception>
    public static byte[] Decompress(ReadOnlySpan<byte> compressed, int maxUncompressedLength)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxUncompressedLength);
        if (!Varint.TryRead(compressed, out ulong declared, out int pos, maxBytes: 5) || declared > uint.MaxValue)
        {
            throw new InvalidDataException("Snappy: corrupt uncompressed-length preamble.");
        }
        if (declared > (ulong)maxUncompressedLength)
        {
            throw new InvalidDataException(
                $"Snappy: declared uncompressed length {declared} exceeds the limit of {maxUncompressedLength} bytes.");
        }
        if (declared > (ulong)(compressed.Length - pos) * MaxExpansionRatio)
        {
            throw new InvalidDataException(
                $"Snappy: declared uncompressed length {declared} is "
                    + $"impossible for {compressed.Length} compressed bytes."
            );
        }

        var output = new byte[(int)declared];
        int written = 0;
        while (pos < compressed.Length)
        {
            byte tag = compressed[pos++];
            int type = tag & 3;
            if (type == 0)
            {
                long literalLength = (tag >> 2) + 1L;
                if (literalLength > 60)
                {
                    // Tag values 60..63 mean the literal length - 1 follows in 1..4 little-endian bytes.
                    int extra = (int)literalLength - 60;
                    Require(compressed.Length - pos >= extra, "truncated literal length", pos);
                    long n = 0;
                    for (int i = 0; i < extra; i++)
                    {
                        n |= (long)compressed[pos + i] << (8 * i);
                    }
                    pos += extra;
                    literalLength = n + 1;
                }
                Require(literalLength <= compressed.Length - pos, "literal runs past the end of the input", pos);
                Require(literalLength <= output.Length - written, "literal overflows the declared length", pos);
                compressed.Slice(pos, (int)literalLength).CopyTo(output.AsSpan(written));
                pos += (int)literalLength;
                written += (int)literalLength;
                continue;
            }

            int length;
            int offset;
            if (type == 1)
            {
                Require(pos < compressed.Length, "truncated 1-byte-offset copy", pos);
                length = 4 + ((tag >> 2) & 7);
                offset = ((tag >> 5) << 8) | compressed[pos++];
            }
            else if (type == 2)
            {
                Require(compressed.Length - pos >= 2, "truncated 2-byte-offset copy", pos);
                length = 1 + (tag >> 2);
                offset = compressed[pos] | (compressed[pos + 1] << 8);
                pos += 2;
            }
            else
            {
                Require(compressed.Length - pos >= 4, "truncated 4-byte-offset copy", pos);
                length = 1 + (tag >> 2);
                uint wide = (uint)(compressed[pos] | (compressed[pos + 1] << 8) | (compressed[pos + 2] << 16))
                            | ((uint)compressed[pos + 3] << 24);
                Require(wide <= int.MaxValue, "copy offset out of range", pos);
                offset = (int)wide;
                pos += 4;
            }

            Require(
                offset > 0 && offset <= written,
                $"copy offset {offset} outside the {written} bytes produced so far",
                pos
            );
            Require(length <= output.Length - written, "copy overflows the declared length", pos);
            // Byte by byte on purpose: offset < length is a legal run-length copy that reads its own output.
            for (int i = 0; i < length; i++)
            {
                output[written] = output[written - offset];
                written++;
            }
        }

        Require(written == output.Length, $"stream ended after {written} of {output.Length} declared bytes", pos);
        return output;
    }

    private static void Require(bool condition, string what, int position)
    {
        if (!condition)
        {
            throw new InvalidDataException($"Snappy: corrupt input at byte {position}: {what}.");
        }
    }
}
