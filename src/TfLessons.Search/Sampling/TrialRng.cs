namespace TfLessons.Search;

/// <summary>
/// Counter-based randomness: the stream for (study seed, trial number, parameter name) is
/// derived by hashing those three with SplitMix64, so a trial's parameters depend on nothing
/// else — not on how many workers run, which worker got the trial, or which order trials
/// finished in — and adding a parameter does not change the values drawn for the others.
/// </summary>
public sealed class TrialRng
{
    private const ulong Golden = 0x9E3779B97F4A7C15;
    private ulong _state;

    /// <summary>Creates the stream for one parameter of one trial.</summary>
    public TrialRng(ulong seed, long trialNumber, string stream)
    {
        _state = Mix(Mix(seed) ^ Mix((ulong)trialNumber * Golden + 0x632BE59BD9B4E019) ^ Fnv1a(stream));
    }

    /// <summary>Next 64 random bits (SplitMix64 step).</summary>
    public ulong NextUInt64()
    {
        _state += Golden;
        return Mix(_state);
    }

    /// <summary>Uniform double in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform integer in [0, n) without modulo bias (Lemire's method).</summary>
    public long NextIndex(long n)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        var bound = (ulong)n;
        var threshold = (0 - bound) % bound;
        while (true)
        {
            var hi = Math.BigMul(NextUInt64(), bound, out var lo);
            if (lo >= threshold)
            {
                return (long)hi;
            }
        }
    }

    /// <summary>The SplitMix64 finaliser: a bijective 64-bit avalanche mix.</summary>
    public static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
        return z ^ (z >> 31);
    }

    // A stable string hash (string.GetHashCode is randomised per process).
    private static ulong Fnv1a(string s)
    {
        var h = 0xcbf29ce484222325UL;
        foreach (var ch in s)
        {
            h = (h ^ ch) * 0x100000001b3UL;
        }
        return h;
    }
}
