using TfLessons.Random;
using Xunit;

namespace TfLessons.Tests.Random;

public class TfRandomTests
{
    // numpy prints a float32 as its shortest round-trip repr, or rounded to 8 decimals when that is shorter:
    // either the printed decimal parses back to the same float32, or it is within half a unit of the 8th decimal.
    private static void AssertPrinted(double printed, float actual, string what) =>
        Assert.True((float)printed == actual || Math.Abs(actual - printed) <= 5.0001e-9,
            $"{what}: expected {printed:R} (as printed), got {actual:R} (diff {actual - printed:E3})");

    // tensorflow/python/ops/random_ops.py, random_normal docstring (a doctest run by TF's CI, TF 2.x eager):
    //   tf.random.set_seed(5); tf.random.normal([2,2], 0, 1, tf.float32, seed=1)
    //   -> [[-1.3768897, -0.01258316], [-0.169515, 1.0824056]]
    // get_seed gives (5, 1); mean 0 / stddev 1 leave the kernel's values unchanged.
    [Fact]
    public void PublishedTfRandomNormalDocExample()
    {
        (long seed, long seed2) = TfSeed.Get(5, 1, 0);
        Assert.Equal((5L, 1L), (seed, seed2));
        float[] v = TfInitializers.RandomNormal(4, 0.0, 1.0, seed, seed2);
        double[] expected = [-1.3768897, -0.01258316, -0.169515, 1.0824056];
        for (int i = 0; i < 4; i++)
        {
            AssertPrinted(expected[i], v[i], $"normal[{i}]");
        }

        Assert.Equal(TfRandom.RandomStandardNormal(5, 1, 4), v);
    }

    // tensorflow/python/ops/random_ops.py, random_uniform docstring (doctest):
    //   tf.random.set_seed(5)
    //   tf.random.uniform(shape=[], maxval=3, dtype=tf.int32, seed=10) -> 2   (first run of the kernel)
    //   tf.random.uniform(shape=[], maxval=3, dtype=tf.int32, seed=10) -> 0   (same cached kernel, second run)
    // The second run starts 1 * 256 blocks further (GuardedPhiloxRandom::ReserveRandomOutputs(1, 256)).
    [Fact]
    public void PublishedTfRandomUniformIntDocExample()
    {
        (long seed, long seed2) = TfSeed.Get(5, 10, 0);
        var op = new TfRandomOpState(seed, seed2);
        Assert.Equal([2], op.NextUniformInt(1, 0, 3));
        Assert.Equal([0], op.NextUniformInt(1, 0, 3));
        Assert.Equal([2], TfRandom.RandomUniformInt(seed, seed2, 1, 0, 3));
    }

    // Coursera "Convolutional Neural Networks", week 1 "Convolution model - Application - v1.ipynb", printed output
    // (Kulbear/deep-learning-coursera, "Convolutional Neural Networks/Convolution model - Application - v1.ipynb"):
    //   tf.set_random_seed(1)
    //   W1 = tf.get_variable("W1", [4, 4, 3, 8], initializer=tf.contrib.layers.xavier_initializer(seed=0))
    //   W2 = tf.get_variable("W2", [2, 2, 8, 16], initializer=tf.contrib.layers.xavier_initializer(seed=0))
    //   print W1.eval()[1,1,1], W2.eval()[1,1,1]
    private static readonly double[] CnnW1 =
        [0.00131723, 0.14176141, -0.04434952, 0.09197326, 0.14984085, -0.03514394, -0.06847463, 0.05245192];

    private static readonly double[] CnnW2 =
    [
        -0.08566415, 0.17750949, 0.11974221, 0.16773748, -0.0830943, -0.08058, -0.00577033, -0.14643836,
        0.24162132, -0.05857408, -0.19055021, 0.1345228, -0.22779644, -0.1601823, -0.16117483, -0.10286498,
    ];

    [Fact]
    public void PublishedCourseraCnnXavierInitializerValues()
    {
        (long seed, long seed2) = TfSeed.Get(1, 0, 123);
        Assert.Equal((1L, 0L), (seed, seed2));

        float[] w1 = TfInitializers.GlorotUniform([4, 4, 3, 8], seed, seed2);
        int w1Offset = ((1 * 4 + 1) * 3 + 1) * 8; // [1,1,1,:]
        for (int k = 0; k < 8; k++)
        {
            AssertPrinted(CnnW1[k], w1[w1Offset + k], $"W1[1,1,1,{k}]");
        }

        float[] w2 = TfInitializers.GlorotUniform([2, 2, 8, 16], seed, seed2);
        int w2Offset = ((1 * 2 + 1) * 8 + 1) * 16;
        for (int k = 0; k < 16; k++)
        {
            AssertPrinted(CnnW2[k], w2[w2Offset + k], $"W2[1,1,1,{k}]");
        }
    }

    [Fact]
    public void FansFollowTfConvention()
    {
        Assert.Equal((25.0, 12288.0), TfInitializers.Fans([25, 12288]));
        Assert.Equal((48.0, 128.0), TfInitializers.Fans([4, 4, 3, 8]));
        Assert.Equal((7.0, 7.0), TfInitializers.Fans([7]));
    }

    [Fact]
    public void GlorotUniformIsAffineMapOfRandomUniformInFloat32()
    {
        float[] u = TfRandom.RandomUniform(1, 1, 300);
        float[] w = TfInitializers.GlorotUniform([12, 25], 1, 1);
        float limit = (float)Math.Sqrt(3.0 / ((12 + 25) / 2.0));
        for (int i = 0; i < u.Length; i++)
        {
            float expected = (u[i] * (limit - -limit)) + -limit;
            Assert.Equal(expected, w[i]);
            Assert.InRange(w[i], -limit, limit);
        }
    }

    [Fact]
    public void UniformIsContiguousStreamAcrossPartialGroups()
    {
        float[] a = TfRandom.RandomUniform(3, 4, 10);
        float[] b = TfRandom.RandomUniform(3, 4, 7);
        Assert.Equal(a[..7], b);

        var gen = new Philox4x32(3, 4);
        UInt32x4 first = gen.Next();
        Assert.Equal(TfDistributions.Uint32ToFloat(first.X2), a[2]);
        UInt32x4 second = gen.Next();
        Assert.Equal(TfDistributions.Uint32ToFloat(second.X1), a[5]);

        double[] d = TfRandom.RandomUniformDouble(3, 4, 3);
        Assert.Equal(TfDistributions.Uint64ToDouble(first.X0, first.X1), d[0]);
        Assert.Equal(TfDistributions.Uint64ToDouble(first.X2, first.X3), d[1]);
        Assert.Equal(TfDistributions.Uint64ToDouble(second.X0, second.X1), d[2]);
    }

    [Fact]
    public void TruncatedNormalGroupsSkip256BlocksAndRejectOutsideTwo()
    {
        const long seed = 87654321, seed2 = 42;
        float[] t = TfRandom.TruncatedNormal(seed, seed2, 4001);
        Assert.All(t, x => Assert.True(MathF.Abs(x) < 2f));

        // Group g = the first 4 accepted Box-Muller values of the stream starting at block g * 256.
        for (int g = 0; g < 1001; g += 250)
        {
            var gen = TfRandom.CreateGenerator(seed, seed2);
            gen.Skip((ulong)g * 256);
            var accepted = new List<float>();
            var normals = new float[64];
            TfRandom.FillStandardNormal(gen, normals);
            accepted.AddRange(normals.Where(x => MathF.Abs(x) < 2f).Take(4));
            int n = Math.Min(4, t.Length - (g * 4));
            Assert.Equal(accepted.Take(n), t.Skip(g * 4).Take(n));
        }

        double[] td = TfRandom.TruncatedNormalDouble(seed, seed2, 9);
        Assert.All(td, x => Assert.True(Math.Abs(x) < 2.0));
        var gd = TfRandom.CreateGenerator(seed, seed2);
        gd.Skip(3 * 128);
        var nd = new double[32];
        TfRandom.FillStandardNormal(gd, nd);
        Assert.Equal(nd.Where(x => Math.Abs(x) < 2.0).Take(2), td.Skip(6).Take(2));
    }

    [Fact]
    public void StatefulOpAdvancesBy256BlocksPerOutput()
    {
        var op = new TfRandomOpState(1, 2);
        float[] first = op.NextUniform(5);
        float[] second = op.NextUniform(5);
        var gen = new Philox4x32(1, 2);
        var expectedFirst = new float[5];
        TfRandom.FillUniform(gen, expectedFirst);
        gen.Skip(5 * 256);
        var expectedSecond = new float[5];
        TfRandom.FillUniform(gen, expectedSecond);
        Assert.Equal(expectedFirst, first);
        Assert.Equal(expectedSecond, second);
    }

    [Fact]
    public void NormalStatistics()
    {
        float[] n = TfRandom.RandomStandardNormal(7, 8, 100_000);
        double mean = n.Average(x => (double)x);
        double var = n.Average(x => ((double)x - mean) * ((double)x - mean));
        Assert.InRange(mean, -0.02, 0.02);
        Assert.InRange(var, 0.97, 1.03);
        float[] u = TfRandom.RandomUniform(7, 8, 100_000);
        Assert.All(u, x => Assert.InRange(x, 0f, 0.99999994f));
        Assert.InRange(u.Average(x => (double)x), 0.49, 0.51);
    }

    [Fact]
    public void ZeroSeedsMeanRandom()
    {
        float[] a = TfRandom.RandomUniform(0, 0, 8);
        float[] b = TfRandom.RandomUniform(0, 0, 8);
        Assert.NotEqual(a, b);
    }

    [Fact]
    public void UniformInt64UsesLowWordFirst()
    {
        var gen = new Philox4x32(9, 9);
        UInt32x4 s = gen.Next();
        long[] v = TfRandom.RandomUniformInt64(9, 9, 2, -5, 1_000_000_007);
        ulong range = 1_000_000_012UL;
        Assert.Equal(-5 + (long)((s.X0 | ((ulong)s.X1 << 32)) % range), v[0]);
        Assert.Equal(-5 + (long)((s.X2 | ((ulong)s.X3 << 32)) % range), v[1]);
    }
}

public class CourseTf1TutorialTests
{
    // Course 2 week 3 "Tensorflow Tutorial" (TF1): tf.set_random_seed(1) and xavier_initializer(seed=1) for
    // W1 [25, 12288], W2 [12, 25], W3 [6, 12]. get_seed gives (1, 1) to all three RandomUniform ops, so each
    // starts at the beginning of the same Philox stream; only the limits differ.
    [Fact]
    public void AllThreeWeightsShareOneStream()
    {
        (long seed, long seed2) = TfSeed.Get(1, 1, 0);
        float[] w1 = TfInitializers.GlorotUniform([25, 12288], seed, seed2);
        float[] w2 = TfInitializers.GlorotUniform([12, 25], seed, seed2);
        float[] w3 = TfInitializers.GlorotUniform([6, 12], seed, seed2);
        Assert.Equal(25 * 12288, w1.Length);
        float[] u = TfRandom.RandomUniform(1, 1, 300);
        float l1 = (float)Math.Sqrt(3.0 / ((25 + 12288) / 2.0));
        float l2 = (float)Math.Sqrt(3.0 / ((12 + 25) / 2.0));
        float l3 = (float)Math.Sqrt(3.0 / ((6 + 12) / 2.0));
        for (int i = 0; i < 72; i++)
        {
            Assert.Equal((u[i] * (l1 + l1)) - l1, w1[i]);
            Assert.Equal((u[i] * (l2 + l2)) - l2, w2[i]);
            Assert.Equal((u[i] * (l3 + l3)) - l3, w3[i]);
        }

        Assert.All(w1, x => Assert.InRange(x, -l1, l1));
    }

    [Fact]
    public void PixelScalingSingleOrDoubleRoundingAgree()
    {
        // The course divides in float64 and feeds float32; dividing in float32 gives the same 256 values.
        for (int x = 0; x < 256; x++)
        {
            Assert.Equal((float)(x / 255.0), x / 255f);
        }
    }
}
