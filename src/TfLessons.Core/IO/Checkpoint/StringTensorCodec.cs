using System.Buffers.Binary;
using TfLessons.IO.Internal;

namespace TfLessons.IO.Checkpoint;

/// <summary>
/// TensorFlow's checkpoint layout for DT_STRING tensors (<c>WriteStringTensor</c> / <c>ReadStringTensor</c>
/// in tensor_bundle.cc):
/// <code>
/// varint64 len[0] .. len[n-1] | fixed32 Mask(crc of lengths) | bytes str[0] .. str[n-1]
/// </code>
/// The length checksum covers each length as a uint32 LE (uint64 if it does not fit), not the varints.
/// The entry checksum is a running crc over those fixed-width lengths, then the 4 masked-length-crc
/// bytes, then the string bytes: it is therefore <b>not</b> the crc of the bytes on disk.
/// </summary>
internal static class StringTensorCodec
{
    /// <summary>Encodes strings; returns the on-disk bytes and the (unmasked) entry crc.</summary>
    public static (byte[] Data, uint EntryCrc) Encode(IReadOnlyList<byte[]> strings)
    {
        var buffer = new ByteBuffer();
        uint crc = 0;
        Span<byte> fixedWidth = stackalloc byte[8];
        foreach (byte[] s in strings)
        {
            buffer.WriteVarint((ulong)s.Length);
            crc = ExtendWithLength(crc, (ulong)s.Length, fixedWidth);
        }
        uint maskedLengthCrc = Crc32C.Mask(crc);
        BinaryPrimitives.WriteUInt32LittleEndian(fixedWidth, maskedLengthCrc);
        buffer.Write(fixedWidth[..4]);
        crc = Crc32C.Extend(crc, fixedWidth[..4]);
        foreach (byte[] s in strings)
        {
            buffer.Write(s);
            crc = Crc32C.Extend(crc, s);
        }
        return (buffer.ToArray(), crc);
    }

    /// <summary>
    /// Decodes <paramref name="count"/> strings after <see cref="Verify"/> has checked the framing, so nothing
    /// is allocated per element until the lengths, their checksum and the total size are known to be right.
    /// Returns the strings and the (unmasked) entry crc to compare with the index.
    /// </summary>
    /// <param name="data">The tensor's bytes from the data file.</param>
    /// <param name="count">Element count from the shape.</param>
    /// <param name="context">Prefix for error messages, naming the file and tensor.</param>
    public static (byte[][] Strings, uint EntryCrc) Decode(ReadOnlySpan<byte> data, long count, string context)
    {
        uint crc = Verify(data, count, context);
        var strings = new byte[count][];
        int lengthPos = 0;
        int pos = LengthsEnd(data, count) + 4;
        for (long i = 0; i < count; i++)
        {
            Varint.TryRead(data[lengthPos..], out ulong length, out int consumed);
            lengthPos += consumed;
            strings[i] = data.Slice(pos, (int)length).ToArray();
            pos += (int)length;
        }
        return (strings, crc);
    }

    /// <summary>
    /// Checks the framing of <paramref name="count"/> strings without allocating: every length varint,
    /// the length checksum, and that the lengths account for every remaining byte. Returns the (unmasked)
    /// entry crc to compare with the index.
    /// </summary>
    public static uint Verify(ReadOnlySpan<byte> data, long count, string context)
    {
        // Every length takes at least one byte, so a count above the input size is impossible.
        if (count > data.Length)
        {
            throw new InvalidDataException(
                $"{context}: DT_STRING tensor claims {count} elements but holds only {data.Length} bytes");
        }
        int pos = 0;
        uint crc = 0;
        ulong totalLength = 0;
        long firstTooLong = -1;
        ulong tooLongLength = 0, bytesBeforeTooLong = 0;
        Span<byte> fixedWidth = stackalloc byte[8];
        for (long i = 0; i < count; i++)
        {
            if (!Varint.TryRead(data[pos..], out ulong length, out int consumed))
            {
                throw new InvalidDataException($"{context}: DT_STRING length #{i} is truncated or malformed");
            }
            pos += consumed;
            // Reported after the length checksum, which tells a corrupt length from a truncated file.
            if (firstTooLong < 0 && length > (ulong)data.Length)
            {
                (firstTooLong, tooLongLength, bytesBeforeTooLong) = (i, length, totalLength);
            }
            totalLength += Math.Min(length, (ulong)data.Length + 1); // Cannot overflow: count <= data.Length.
            crc = ExtendWithLength(crc, length, fixedWidth);
        }
        if (data.Length - pos < 4)
        {
            throw new InvalidDataException($"{context}: DT_STRING data ends before the length checksum");
        }
        uint storedLengthCrc = BinaryPrimitives.ReadUInt32LittleEndian(data[pos..]);
        if (storedLengthCrc != Crc32C.Mask(crc))
        {
            throw new InvalidDataException(
                $"{context}: DT_STRING length checksum mismatch (stored 0x{Crc32C.Unmask(storedLengthCrc):x8}, " +
                $"computed 0x{crc:x8}); the data file is corrupt");
        }
        crc = Crc32C.Extend(crc, data.Slice(pos, 4));
        pos += 4;
        if (firstTooLong >= 0)
        {
            throw new InvalidDataException(
                $"{context}: DT_STRING element #{firstTooLong} declares {tooLongLength} bytes but only " +
                $"{Math.Max(0, (long)(data.Length - pos) - (long)bytesBeforeTooLong)} remain");
        }
        if (totalLength != (ulong)(data.Length - pos))
        {
            throw new InvalidDataException(
                $"{context}: DT_STRING lengths add up to {totalLength} "
                    + $"bytes but {data.Length - pos} follow the length checksum"
            );
        }
        return Crc32C.Extend(crc, data[pos..]);
    }

    private static int LengthsEnd(ReadOnlySpan<byte> data, long count)
    {
        int pos = 0;
        for (long i = 0; i < count; i++)
        {
            Varint.TryRead(data[pos..], out _, out int consumed);
            pos += consumed;
        }
        return pos;
    }

    private static uint ExtendWithLength(uint crc, ulong length, Span<byte> scratch)
    {
        // Older checkpoints only used uint32 lengths, so TF keeps that width whenever the value fits.
        if (length <= uint.MaxValue)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(scratch, (uint)length);
            return Crc32C.Extend(crc, scratch[..4]);
        }
        BinaryPrimitives.WriteUInt64LittleEndian(scratch, length);
        return Crc32C.Extend(crc, scratch[..8]);
    }
}
