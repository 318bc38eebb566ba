using TfLessons.Course;
using TfLessons.Examples.Course;
using TfLessons.Layers;
using TfLessons.Random;

namespace TfLessons.Examples;

/// <summary>
/// Course 2 week 1, "Regularization": the French football data (data.mat), a [2,20,3,1] network trained
/// without regularization, with L2 (lambda 0.7) and with inverted dropout (keep_prob 0.86).
/// </summary>
public sealed class RegularizationLesson : ILesson
{
    public string Name => "regularization";
    public string Description =>
        "C2W1 Regularization: none vs L2 (0.7) vs dropout (0.86) on data.mat, "
        + "[2,20,3,1], GD 0.3 x 30000 (--runs, --lambd, --keep-prob, --data)";

    public IReadOnlyList<LessonOption> Options { get; } =
    [
        LessonCommon.Runs("none", "l2", "dropout"),
        LessonOption.Double("learning-rate", 0.3, "gradient-descent learning rate"),
        LessonOption.Int("iterations", 30000, "gradient-descent iterations"),
        LessonOption.Int("print-every", 10000, "print the cost every N iterations"),
        LessonOption.Double("lambd", 0.7, "L2 regularization strength", Bound.NonNegative),
        LessonOption.Double("keep-prob", 0.86, "dropout keep probability", Bound.Probability),
        LessonOption.Int("seed", 3, "NumPy seed of the initial weights", Bound.NonNegative),
        LessonOption.Flag(
            "fresh-dropout-masks",
            "draw new dropout masks every iteration (the notebook reuses one set)"
        ),
        LessonOption.InputPath("data", "the course's data.mat (default: shared/data/course)"),
    ];

    public int Run(LessonOptions options, TextWriter output)
    {
        string[] runs = LessonCommon.SelectRuns(options, Name, ["none", "l2", "dropout"]);
        var settings = new Settings(
            LearningRate: options.Double("learning-rate"),
            Iterations: options.Int("iterations"),
            PrintEvery: options.Int("print-every"),
            Lambda: options.Double("lambd"),
            KeepProb: options.Double("keep-prob"),
            Seed: (uint)options.Int("seed"),
            ReseedDropout: !options.Flag("fresh-dropout-masks"),
            DataPath: options.String("data"));
        var report = new LessonReport(Name);
        foreach (string run in runs)
        {
            output.WriteLine($"== {run} ==");
            report.Runs.Add(Train(run, settings, output));
        }
        return LessonCommon.Finish(report, options, output);
    }

    /// <param name="ReseedDropout">the notebook re-seeds NumPy (seed 1) in every forward pass, so every iteration uses
    /// the same masks.</param>
    public sealed record Settings(
        double LearningRate = 0.3,
        int Iterations = 30000,
        int PrintEvery = 10000,
        double Lambda = 0.7,
        double KeepProb = 0.86,
        uint Seed = 3,
        bool ReseedDropout = true,
        string? DataPath = null
    );

    public static LessonRun Train(string run, Settings s, TextWriter? output = null)
    {
        var (trainX, trainY, testX, testY) = CourseData.Football(s.DataPath);
        int m = trainX.Dims[1];
        tf.reset_default_graph();
        var (w0, b0) = CourseInit.Parameters([2, 20, 3, 1], InitScheme.ScaledByFanIn, s.Seed);
        bool dropout = run == "dropout";
        var model = CourseMlp.Build(
            w0,
            b0,
            new CourseMlpOptions(L2Lambda: run == "l2" ? s.Lambda : 0, Dropout: dropout, NanSumCost: true)
        );
        var train = tf.train.GradientDescentOptimizer(s.LearningRate).minimize(model.Loss);
        var result = new LessonRun(run);
        using var session = tf.Session();
        session.run(tf.global_variables_initializer());
        var feeds = new FeedDict { { model.X, trainX }, { model.Y, trainY } };
        var maskRng = new RandomState(1);
        NDArray[] masks = dropout ? DrawMasks(maskRng, [20, 3], m, s.KeepProb) : [];
        if (dropout)
        {
            feeds.Add(model.KeepProb!, np.array(s.KeepProb));
            for (int k = 0; k < masks.Length; k++) feeds.Add(model.Masks[k], masks[k]);
        }
        for (int i = 0; i < s.Iterations; i++)
        {
            if (dropout && !s.ReseedDropout && i > 0)
            {
                masks = DrawMasks(maskRng, [20, 3], m, s.KeepProb);
                for (int k = 0; k < masks.Length; k++) feeds[model.Masks[k]] = masks[k];
            }
            var (_, cost) = session.run((train, model.Cost), feeds);
            if (i % s.PrintEvery == 0)
            {
                result.Costs.Add((i, (double)cost));
                output?.WriteLine($"Cost after iteration {i}: {PyFormat.Repr((double)cost)}");
            }
        }
        result.TrainAccuracy = model.Accuracy(session, trainX, trainY);
        result.TestAccuracy = model.Accuracy(session, testX, testY);
        foreach (Variable v in model.Parameters) result.Parameters[v.OpName] = session.run(v);
        output?.WriteLine($"On the training set:\nAccuracy: {PyFormat.Repr(result.TrainAccuracy.Value)}");
        output?.WriteLine($"On the test set:\nAccuracy: {PyFormat.Repr(result.TestAccuracy.Value)}");
        return result;
    }

    /// <summary>The course's masks: D = rand(n_l, m) &lt; keep_prob for each hidden layer, in layer order.</summary>
    public static NDArray[] DrawMasks(RandomState rng, int[] hiddenSizes, int m, double keepProb) =>
        hiddenSizes
            .Select(n => np.array(rng.Rand(n, m).Select(u => u < keepProb ? 1.0 : 0.0).ToArray(), n, m))
            .ToArray();
}
