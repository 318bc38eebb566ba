using System.Diagnostics;
using System.Text.Json;
using TfLessons.Examples;
using TfLessons.Examples.Course;
using TfLessons.Layers;

namespace TfLessons.Bench;

/// <summary>One measurement, printed as the JSON line bench/compare reads.</summary>
public sealed record Measurement(string Workload, string Unit, double Value, long Steps, Dictionary<string, object>? Detail = null)
{
    public string ToJson() => JsonSerializer.Serialize(new Dictionary<string, object?>
    {
        ["workload"] = Workload, ["impl"] = "tfl", ["unit"] = Unit, ["value"] = Value, ["steps"] = Steps, ["detail"] = Detail ?? [],
    });
}

/// <summary>The side-by-side workloads (the Python twins are in bench/ref/workloads.py).</summary>
public static class Workloads
{
    public static readonly Dictionary<string, Func<bool, int, Measurement>> All = new()
    {
        ["w5-step"] = (quick, _) => W5Step(quick),
        ["moons-adam"] = (quick, _) => MoonsAdam(quick),
    };

    /// <summary>Microseconds per session.run of the (w-5)^2 training step, best of three.</summary>
    public static Measurement W5Step(bool quick)
    {
        tf.reset_default_graph();
        var coefficients = np.array(new float[,] { { 1 }, { -10 }, { 25 } });
        var w = tf.Variable(0f, name: "w");
        var x = tf.placeholder(tf.float32, shape: (3, 1));
        var cost = x[0][0] * w * w + x[1][0] * w + x[2][0];
        var train = tf.train.GradientDescentOptimizer(0.01f).minimize(cost);
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
        RunResult r = OptimizationLesson.Train("adam", settings);
        double seconds = sw.Elapsed.TotalSeconds;
        long steps = epochs * 5L;
        return new Measurement("moons-adam", "s", seconds, steps, new() { ["us_per_step"] = seconds * 1e6 / steps, ["train_accuracy"] = r.TrainAccuracy ?? 0 });
    }
}
