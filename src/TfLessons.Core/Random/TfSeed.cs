// TF 1.x graph/op seed rules.
//
// Source: tensorflow/tensorflow, tensorflow/python/framework/random_seed.py, get_seed(op_seed), TF 1.x form:
//     if graph_seed is not None:
//         if op_seed is None: op_seed = graph._last_id
//         seeds = _truncate_seed(graph_seed), _truncate_seed(op_seed)
//     else:
//         seeds = (DEFAULT_GRAPH_SEED, _truncate_seed(op_seed)) if op_seed is not None else (None, None)
//     if seeds == (0, 0): return (0, _MAXINT32)
// with DEFAULT_GRAPH_SEED = 87654321, _MAXINT32 = 2**31 - 1 and _truncate_seed(s) = s % _MAXINT32 (Python modulo,
// never negative). (None, None) reaches the kernel as the attribute defaults seed=0, seed2=0, which the kernel treats
// as "draw a random seed".
// Version notes:
//   * TF 0.x (e.g. the 2015 random_seed.py, _DEFAULT_GRAPH_SEED) had neither the truncation nor the (0, 0) rule:
//     the seeds were passed through unchanged ("Legacy" below).
//   * TF 1.x uses graph._last_id: the id of the most recently created op of the graph, i.e. the number of ops
//     created so far (ids start at 1). Inside tf.random_uniform, the shape/min/max constants are created before
//     get_seed is called, so they count.
//   * Recent TF 2.x graphs use a per-graph counter of seedless random ops instead of _last_id (not modelled here).
namespace TfLessons.Random;

/// <summary>Which version of <c>random_seed.get_seed</c> to follow.</summary>
public enum TfSeedRule
{
    /// <summary>TF 1.x: seeds truncated modulo 2^31-1 and (0, 0) replaced by (0, 2^31-1).</summary>
    Tf1 = 0,

    /// <summary>TF 0.x: seeds passed through unchanged, no (0, 0) special case.</summary>
    Legacy = 1,
}

/// <summary>TensorFlow 1.x <c>get_seed</c>.</summary>
public static class TfSeed
{
    /// <summary>tf.set_random_seed's fallback graph seed when only an op seed is given.</summary>
    public const long DefaultGraphSeed = 87654321;

    /// <summary>2**31 - 1 (random_seed._MAXINT32).</summary>
    public const long MaxInt32 = int.MaxValue;

    /// <summary>
    /// The (seed, seed2) attributes TF 1.x gives a random op.
    /// </summary>
    /// <param name="graphSeed">the value passed to tf.set_random_seed, or null if none.</param>
    /// <param name="opSeed">the op's <c>seed=</c> argument, or null.</param>
    /// <param name="opCountSoFar">graph._last_id when get_seed runs (number of ops created so far in the graph);
    /// used only when a graph seed is set and the op seed is not.</param>
    /// <param name="rule">version of the rule.</param>
    /// <returns>(seed, seed2); (0, 0) means "no seed" (TF's (None, None)), which the kernel turns into a random
    /// seed.</returns>
    public static (long Seed, long Seed2) Get(
        int? graphSeed,
        int? opSeed,
        int opCountSoFar,
        TfSeedRule rule = TfSeedRule.Tf1
    ) => Get((long?)graphSeed, (long?)opSeed, (long)opCountSoFar, rule);

    /// <inheritdoc cref="Get(int?, int?, int, TfSeedRule)"/>
    public static (long Seed, long Seed2) Get(
        long? graphSeed,
        long? opSeed,
        long opCountSoFar,
        TfSeedRule rule = TfSeedRule.Tf1
    )
    {
        long? s1, s2;
        if (graphSeed is long g)
        {
            long op = opSeed ?? opCountSoFar;
            (s1, s2) = (Truncate(g, rule), Truncate(op, rule));
        }
        else if (opSeed is long op)
        {
            (s1, s2) = (DefaultGraphSeed, Truncate(op, rule));
        }
        else
        {
            return (0, 0);
        }

        if (rule == TfSeedRule.Tf1 && s1 == 0 && s2 == 0)
        {
            return (0, MaxInt32);
        }

        return (s1.Value, s2.Value);
    }

    /// <summary>random_seed._truncate_seed: Python's <c>seed % (2**31 - 1)</c> (result in [0, 2^31-2]).</summary>
    public static long TruncateSeed(long seed)
    {
        long r = seed % MaxInt32;
        return r < 0 ? r + MaxInt32 : r;
    }

    private static long Truncate(long seed, TfSeedRule rule) => rule == TfSeedRule.Tf1 ? TruncateSeed(seed) : seed;
}
