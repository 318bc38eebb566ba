using TfLessons.Course;
using TfLessons.Data;
using TfLessons.Examples.Course;
using TfLessons.Layers;
using TfLessons.Random;
using TfLessons.Train;

namespace TfLessons.Examples;

/// <summary>
/// Course 2 week 2, "Optimization Methods": mini-batch gradient descent, momentum and Adam on make_moons,
/// with the 2021 version's averaged epoch cost and learning-rate decay runs.
/// </summary>
public sealed class OptimizationLesson : ILesson
{
    private static readonly string[] V1Runs = ["gd", "momentum", "adam"];
    private static readonly string[] V2021Runs =
    [
        "gd",
        "momentum",
        "adam",
        "gd-update-lr",
        "gd-schedule",
        "momentum-schedule",
        "adam-schedule",
    ];

    public string Name => "optimization";
    public string Description =>
        "C2W2 Optimization: mini-batch GD vs momentum vs Adam on make_moons, [2,5,2,1] (--variant v1|2021, "
        + "--epochs, --mini-batch-size, --learning-rate, --beta, --checkpoint-dir, --save-every, --resume, --logdir)";

    public IReadOnlyList<LessonOption> Options { get; } =
    [
        LessonOption.Text(
            "variant",
            "v1 (the original notebook) or 2021 (averaged epoch cost, learning-rate decay runs)",
            "v1"
        ) with
        {
            Choices = ["v1", "2021"],
        },
        LessonCommon.Runs([.. V2021Runs]),
        LessonOption.Int("epochs", null, "training epochs (default: 10000 for v1, 5000 for 2021)"),
        LessonOption.Int("mini-batch-size", 64, "examples per mini-batch"),
        LessonOption.Double(
            "learning-rate",
            null,
            "learning rate (default: the run's, 0.0007 or the decay runs' 0.1 and 0.01)"
        ),
        LessonOption.Double("beta", 0.9, "momentum's beta", Bound.Fraction),
        LessonOption.Double("beta1", 0.9, "Adam's beta1", Bound.Fraction),
        LessonOption.Double("beta2", 0.999, "Adam's beta2", Bound.Fraction),
        LessonOption.Double("epsilon", 1e-8, "Adam's epsilon"),
        LessonOption.Int("print-every", 1000, "print the cost every N epochs"),
        LessonOption.Double("decay-rate", 1, "learning-rate decay rate of the decay runs", Bound.NonNegative),
        LessonOption.Int("time-interval", 1000, "epochs per decay step of the scheduled runs"),
        LessonOption.OutputDirectory("checkpoint-dir", "save checkpoints under DIR/RUN"),
        LessonOption.Int("save-every", 0, "also checkpoint every N epochs (0: only at the end)", Bound.NonNegative),
        LessonOption.Flag("resume", "continue each run from its latest checkpoint in --checkpoint-dir"),
    ];

    public int Run(LessonOptions options, TextWriter output)
    {
        string variant = options.String("variant")!;
        string[] runs = LessonCommon.SelectRuns(options, Name, variant == "v1" ? V1Runs : V2021Runs);
        var report = new LessonReport(variant == "v1" ? Name : Name + "-2021");
        foreach (string run in runs)
        {
            var s = Settings.For(run, variant) with
            {
                Epochs = options.IntOrNull("epochs") ?? (variant == "v1" ? 10000 : 5000),
                MiniBatchSize = options.Int("mini-batch-size"),
                Beta = options.Double("beta"),
                Beta1 = options.Double("beta1"),
                Beta2 = options.Double("beta2"),
                Epsilon = options.Double("epsilon"),
                PrintEvery = options.Int("print-every"),
                DecayRate = options.Double("decay-rate"),
                TimeInterval = options.Int("time-interval"),
                CheckpointDir = options.String("checkpoint-dir") is string dir ? Path.Combine(dir, run) : null,
                SaveEvery = options.Int("save-every"),
                Resume = options.Flag("resume"),
                LogDir = options.String("logdir") is string logs ? Path.Combine(logs, run) : null,
            };
            if (s.Resume && s.CheckpointDir is null) throw new ArgumentException("--resume needs --checkpoint-dir");
            if (options.DoubleOrNull("learning-rate") is double lr) s = s with { LearningRate = lr };
            output.WriteLine($"== {run} ({variant}) ==");
            report.Runs.Add(Train(run, s, output));
        }
        return LessonCommon.Finish(report, options, output);
    }

    public enum Decay { None, UpdateLr, Schedule }

    /// <summary>One run's settings; <see cref="For"/> gives the notebook's defaults for a run.</summary>
    public sealed record Settings(
        string Optimizer,
        bool AverageEpochCost,
        double LearningRate = 0.0007,
        int Epochs = 10000,
        int MiniBatchSize = 64,
        double Beta = 0.9,
        double Beta1 = 0.9,
        double Beta2 = 0.999,
        double Epsilon = 1e-8,
        int PrintEvery = 1000,
        Decay Decay = Decay.None,
        double DecayRate = 1,
        int TimeInterval = 1000,
        uint InitSeed = 3,
        int BatchSeed = 10,
        string? CheckpointDir = null,
        int SaveEvery = 0,
        bool Resume = false,
        string? LogDir = null
    )
    {
        // The 2021 notebook's decay runs start from larger rates (0.1 for GD and momentum, 0.01 for Adam).
        public static Settings For(string run, string variant) =>
            run switch
            {
                "gd" or "momentum" or "adam" => new Settings(
                    run,
                    variant == "2021",
                    Epochs: variant == "v1" ? 10000 : 5000
                ),
                "gd-update-lr" => new Settings("gd", true, 0.1, 5000, Decay: Decay.UpdateLr),
                "gd-schedule" => new Settings("gd", true, 0.1, 5000, Decay: Decay.Schedule),
                "momentum-schedule" => new Settings("momentum", true, 0.1, 5000, Decay: Decay.Schedule),
                "adam-schedule" => new Settings("adam", true, 0.01, 5000, Decay: Decay.Schedule),
                _ => throw new ArgumentException($"unknown optimization run '{run}'"),
            };
    }

    public static LessonRun Train(string run, Settings s, TextWriter? output = null)
    {
        var (x, y) = CourseData.Moons();
        int m = x.Dims[1];
        tf.reset_default_graph();
        var (w0, b0) = CourseInit.Parameters([2, 5, 2, 1], InitScheme.He, s.InitSeed);
        var model = CourseMlp.Build(w0, b0, new CourseMlpOptions());
        var decayEpoch = tf.placeholder(tf.float64, Shape.Scalar, "decay_epoch");
        Hyper lr = s.Decay switch
        {
            Decay.UpdateLr => Schedules.InverseTime(s.LearningRate, decayEpoch, s.DecayRate),
            Decay.Schedule => Schedules.FixedInterval(s.LearningRate, decayEpoch, s.DecayRate, s.TimeInterval),
            _ => s.LearningRate,
        };
        Optimizer optimizer = s.Optimizer switch
        {
            "gd" => tf.train.GradientDescentOptimizer(lr),
            "momentum" => new CourseMomentumOptimizer(lr, s.Beta),
            "adam" => new CourseAdamOptimizer(lr, s.Beta1, s.Beta2, s.Epsilon),
            _ => throw new ArgumentException($"unknown optimizer '{s.Optimizer}'"),
        };
        var epochVar = tf.Variable(np.array(-1L), name: "epoch", trainable: false);
        var train = optimizer.minimize(model.Loss);
        var setEpoch = tf.placeholder(tf.int64, Shape.Scalar, "set_epoch");
        var recordEpoch = epochVar.assign(setEpoch);
        Tensor printed = s.AverageEpochCost ? model.CostSum : model.Cost;
        var result = new LessonRun(run);
        using var session = tf.Session();
        session.run(tf.global_variables_initializer());
        var rng = new RandomState(0);
        var feeds = new FeedDict();
        // Everything a run depends on lives in variables (parameters, optimizer slots, Adam's t, the epoch), and each
        // epoch's mini-batches depend only on its number, so a resumed run ends bit-identical to an uninterrupted one.
        var saver = s.CheckpointDir is null ? null : tf.train.Saver(max_to_keep: 3);
        int start = 0;
        if (s.Resume && tf.train.latest_checkpoint(s.CheckpointDir!) is string latest)
        {
            saver!.restore(session, latest);
            start = (int)(long)session.run(epochVar) + 1;
            output?.WriteLine($"resumed from {latest} at epoch {start}");
        }
        using FileWriter? writer = s.LogDir is null ? null : tf.summary.FileWriter(s.LogDir);
        for (int epoch = start; epoch < s.Epochs; epoch++)
        {
            int seed = s.BatchSeed + epoch + 1;
            // The notebook updates the rate after each epoch with decay(lr0, epoch), so epoch e trains with decay(lr0,
            // e - 1).
            if (s.Decay != Decay.None) feeds[decayEpoch] = np.array((double)Math.Max(epoch - 1, 0));
            // The cost is printed only every PrintEvery epochs, so only those epochs evaluate it (the same run computes
            // it before the update, so the numbers are those of evaluating it every step).
            bool printing = epoch % s.PrintEvery == 0;
            double costTotal = 0, last = 0;
            foreach (int[] batch in MiniBatches.RandomMiniBatchIndices(m, s.MiniBatchSize, rng, seed))
            {
                feeds[model.X] = CourseData.TakeColumns(x, batch);
                feeds[model.Y] = CourseData.TakeColumns(y, batch);
                if (!printing)
                {
                    session.run(train, feeds);
                    continue;
                }
                var (_, cost) = session.run((train, printed), feeds);
                last = (double)cost;
                costTotal += last;
            }
            double reported = s.AverageEpochCost ? costTotal / m : last;
            session.run(recordEpoch, (setEpoch, np.array((long)epoch)));
            if (saver is not null && s.SaveEvery > 0 && (epoch + 1) % s.SaveEvery == 0)
                saver.save(session, Path.Combine(s.CheckpointDir!, "model.ckpt"), epoch + 1);
            if (printing)
            {
                result.Costs.Add((epoch, reported));
                writer?.add_scalar("cost", reported, epoch);
                if (s.Decay != Decay.None)
                    writer?.add_scalar("learning_rate", (double)session.run(lr.Tensor!, feeds), epoch);
                output?.WriteLine($"Cost after epoch {epoch}: {reported:F6}");
                if (s.Decay != Decay.None)
                {
                    double next =
                        s.Decay == Decay.UpdateLr
                            ? s.LearningRate / (1 + s.DecayRate * epoch)
                            : s.LearningRate / (1 + s.DecayRate * Math.Floor(epoch / (double)s.TimeInterval));
                    output?.WriteLine($"learning rate after epoch {epoch}: {next:F6}");
                }
            }
        }
        if (saver is not null) saver.save(session, Path.Combine(s.CheckpointDir!, "model.ckpt"), s.Epochs);
        result.TrainAccuracy = model.Accuracy(session, x, y);
        foreach (Variable v in model.Parameters) result.Parameters[v.OpName] = session.run(v);
        writer?.add_scalar("train_accuracy", result.TrainAccuracy.Value, s.Epochs);
        output?.WriteLine($"Accuracy: {PyFormat.Repr(result.TrainAccuracy.Value)}");
        return result;
    }
}
