using TfLessons.Random;

namespace TfLessons.Data;

/// <summary>A shuffled mini-batch partition (NumPy permutation, then consecutive blocks), as column indices into the
/// data set.</summary>
public static class MiniBatches
{
    /// <summary>
    /// Draws <c>permutation(m)</c> from <paramref name="rng"/> and cuts it into consecutive blocks of
    /// <paramref name="batchSize"/>; the last block is shorter when m is not a multiple (and there is
    /// no empty block when it is), exactly like <c>random_mini_batches</c>.
    /// </summary>
    /// <param name="m">Number of examples.</param>
    /// <param name="batchSize">Mini-batch size, positive.</param>
    /// <param name="rng">Generator used in its current state.</param>
    /// <returns>For each mini-batch, the example indices in the order of the permutation.</returns>
    public static int[][] RandomMiniBatchIndices(int m, int batchSize, RandomState rng)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(m);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        ArgumentNullException.ThrowIfNull(rng);

        int[] permutation = rng.Permutation(m);
        int count = (m + batchSize - 1) / batchSize;
        var batches = new int[count][];
        for (int k = 0; k < count; k++)
        {
            int start = k * batchSize;
            batches[k] = permutation.AsSpan(start, Math.Min(batchSize, m - start)).ToArray();
        }
        return batches;
    }

    /// <summary>
    /// Same as <see cref="RandomMiniBatchIndices(int, int, RandomState)"/> after <c>np.random.seed(seed)</c>,
    /// as a helper that re-seeds NumPy before each epoch's shuffle does.
    /// </summary>
    /// <param name="m">Number of examples.</param>
    /// <param name="batchSize">Mini-batch size, positive.</param>
    /// <param name="rng">Generator to re-seed (it stands for NumPy's global state).</param>
    /// <param name="seed">Seed in [0, 2^32 - 1].</param>
    public static int[][] RandomMiniBatchIndices(int m, int batchSize, RandomState rng, long seed)
    {
        ArgumentNullException.ThrowIfNull(rng);
        rng.Seed(seed);
        return RandomMiniBatchIndices(m, batchSize, rng);
    }
}
