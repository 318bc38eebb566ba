using System.Diagnostics;
using System.Text.Json;
using TfLessons.Course;
using TfLessons.Examples;
using TfLessons.Examples.Course;
using TfLessons.Layers;
using TfLessons.Random;

namespace TfLessons.Bench;

/// <summary>One measurement, printed as the JSON line bench/compare reads.</summary>
public sealed record Measurement(string Workload, string Unit, double Value, long Steps, Dictionary<string, object>? Detail = null)
{
    public string ToJson() => JsonSerializer.Serialize(new Dictionary<string, object?>
    {
        ["isa"] = Machine.IsaPath,
        ["workload"] = Workload,
        ["impl"] = "tfl",
        ["unit"] = Unit,
        ["value"] = Value,
        ["steps"] = Steps,
        ["detail"] = Detail ?? [],
    });
}

/// <summary>The side-by-side workloads (the Python twins are in bench/ref/workloads.py).</summary>
public static class Workloads
{
    public static readonly Dictionary<string, Func<bool, int, Measurement>> All = new()
    {
        ["w5-step"] = (quick, _) => W5Step(quick),
        ["moons-adam"] = (quick, _) => MoonsAdam(quick),
        ["signs-step"] = (quick, _) => SignsStep(quick),
        ["fashion-bn"] = (quick, _) => FashionBn(quick),
        ["moons-trials"] = (quick, workers) => MoonsTrials(quick, workers),
    };

    /// <summary>The SIGNS tutorial network (12288-25-12-6, float32), one Adam step on a batch of 32: microseconds per step.</summary>
    public static Measurement SignsStep(bool quick)
    {
        tf.reset_default_graph();
        tf.set_random_seed(1);
        var x = tf.placeholder(tf.float32, new Shape(12288, -1));
        var y = tf.placeholder(tf.float32, new Shape(6, -1));
        var w1 = tf.get_variable("W1", (25, 12288), initializer: tf.contrib.layers.xavier_initializer(seed: 1));
        var w2 = tf.get_variable("W2", (12, 25), initializer: tf.contrib.layers.xavier_initializer(seed: 1));
        var w3 = tf.get_variable("W3", (6, 12), initializer: tf.contrib.layers.xavier_initializer(seed: 1));
        var b1 = tf.get_variable("b1", (25, 1), initializer: tf.zeros_initializer());
        var b2 = tf.get_variable("b2", (12, 1), initializer: tf.zeros_initializer());
        var b3 = tf.get_variable("b3", (6, 1), initializer: tf.zeros_initializer());
        var z3 = tf.add(tf.matmul(w3, tf.nn.relu(tf.add(tf.matmul(w2, tf.nn.relu(tf.add(tf.matmul(w1, x), b1))), b2))), b3);
        var cost = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits(tf.transpose(y), tf.transpose(z3)));
        var train = tf.train.AdamOptimizer(1e-4).minimize(cost);
        using var session = tf.Session();
        session.run(tf.global_variables_initializer());
        var rng = new RandomState(0);
        var batches = Enumerable.Range(0, 8).Select(_ => (np.astype(np.array(rng.Rand(12288, 32), 12288, 32), DType.Float32),
            np.astype(np.array(Enumerable.Range(0, 6 * 32).Select(i => i % 6 == (i / 6) % 6 ? 1.0 : 0.0).ToArray(), 6, 32), DType.Float32))).ToArray();
        int steps = quick ? 50 : 400;
        for (int i = 0; i < 20; i++) session.run(train, (x, batches[i % 8].Item1), (y, batches[i % 8].Item2));
        var sw = Stopwatch.StartNew();
        for (int i = 0; i < steps; i++) session.run(train, (x, batches[i % 8].Item1), (y, batches[i % 8].Item2));
        double us = sw.Elapsed.TotalMicroseconds / steps;
        // FLOPs actually needed per step: forward 2*b*w for every layer, dW 2*b*w, dX 2*b*w except for the input.
        double flops = 2.0 * 32 * (12288 * 25 + 25 * 12 + 12 * 6) * 2 + 2.0 * 32 * (25 * 12 + 12 * 6);
        var detail = Machine.PeakDetail(flops / us / 1e3);
        detail["ms_per_step"] = us / 1000;
        return new Measurement("signs-step", "us/step", us, steps, detail);
    }

    /// <summary>784-512-512-10 with batch norm, batch 128, Adam, float32: achieved GFLOP/s (6 * batch * weights per step).</summary>
    public static Measurement FashionBn(bool quick)
    {
        var rng = new RandomState(0);
        const int batch = 128;
        int examples = batch * 16;
        var x = np.astype(np.array(rng.Rand(examples, 784), examples, 784), DType.Float32);
        long[] y = Enumerable.Range(0, examples).Select(i => (long)(i % 10)).ToArray();
        using var model = new SoftmaxClassifier(784, 10, [new LayerSpec(512, BatchNorm: true), new LayerSpec(512, BatchNorm: true)], r => tf.train.AdamOptimizer(r), _ => 1e-3);
        model.Fit(x, y, epochs: 1, batchSize: batch);
        int epochs = quick ? 2 : 12;
        var sw = Stopwatch.StartNew();
        model.Fit(x, y, epochs: epochs, batchSize: batch);
        double seconds = sw.Elapsed.TotalSeconds;
        long steps = epochs * (examples / batch);
        double flops = 6.0 * batch * (784 * 512 + 512 * 512 + 512 * 10) * steps;
        var detail = Machine.PeakDetail(flops / seconds / 1e9);
        detail["ms_per_step"] = seconds * 1000 / steps;
        return new Measurement("fashion-bn", "GFLOP/s", flops / seconds / 1e9, steps, detail);
    }

    /// <summary>16 trials of the moons model (1000 epochs of Adam each, learning rate 10^U(-4,-1) from RandomState(1)): trials per minute.</summary>
    public static Measurement MoonsTrials(bool quick, int workers)
    {
        int trials = quick ? 4 : 16, epochs = 1000;
        double[] rates = new RandomState(1).Uniform(-4, -1, trials).Select(r => Math.Pow(10, r)).ToArray();
        OptimizationLesson.Train("adam", OptimizationLesson.Settings.For("adam", "v1") with { Epochs = 5 });
        var sw = Stopwatch.StartNew();
        int next = -1;
        var threads = Enumerable.Range(0, Math.Max(1, workers)).Select(_ => new Thread(() =>
        {
            int k;
            while ((k = Interlocked.Increment(ref next)) < trials)
                OptimizationLesson.Train("adam", OptimizationLesson.Settings.For("adam", "v1") with { Epochs = epochs, LearningRate = rates[k], PrintEvery = epochs });
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        double perMinute = trials / sw.Elapsed.TotalMinutes;
        return new Measurement("moons-trials", "trials/min", perMinute, trials, new() { ["workers"] = workers, ["seconds"] = sw.Elapsed.TotalSeconds });
    }

    /// <summary>Microseconds per session.run of the (w-5)^2 training step, best of three.</summary>
    public static Measurement W5Step(bool quick)
    {
        var (_, x, train, coefficients) = W5Lesson.Build();
        using var session = tf.Session();
        session.run(tf.global_variables_initializer());
        int steps = quick ? 100_000 : 1_000_000;
        double best = double.MaxValue;
        for (int rep = 0; rep < 3; rep++)
        {
            var sw = Stopwatch.StartNew();
            for (int i = 0; i < steps; i++) session.run(train, (x, coefficients));
            best = Math.Min(best, sw.Elapsed.TotalMicroseconds / steps);
        }
        return new Measurement("w5-step", "us/step", best, steps);
    }

    /// <summary>The optimization lesson's Adam run (10000 epochs, 50,000 mini-batch steps): seconds in total.</summary>
    public static Measurement MoonsAdam(bool quick)
    {
        int epochs = quick ? 1000 : 10000;
        var settings = OptimizationLesson.Settings.For("adam", "v1") with { Epochs = epochs };
        OptimizationLesson.Train("adam", settings with { Epochs = 10 });
        var sw = Stopwatch.StartNew();
        LessonRun r = OptimizationLesson.Train("adam", settings);
        double seconds = sw.Elapsed.TotalSeconds;
        long steps = epochs * 5L;
        return new Measurement("moons-adam", "s", seconds, steps, new() { ["us_per_step"] = seconds * 1e6 / steps, ["train_accuracy"] = r.TrainAccuracy ?? 0 });
    }
}
