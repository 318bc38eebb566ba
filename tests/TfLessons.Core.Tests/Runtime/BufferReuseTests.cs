using TfLessons.Runtime;

namespace TfLessons.Tests.Runtime;

/// <summary>Plans share output buffers between tensors whose lifetimes do not overlap, without changing any value.</summary>
public class BufferReuseTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private sealed record Step(Tensor X, Tensor Y, Tensor Loss, Operation Train, Variable W1);

    private static Step BuildMlp()
    {
        tf.reset_default_graph();
        var x = tf.placeholder(tf.float32, shape: (-1, 784));
        var y = tf.placeholder(tf.float32, shape: (-1, 10));
        Tensor h = x;
        Variable? first = null;
        int fanIn = 784;
        foreach (int units in new[] { 256, 128, 10 })
        {
            var w = tf.Variable(tf.random_normal(new Shape(fanIn, units), stddev: 0.05, seed: units));
            var b = tf.Variable(tf.zeros(new Shape(units)));
            first ??= w;
            h = tf.matmul(h, w) + b;
            if (units != 10) h = tf.nn.relu(h);
            fanIn = units;
        }
        var loss = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits(labels: y, logits: h));
        var train = tf.train.AdamOptimizer(0.001f).minimize(loss);
        return new Step(x, y, loss, train, first!);
    }

    private static (NDArray X, NDArray Y) Batch(int seed)
    {
        var rng = new System.Random(seed);
        var x = new float[64 * 784];
        var y = new float[64 * 10];
        for (int i = 0; i < x.Length; i++) x[i] = (float)rng.NextDouble();
        for (int r = 0; r < 64; r++) y[r * 10 + rng.Next(10)] = 1;
        return (np.array(x).reshape(64, 784), np.array(y).reshape(64, 10));
    }

    private static (float[] Losses, float[] W1, BufferPlan Buffers) Train(bool reuse)
    {
        Step step = BuildMlp();
        using var sess = tf.Session();
        sess.ReuseBuffers = reuse;
        sess.run(tf.global_variables_initializer());
        var losses = new float[5];
        for (int i = 0; i < losses.Length; i++)
        {
            var (x, y) = Batch(i);
            (_, float loss) = sess.run((step.Train, step.Loss), (step.X, x), (step.Y, y));
            losses[i] = loss;
        }
        BufferPlan buffers = sess.NewestPlan!.Buffers;
        return (losses, sess.run(step.W1).ToArray<float>(), buffers);
    }

    [Fact]
    public void A_training_step_gives_the_same_bits_with_and_without_shared_buffers()
    {
        var separate = Train(reuse: false);
        var shared = Train(reuse: true);
        Assert.Equal(separate.Losses, shared.Losses);
        Assert.Equal(separate.W1, shared.W1);
        Assert.True(shared.Buffers.AllocatedBytes < separate.Buffers.AllocatedBytes,
            $"shared {shared.Buffers.AllocatedBytes} bytes, separate {separate.Buffers.AllocatedBytes}");
    }

    [Fact]
    public void A_training_step_allocates_at_most_one_and_a_half_times_its_peak_of_live_tensors()
    {
        BufferPlan buffers = Train(reuse: true).Buffers;
        long allocated = buffers.AllocatedBytes, peak = buffers.PeakLiveBytes;
        output.WriteLine($"allocated {allocated} bytes, peak live {peak} bytes, ratio {(double)allocated / peak:F2}; without sharing {Train(reuse: false).Buffers.AllocatedBytes} bytes");
        Assert.True(peak > 0);
        Assert.True(allocated <= peak * 3 / 2, $"allocated {allocated} bytes for a peak of {peak} live bytes ({(double)allocated / peak:F2}x)");
    }

    [Fact]
    public void A_forward_pass_reuses_the_activations_it_no_longer_needs()
    {
        long Allocated(bool reuse, out long peak)
        {
            Step step = BuildMlp();
            using var sess = tf.Session();
            sess.ReuseBuffers = reuse;
            sess.run(tf.global_variables_initializer());
            var (x, y) = Batch(0);
            sess.run(step.Loss, (step.X, x), (step.Y, y));
            peak = sess.NewestPlan!.Buffers.PeakLiveBytes;
            return sess.NewestPlan.Buffers.AllocatedBytes;
        }

        long shared = Allocated(reuse: true, out long peak), separate = Allocated(reuse: false, out _);
        output.WriteLine($"forward: allocated {shared} bytes shared, {separate} separate, peak live {peak} bytes");
        // Buffers are shared only between tensors of one size, so the 256-, 128- and 10-wide layers each keep two.
        Assert.True(shared * 4 <= separate * 3, $"shared {shared}, separate {separate}");
        Assert.True(shared <= peak * 8 / 5, $"allocated {shared}, peak {peak}");
    }
}
