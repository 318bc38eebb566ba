namespace TfLessons.Random;

public sealed partial class RandomState
{
    /// <summary>
    /// NumPy's <c>random_interval(max)</c>: a uniform integer in [0, max] by rejection on the
    /// smallest all-ones mask covering <paramref name="max"/>. Uses one 32-bit draw per attempt
    /// when max fits in 32 bits, otherwise a 64-bit draw (high word first).
    /// </summary>
    public ulong Interval(ulong max)
    {
        if (max == 0)
        {
            return 0;
        }
        ulong mask = SmallestMask(max);
        ulong value;
        if (max <= uint.MaxValue)
        {
            while ((value = NextUInt32() & mask) > max)
            {
            }
        }
        else
        {
            while ((value = NextUInt64() & mask) > max)
            {
            }
        }
        return value;
    }

    /// <summary>
    /// Equivalent of legacy <c>randint(low, high, size=shape)</c> with the default int64 dtype
    /// (NumPy's <c>_rand_int64</c> with the masked method, which RandomState keeps for backward
    /// compatibility). An empty shape yields one value.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="low"/> &gt;= <paramref name="high"/>.</exception>
    public long[] RandInt(long low, long high, params int[] shape)
    {
        if (low >= high)
        {
            throw new ArgumentOutOfRangeException(nameof(low), low, $"low >= high (high = {high}).");
        }
        var result = new long[ShapeSize(shape)];
        // Computed in unsigned arithmetic exactly like numpy: rng = (high - 1) - low, off = low.
        ulong rng = unchecked((ulong)(high - 1) - (ulong)low);
        ulong off = unchecked((ulong)low);

        // Each branch mirrors random_bounded_uint64_fill; note rng == 0 consumes no draws at all.
        if (rng == 0)
        {
            Array.Fill(result, low);
        }
        else if (rng <= uint.MaxValue)
        {
            // rng == 2^32-1 takes a raw draw in numpy; masking with all ones gives the same value.
            ulong mask = SmallestMask(rng);
            for (int i = 0; i < result.Length; i++)
            {
                ulong v;
                while ((v = NextUInt32() & mask) > rng)
                {
                }
                result[i] = unchecked((long)(off + v));
            }
        }
        else if (rng == ulong.MaxValue)
        {
            for (int i = 0; i < result.Length; i++)
            {
                result[i] = unchecked((long)(off + NextUInt64()));
            }
        }
        else
        {
            ulong mask = SmallestMask(rng);
            for (int i = 0; i < result.Length; i++)
            {
                ulong v;
                while ((v = NextUInt64() & mask) > rng)
                {
                }
                result[i] = unchecked((long)(off + v));
            }
        }
        return result;
    }

    /// <summary>
    /// Equivalent of <c>np.random.permutation(n)</c> for an integer: <c>arange(n)</c> shuffled
    /// with <see cref="Shuffle{T}(Span{T})"/>.
    /// </summary>
    public int[] Permutation(int n)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        var result = new int[n];
        for (int i = 0; i < n; i++)
        {
            result[i] = i;
        }
        Shuffle<int>(result);
        return result;
    }

    /// <summary>
    /// In-place Fisher-Yates exactly as legacy <c>shuffle</c> on a 1-D array: for i from n-1 down
    /// to 1, swap item i with item <c>Interval(i)</c>.
    /// </summary>
    public void Shuffle<T>(Span<T> items)
    {
        for (int i = items.Length - 1; i >= 1; i--)
        {
            int j = (int)Interval((ulong)i);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    private static ulong SmallestMask(ulong max)
    {
        ulong mask = max;
        mask |= mask >> 1;
        mask |= mask >> 2;
        mask |= mask >> 4;
        mask |= mask >> 8;
        mask |= mask >> 16;
        mask |= mask >> 32;
        return mask;
    }
}
