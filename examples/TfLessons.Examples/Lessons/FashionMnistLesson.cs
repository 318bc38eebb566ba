using Spectre.Console;
using TfLessons.Course;
using TfLessons.Examples.Course;
using TfLessons.IO;
using TfLessons.Layers;

namespace TfLessons.Examples;

/// <summary>
/// Beyond the course: a 784-512-512-10 softmax classifier with batch norm and dropout, trained with Adam on the
/// 70,000 Fashion-MNIST images (Debian's dataset-fashion-mnist), with a progress bar.
/// </summary>
public sealed class FashionMnistLesson : ILesson
{
    public string Name => "fashion-mnist";
    public string Description =>
        "784-512-512-10 with batch norm + dropout, Adam, on Fashion-MNIST (--epochs 10, "
        + "--batch-size 128, --learning-rate 1e-3, --decay 0.8, --keep-prob 0.8, --data DIR, --quiet)";

    public IReadOnlyList<LessonOption> Options { get; } =
    [
        LessonOption.Int("epochs", 10, "training epochs"),
        LessonOption.Int("batch-size", 128, "examples per mini-batch"),
        LessonOption.Int("seed", 1, "seed of the weights, dropout and shuffling", Bound.NonNegative),
        LessonOption.Double("learning-rate", 1e-3, "Adam's initial learning rate"),
        LessonOption.Double("keep-prob", 0.8, "dropout keep probability", Bound.Probability),
        LessonOption.Double("decay", 0.8, "learning-rate decay per epoch (lr * decay^epoch)"),
        LessonOption.InputPath("data", "directory of the IDX files (default: Debian's dataset-fashion-mnist)"),
        LessonOption.Flag("quiet", "no progress bar"),
    ];

    public int Run(LessonOptions options, TextWriter output)
    {
        int epochs = options.Int("epochs"),
            batch = options.Int("batch-size"),
            seed = options.Int("seed");
        double lr = options.Double("learning-rate"),
            keep = options.Double("keep-prob"),
            decay = options.Double("decay");
        bool quiet = options.Flag("quiet");
        FashionMnist data = FashionMnist.Load(options.String("data"));
        (NDArray trainX, long[] trainY) = Images(data.TrainImages, data.TrainLabels, data.TrainCount);
        (NDArray testX, long[] testY) = Images(data.TestImages, data.TestLabels, data.TestCount);
        output.WriteLine(
            $"Fashion-MNIST from {data.Directory}: {data.TrainCount} training and {data.TestCount} test images"
        );
        LayerSpec[] hidden = [new(512, BatchNorm: true, KeepProb: keep), new(512, BatchNorm: true, KeepProb: keep)];
        // Exponential learning-rate decay per epoch (lr * decay^epoch), one of the course's schedules.
        using var model = new SoftmaxClassifier(
            784,
            10,
            hidden,
            rate => tf.train.AdamOptimizer(rate),
            epoch => lr * Math.Pow(decay, epoch),
            seed: seed
        );
        var run = new LessonRun("bn-dropout-adam");
        void Report(EpochMetrics e)
        {
            var (testLoss, testAccuracy) = model.Evaluate(testX, testY);
            run.Costs.Add((e.Epoch, e.Loss));
            run.TrainAccuracy = e.TrainAccuracy;
            run.TestAccuracy = testAccuracy;
            output.WriteLine(
                $"epoch {e.Epoch}: loss {e.Loss:F4}, train accuracy {e.TrainAccuracy:F4}, "
                    + $"test loss {testLoss:F4}, test accuracy {testAccuracy:F4} ({e.Seconds:F1} s)"
            );
        }
        if (quiet || Console.IsOutputRedirected || output != Console.Out)
        {
            model.Fit(trainX, trainY, epochs, batch, seed, onEpoch: Report);
        }
        else
        {
            AnsiConsole
                .Progress()
                .Columns(
                    new TaskDescriptionColumn(),
                    new ProgressBarColumn(),
                    new PercentageColumn(),
                    new RemainingTimeColumn()
                )
                .Start(ctx =>
                {
                    ProgressTask task = ctx.AddTask("training", maxValue: epochs);
                    model.Fit(
                        trainX,
                        trainY,
                        epochs,
                        batch,
                        seed,
                        onEpoch: e =>
                        {
                            Report(e);
                            task.Increment(1);
                        },
                        onBatch: (b, n) => task.Value = run.Costs.Count + b / (double)n
                    );
                });
        }
        output.WriteLine($"Test accuracy: {run.TestAccuracy:F4}");
        var report = new LessonReport(Name);
        report.Runs.Add(run);
        return LessonCommon.Finish(report, options, output);
    }

    /// <summary>Pixels scaled to [0, 1] as float32 rows of 784.</summary>
    public static (NDArray X, long[] Y) Images(byte[] pixels, byte[] labels, int count)
    {
        var x = new float[count * 784];
        for (int i = 0; i < x.Length; i++) x[i] = pixels[i] / 255f;
        return (np.wrap(x, count, 784), labels.Take(count).Select(l => (long)l).ToArray());
    }
}
