namespace TfLessons.IO.Internal;

/// <summary>Bounds-checked LEB128 varint decoding (TensorFlow coding.cc / protobuf wire format).</summary>
internal static class Varint
{
    /// <summary>
    /// Decodes a varint of at most <paramref name="maxBytes"/> bytes (10 for 64-bit, 5 for 32-bit).
    /// Returns false when the input ends mid-varint or the varint is longer than allowed,
    /// so callers can report corruption with their own context.
    /// </summary>
    public static bool TryRead(ReadOnlySpan<byte> source, out ulong value, out int consumed, int maxBytes = 10)
    {
        value = 0;
        consumed = 0;
        int shift = 0;
        int limit = Math.Min(maxBytes, source.Length);
        for (int i = 0; i < limit; i++)
        {
            byte b = source[i];
            // The 10th byte of a 64-bit varint may only contribute one bit; anything more overflows.
            if (i == 9 && b > 1)
            {
                return false;
            }
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                consumed = i + 1;
                return true;
            }
            shift += 7;
        }
        return false;
    }

    /// <summary>Decodes a varint that must fit in 32 bits (LevelDB's <c>GetVarint32</c>).</summary>
    public static bool TryRead32(ReadOnlySpan<byte> source, out uint value, out int consumed)
    {
        value = 0;
        if (!TryRead(source, out ulong wide, out consumed, maxBytes: 5) || wide > uint.MaxValue)
        {
            return false;
        }
        value = (uint)wide;
        return true;
    }
}
