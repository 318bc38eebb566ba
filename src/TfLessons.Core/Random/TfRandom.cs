// TensorFlow 1.x CPU random kernels: how FillPhiloxRandom splits an output tensor over the Philox stream.
//
// Sources (tensorflow/tensorflow):
//   * tensorflow/core/kernels/random_op.cc (TF 1.x; random_op_cpu.h in TF 2.x):
//       - PhiloxRandomOp::Compute passes generator_.ReserveRandomOutputs(num_outputs, 256) to FillPhiloxRandom;
//       - FillPhiloxRandomTask<Dist, /*variable samples*/ false>: the output is cut into groups of
//         Dist::kResultElementCount; group g starts at gen.Skip(g) (one Philox block per group), i.e. the whole
//         tensor is one contiguous stream; a final partial group keeps the first `remaining` values of one call;
//       - FillPhiloxRandomTask<Dist, true> (TruncatedNormal): kReservedSamplesPerOutput = 256; group g uses a fresh
//         copy of the base generator skipped by g * kGroupSize * 256 / 4 blocks (256 blocks per group of 4 floats,
//         128 blocks per group of 2 doubles) wrapped in a SingleSampleAdapter, so each group is independent of the
//         work split (sharding does not change the numbers).
//   * tensorflow/core/util/guarded_philox_random.{h,cc}: Init(seed, seed2) -> PhiloxRandom(seed, seed2), and when
//     both are 0 the op draws two random 64-bit seeds (random::New64()); ReserveRandomOutputs(n, m) returns the
//     current generator and skips it by n*m blocks, so the k-th Session.run of the same kernel starts at block
//     (k-1) * n * 256.
//   * tensorflow/core/lib/random/random_distributions.h: group sizes (kResultElementCount): uniform/normal float 4,
//     uniform/normal double 2, truncated normal float 4 / double 2, uniform int32 4, uniform int64 2.
//   * tensorflow/core/kernels/stateless_random_ops.cc (GenerateKey) and
//     tensorflow/python/kernel_tests/random/stateless_random_ops_test.py (invert_philox, _test_match): stateless ops
//     scramble the seed pair with one Philox call under key (0x3ec8f720, 0x02461e29), then fill exactly like the
//     stateful kernels.
using System.Security.Cryptography;

namespace TfLessons.Random;

/// <summary>TensorFlow's CPU random ops (RandomUniform, RandomStandardNormal, TruncatedNormal,
/// RandomUniformInt).</summary>
public static class TfRandom
{
    /// <summary>TF's kReservedSamplesPerOutput (random_op.cc); also the multiplier of ReserveRandomOutputs.</summary>
    public const int ReservedSamplesPerOutput = 256;

    /// <summary>
    /// The generator a freshly built random op kernel starts from, given its (seed, seed2) attributes.
    /// (0, 0) means "no seed": like TF, two random 64-bit seeds are drawn.
    /// </summary>
    public static Philox4x32 CreateGenerator(long seed, long seed2)
    {
        if (seed == 0 && seed2 == 0)
        {
            Span<byte> bytes = stackalloc byte[16];
            RandomNumberGenerator.Fill(bytes);
            seed = BitConverter.ToInt64(bytes[..8]);
            seed2 = BitConverter.ToInt64(bytes[8..]);
        }

        return new Philox4x32(unchecked((ulong)seed), unchecked((ulong)seed2));
    }

    /// <summary>
    /// The generator of TF's stateless random ops (tf.random.stateless_*) for the seed pair [seed0, seed1]
    /// (stateless_random_ops.cc GenerateKey).
    /// </summary>
    public static Philox4x32 StatelessGenerator(long seed0, long seed1)
    {
        ulong s0 = unchecked((ulong)seed0), s1 = unchecked((ulong)seed1);
        var counter = new UInt32x4((uint)s0, (uint)(s0 >> 32), (uint)s1, (uint)(s1 >> 32));
        UInt32x4 mix = Philox4x32.Compute(counter, 0x3ec8f720u, 0x02461e29u);
        return new Philox4x32(new UInt32x4(0, 0, mix.X2, mix.X3), mix.X0, mix.X1);
    }

    // ---------------------------------------------------------------- op-level helpers (first Session.run)

    /// <summary><c>RandomUniform</c> float32 in [0, 1) for the op attributes (seed, seed2).</summary>
    public static float[] RandomUniform(long seed, long seed2, int count)
    {
        var output = NewArray<float>(count);
        FillUniform(CreateGenerator(seed, seed2), output);
        return output;
    }

    /// <summary><c>RandomUniform</c> float64 in [0, 1).</summary>
    public static double[] RandomUniformDouble(long seed, long seed2, int count)
    {
        var output = NewArray<double>(count);
        FillUniform(CreateGenerator(seed, seed2), output);
        return output;
    }

    /// <summary><c>RandomStandardNormal</c> float32.</summary>
    public static float[] RandomStandardNormal(long seed, long seed2, int count)
    {
        var output = NewArray<float>(count);
        FillStandardNormal(CreateGenerator(seed, seed2), output);
        return output;
    }

    /// <summary><c>RandomStandardNormal</c> float64.</summary>
    public static double[] RandomStandardNormalDouble(long seed, long seed2, int count)
    {
        var output = NewArray<double>(count);
        FillStandardNormal(CreateGenerator(seed, seed2), output);
        return output;
    }

    /// <summary><c>TruncatedNormal</c> float32 (standard normal restricted to |x| &lt; 2).</summary>
    public static float[] TruncatedNormal(long seed, long seed2, int count)
    {
        var output = NewArray<float>(count);
        FillTruncatedNormal(CreateGenerator(seed, seed2), output);
        return output;
    }

    /// <summary><c>TruncatedNormal</c> float64.</summary>
    public static double[] TruncatedNormalDouble(long seed, long seed2, int count)
    {
        var output = NewArray<double>(count);
        FillTruncatedNormal(CreateGenerator(seed, seed2), output);
        return output;
    }

    /// <summary><c>RandomUniformInt</c> int32 in [minval, maxval).</summary>
    public static int[] RandomUniformInt(long seed, long seed2, int count, int minval, int maxval)
    {
        var output = NewArray<int>(count);
        FillUniformInt(CreateGenerator(seed, seed2), output, minval, maxval);
        return output;
    }

    /// <summary><c>RandomUniformInt</c> int64 in [minval, maxval).</summary>
    public static long[] RandomUniformInt64(long seed, long seed2, int count, long minval, long maxval)
    {
        var output = NewArray<long>(count);
        FillUniformInt(CreateGenerator(seed, seed2), output, minval, maxval);
        return output;
    }

    // ---------------------------------------------------------------- fills from a given generator state

    /// <summary>Uniform float32: one Philox block per group of 4 (a contiguous stream).</summary>
    public static void FillUniform(Philox4x32 gen, Span<float> output)
    {
        for (int i = 0; i < output.Length; i += 4)
        {
            UInt32x4 s = gen.Next();
            int n = Math.Min(4, output.Length - i);
            for (int j = 0; j < n; j++)
            {
                output[i + j] = TfDistributions.Uint32ToFloat(s[j]);
            }
        }
    }

    /// <summary>Uniform float64: one Philox block per group of 2.</summary>
    public static void FillUniform(Philox4x32 gen, Span<double> output)
    {
        for (int i = 0; i < output.Length; i += 2)
        {
            UInt32x4 s = gen.Next();
            output[i] = TfDistributions.Uint64ToDouble(s.X0, s.X1);
            if (i + 1 < output.Length)
            {
                output[i + 1] = TfDistributions.Uint64ToDouble(s.X2, s.X3);
            }
        }
    }

    /// <summary>Standard normal float32: one block per group of 4 (Box-Muller on words 0,1 and 2,3).</summary>
    public static void FillStandardNormal(Philox4x32 gen, Span<float> output)
    {
        Span<float> group = stackalloc float[4];
        for (int i = 0; i < output.Length; i += 4)
        {
            UInt32x4 s = gen.Next();
            TfDistributions.BoxMullerFloat(s.X0, s.X1, out group[0], out group[1]);
            TfDistributions.BoxMullerFloat(s.X2, s.X3, out group[2], out group[3]);
            int n = Math.Min(4, output.Length - i);
            group[..n].CopyTo(output[i..]);
        }
    }

    /// <summary>Standard normal float64: one block per group of 2.</summary>
    public static void FillStandardNormal(Philox4x32 gen, Span<double> output)
    {
        for (int i = 0; i < output.Length; i += 2)
        {
            UInt32x4 s = gen.Next();
            TfDistributions.BoxMullerDouble(s.X0, s.X1, s.X2, s.X3, out double d0, out double d1);
            output[i] = d0;
            if (i + 1 < output.Length)
            {
                output[i + 1] = d1;
            }
        }
    }

    /// <summary>
    /// Truncated normal float32: groups of 4; group g draws from its own copy of <paramref name="gen"/> skipped by
    /// g * 256 blocks, through a single-sample adapter; pairs of samples go through Box-Muller and values with
    /// |x| &gt;= 2 are rejected.
    /// </summary>
    public static void FillTruncatedNormal(Philox4x32 gen, Span<float> output)
    {
        const int groupSize = 4;
        const ulong skipPerGroup = groupSize * ReservedSamplesPerOutput / Philox4x32.ResultElementCount; // 256
        Span<float> group = stackalloc float[groupSize];
        long groupIndex = 0;
        for (int i = 0; i < output.Length; i += groupSize, groupIndex++)
        {
            Philox4x32 g = gen;
            g.Skip((ulong)groupIndex * skipPerGroup);
            var single = new PhiloxSingleSampleAdapter(g);
            int index = 0;
            while (index < groupSize)
            {
                uint x0 = single.Next();
                uint x1 = single.Next();
                TfDistributions.BoxMullerFloat(x0, x1, out float f0, out float f1);
                if (MathF.Abs(f0) < TfDistributions.TruncateValue)
                {
                    group[index++] = f0;
                    if (index >= groupSize)
                    {
                        break;
                    }
                }

                if (MathF.Abs(f1) < TfDistributions.TruncateValue)
                {
                    group[index++] = f1;
                }
            }

            int n = Math.Min(groupSize, output.Length - i);
            group[..n].CopyTo(output[i..]);
        }
    }

    /// <summary>Truncated normal float64: groups of 2, each skipped by g * 128 blocks, 4 samples per Box-Muller
    /// pair.</summary>
    public static void FillTruncatedNormal(Philox4x32 gen, Span<double> output)
    {
        const int groupSize = 2;
        const ulong skipPerGroup = groupSize * ReservedSamplesPerOutput / Philox4x32.ResultElementCount; // 128
        Span<double> group = stackalloc double[groupSize];
        long groupIndex = 0;
        for (int i = 0; i < output.Length; i += groupSize, groupIndex++)
        {
            Philox4x32 g = gen;
            g.Skip((ulong)groupIndex * skipPerGroup);
            var single = new PhiloxSingleSampleAdapter(g);
            int index = 0;
            while (index < groupSize)
            {
                uint x0 = single.Next();
                uint x1 = single.Next();
                uint x2 = single.Next();
                uint x3 = single.Next();
                TfDistributions.BoxMullerDouble(x0, x1, x2, x3, out double d0, out double d1);
                if (Math.Abs(d0) < TfDistributions.TruncateValue)
                {
                    group[index++] = d0;
                    if (index >= groupSize)
                    {
                        break;
                    }
                }

                if (Math.Abs(d1) < TfDistributions.TruncateValue)
                {
                    group[index++] = d1;
                }
            }

            int n = Math.Min(groupSize, output.Length - i);
            group[..n].CopyTo(output[i..]);
        }
    }

    /// <summary>Uniform int32 in [lo, hi): lo + (sample % (hi - lo)) with an unsigned range, 4 per block.</summary>
    public static void FillUniformInt(Philox4x32 gen, Span<int> output, int lo, int hi)
    {
        if (lo >= hi)
        {
            throw new ArgumentException($"Need minval < maxval, got {lo} >= {hi}.", nameof(hi));
        }

        uint range = unchecked((uint)hi - (uint)lo);
        for (int i = 0; i < output.Length; i += 4)
        {
            UInt32x4 s = gen.Next();
            int n = Math.Min(4, output.Length - i);
            for (int j = 0; j < n; j++)
            {
                output[i + j] = unchecked(lo + (int)(s[j] % range));
            }
        }
    }

    /// <summary>Uniform int64 in [lo, hi): 64-bit samples (low word first), 2 per block.</summary>
    public static void FillUniformInt(Philox4x32 gen, Span<long> output, long lo, long hi)
    {
        if (lo >= hi)
        {
            throw new ArgumentException($"Need minval < maxval, got {lo} >= {hi}.", nameof(hi));
        }

        ulong range = unchecked((ulong)hi - (ulong)lo);
        for (int i = 0; i < output.Length; i += 2)
        {
            UInt32x4 s = gen.Next();
            ulong b0 = s.X0 | ((ulong)s.X1 << 32);
            output[i] = unchecked(lo + (long)(b0 % range));
            if (i + 1 < output.Length)
            {
                ulong b1 = s.X2 | ((ulong)s.X3 << 32);
                output[i + 1] = unchecked(lo + (long)(b1 % range));
            }
        }
    }

    private static T[] NewArray<T>(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        return new T[count];
    }
}

/// <summary>
/// The per-kernel state of a stateful TF random op (GuardedPhiloxRandom): each execution reserves
/// <c>outputCount * 256</c> blocks, so running the same op again continues further down the stream.
/// Use one instance per random op of a graph, in the order the session runs it.
/// </summary>
public sealed class TfRandomOpState
{
    private Philox4x32 _generator;

    public TfRandomOpState(long seed, long seed2)
    {
        Seed = seed;
        Seed2 = seed2;
        _generator = TfRandom.CreateGenerator(seed, seed2);
    }

    public long Seed { get; }

    public long Seed2 { get; }

    /// <summary>Current generator position (what the next execution will start from).</summary>
    public Philox4x32 Generator => _generator;

    /// <summary>GuardedPhiloxRandom::ReserveSamples128: returns the current generator and skips it by <paramref
    /// name="blocks"/>.</summary>
    public Philox4x32 ReserveSamples128(long blocks)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(blocks);
        Philox4x32 local = _generator;
        _generator.Skip((ulong)blocks);
        return local;
    }

    /// <summary>GuardedPhiloxRandom::ReserveRandomOutputs(outputCount, multiplier) (multiplier is 256 in every random
    /// op).</summary>
    public Philox4x32 ReserveRandomOutputs(long outputCount, int multiplier = TfRandom.ReservedSamplesPerOutput) =>
        ReserveSamples128(checked(outputCount * multiplier));

    public float[] NextUniform(int count)
    {
        var output = new float[count];
        TfRandom.FillUniform(ReserveRandomOutputs(count), output);
        return output;
    }

    public double[] NextUniformDouble(int count)
    {
        var output = new double[count];
        TfRandom.FillUniform(ReserveRandomOutputs(count), output);
        return output;
    }

    public float[] NextStandardNormal(int count)
    {
        var output = new float[count];
        TfRandom.FillStandardNormal(ReserveRandomOutputs(count), output);
        return output;
    }

    public double[] NextStandardNormalDouble(int count)
    {
        var output = new double[count];
        TfRandom.FillStandardNormal(ReserveRandomOutputs(count), output);
        return output;
    }

    public float[] NextTruncatedNormal(int count)
    {
        var output = new float[count];
        TfRandom.FillTruncatedNormal(ReserveRandomOutputs(count), output);
        return output;
    }

    public double[] NextTruncatedNormalDouble(int count)
    {
        var output = new double[count];
        TfRandom.FillTruncatedNormal(ReserveRandomOutputs(count), output);
        return output;
    }

    public int[] NextUniformInt(int count, int minval, int maxval)
    {
        var output = new int[count];
        TfRandom.FillUniformInt(ReserveRandomOutputs(count), output, minval, maxval);
        return output;
    }

    public long[] NextUniformInt64(int count, long minval, long maxval)
    {
        var output = new long[count];
        TfRandom.FillUniformInt(ReserveRandomOutputs(count), output, minval, maxval);
        return output;
    }
}
