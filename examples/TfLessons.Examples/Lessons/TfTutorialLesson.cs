using System.Runtime.InteropServices;
using TfLessons.Course;
using TfLessons.Data;
using TfLessons.Examples.Course;
using TfLessons.IO;
using TfLessons.Random;

namespace TfLessons.Examples;

/// <summary>
/// Course 2 week 3, "TensorFlow Tutorial": a LINEAR-&gt;RELU-&gt;LINEAR-&gt;RELU-&gt;LINEAR-&gt;SOFTMAX network on the
/// SIGNS images, built exactly as the TF1 notebook builds it (features-first placeholders, Xavier weights from
/// seed 1, Adam 1e-4, mini-batches of 32 with NumPy seeds 4 + epoch, and its cost that divides by 33).
/// </summary>
public sealed class TfTutorialLesson : ILesson
{
    public string Name => "tf-tutorial";
    public string Description =>
        "C2W3 TensorFlow Tutorial: 12288-25-12-6 softmax network on SIGNS, Adam 1e-4, 1500 epochs "
        + "of batch 32 (--epochs, --learning-rate, --data TRAIN.h5, --test-data, --save-model DIR)";

    public IReadOnlyList<LessonOption> Options { get; } =
    [
        LessonOption.Int("epochs", 1500, "training epochs"),
        LessonOption.Double("learning-rate", 0.0001, "Adam's learning rate"),
        LessonOption.Int("mini-batch-size", 32, "examples per mini-batch"),
        LessonOption.Int("print-every", 100, "print the cost every N epochs"),
        LessonOption.Flag("batch-norm", "batch normalization after each hidden linear layer"),
        LessonOption.InputPath("data", "training set .h5 (default: shared/data/course)"),
        LessonOption.InputPath("test-data", "test set .h5 (default: shared/data/course)"),
        LessonOption.OutputDirectory(
            "save-model",
            "save the model variables here after training (what tfl eval restores)"
        ),
    ];

    public int Run(LessonOptions options, TextWriter output)
    {
        var settings = new Settings(
            Epochs: options.Int("epochs"),
            LearningRate: options.Double("learning-rate"),
            MiniBatchSize: options.Int("mini-batch-size"),
            PrintEvery: options.Int("print-every"),
            BatchNorm: options.Flag("batch-norm"),
            TrainPath: options.String("data"),
            TestPath: options.String("test-data"),
            SaveModel: options.String("save-model"));
        var report = new LessonReport(Name);
        report.Runs.Add(Train(settings, output).Run);
        return LessonCommon.Finish(report, options, output);
    }

    public sealed record Settings(
        int Epochs = 1500,
        double LearningRate = 0.0001,
        int MiniBatchSize = 32,
        int PrintEvery = 100,
        bool BatchNorm = false,
        string? TrainPath = null,
        string? TestPath = null,
        string? SaveModel = null
    );

    /// <summary>The notebook's model(); returns the run and the trained session's parameters by name.</summary>
    public static (LessonRun Run, Dictionary<string, NDArray> Parameters) Train(Settings s, TextWriter? output = null)
    {
        SignsDataset data = SignsDataset.Load(
            s.TrainPath ?? SharedData.Path("course", "train_signs_approx_cs230jpeg.h5"),
            s.TestPath ?? SharedData.Path("course", "test_signs.h5")
        );
        NDArray xTrain = np.wrap(data.Train.X, data.Train.Features, data.Train.Count),
            yTrain = np.wrap(data.Train.Y, 6, data.Train.Count);
        NDArray xTest = np.wrap(data.Test.X, data.Test.Features, data.Test.Count),
            yTest = np.wrap(data.Test.Y, 6, data.Test.Count);
        int m = data.Train.Count;
        NDArray xTrainByExample = np.transpose(xTrain),
            yTrainByExample = np.transpose(yTrain);
        output?.WriteLine(
            $"number of training examples = {m}\nnumber of test examples = "
                + $"{data.Test.Count}\nX_train shape: {xTrain.Shape}\nY_train shape: {yTrain.Shape}"
        );

        tf.reset_default_graph();
        tf.set_random_seed(1);
        var x = tf.placeholder(tf.float32, new Shape(12288, -1), "X");
        var y = tf.placeholder(tf.float32, new Shape(6, -1), "Y");
        var training = tf.placeholder(tf.@bool, Shape.Scalar, "training");
        var w1 = tf.get_variable("W1", (25, 12288), initializer: tf.contrib.layers.xavier_initializer(seed: 1));
        var b1 = tf.get_variable("b1", (25, 1), initializer: tf.zeros_initializer());
        var w2 = tf.get_variable("W2", (12, 25), initializer: tf.contrib.layers.xavier_initializer(seed: 1));
        var b2 = tf.get_variable("b2", (12, 1), initializer: tf.zeros_initializer());
        var w3 = tf.get_variable("W3", (6, 12), initializer: tf.contrib.layers.xavier_initializer(seed: 1));
        var b3 = tf.get_variable("b3", (6, 1), initializer: tf.zeros_initializer());

        Tensor Hidden(Tensor z, string name) =>
            tf.nn.relu(s.BatchNorm ? tf.layers.batch_normalization(z, training, axis: 0, name: name) : z);
        var a1 = Hidden(tf.add(tf.matmul(w1, x), b1), "bn1");
        var a2 = Hidden(tf.add(tf.matmul(w2, a1), b2), "bn2");
        var z3 = tf.add(tf.matmul(w3, a2), b3);
        var cost = tf.reduce_mean(
            tf.nn.softmax_cross_entropy_with_logits(labels: tf.transpose(y), logits: tf.transpose(z3))
        );
        var optimizer = tf.train.AdamOptimizer(s.LearningRate).minimize(cost);
        var accuracy = tf.reduce_mean(tf.cast(tf.equal(tf.argmax(z3), tf.argmax(y)), tf.float32));

        var run = new LessonRun(s.BatchNorm ? "batch-norm" : "plain");
        using var session = tf.Session();
        session.run(tf.global_variables_initializer());
        var rng = new RandomState(0);
        int seed = 3;
        // The notebook divides each epoch's sum by int(m / 32) although it has one more, shorter, batch.
        int numMinibatches = m / s.MiniBatchSize;
        var trainFlag = np.array(true);
        for (int epoch = 0; epoch < s.Epochs; epoch++)
        {
            double epochCost = 0;
            seed++;
            foreach (int[] batch in MiniBatches.RandomMiniBatchIndices(m, s.MiniBatchSize, rng, seed))
            {
                NDArray bx = Columns(xTrainByExample, batch), by = Columns(yTrainByExample, batch);
                var (_, c) = session.run((optimizer, cost), (x, bx), (y, by), (training, trainFlag));
                epochCost += (float)c / numMinibatches;
            }
            if (epoch % 5 == 0) run.Costs.Add((epoch, epochCost));
            if (epoch % s.PrintEvery == 0) output?.WriteLine($"Cost after epoch {epoch}: {epochCost:F6}");
        }
        var inference = np.array(false);
        run.TrainAccuracy = (float)session.run(accuracy, (x, xTrain), (y, yTrain), (training, inference));
        run.TestAccuracy = (float)session.run(accuracy, (x, xTest), (y, yTest), (training, inference));
        output?.WriteLine($"Train Accuracy: {run.TrainAccuracy:0.######}");
        output?.WriteLine($"Test Accuracy: {run.TestAccuracy:0.######}");
        var modelVariables = new[] { w1, b1, w2, b2, w3, b3 };
        if (s.SaveModel is string dir)
        {
            // Model variables only (no Adam slots): what `tfl eval` restores.
            string prefix = tf.train.Saver(modelVariables).save(session, Path.Combine(dir, "model.ckpt"));
            output?.WriteLine($"saved model variables to {prefix}");
        }
        var parameters = modelVariables.ToDictionary(v => v.OpName, v => session.run(v));
        return (run, parameters);
    }

    /// <summary>
    /// The columns <paramref name="columns"/> of a [features, m] float32 array (random_mini_batches' X[:,
    /// permutation[...]]),
    /// read from its example-major copy <paramref name="byExample"/> ([m, features]) so each example is one contiguous
    /// read;
    /// rows are written in blocks that stay in L1.
    /// </summary>
    public static NDArray Columns(NDArray byExample, int[] columns)
    {
        int m = byExample.ShapeSpan[0], features = byExample.ShapeSpan[1], n = columns.Length;
        var dst = new float[features * n];
        ReadOnlySpan<float> src = byExample.AsSpan<float>();
        const int Block = 256;
        for (int r0 = 0; r0 < features; r0 += Block)
        {
            int r1 = Math.Min(r0 + Block, features);
            for (int j = 0; j < n; j++)
            {
                ReadOnlySpan<float> example = src.Slice(columns[j] * features + r0, r1 - r0);
                for (int r = 0; r < example.Length; r++) dst[(r0 + r) * n + j] = example[r];
            }
        }
        return np.wrap(dst, features, n);
    }
}
