using TfLessons.Course;
using TfLessons.Examples.Course;
using TfLessons.Layers;

namespace TfLessons.Examples;

/// <summary>
/// Course 2 week 1, "Initialization": the same 3-layer network on the circles data, trained from zeros,
/// from large random weights and from He initialization, to show why initialization matters.
/// </summary>
public sealed class InitializationLesson : ILesson
{
    public string Name => "initialization";
    public string Description =>
        "C2W1 Initialization: zeros vs large random vs He on make_circles, "
        + "[2,10,5,1], GD 0.01 x 15000 (--runs zeros,random,he)";

    public IReadOnlyList<LessonOption> Options { get; } =
    [
        LessonCommon.Runs("zeros", "random", "he"),
        LessonOption.Double("learning-rate", 0.01, "gradient-descent learning rate"),
        LessonOption.Int("iterations", 15000, "gradient-descent iterations"),
        LessonOption.Int("print-every", 1000, "print the cost every N iterations"),
        LessonOption.Int("seed", 3, "NumPy seed of the initial weights", Bound.NonNegative),
    ];

    public int Run(LessonOptions options, TextWriter output)
    {
        string[] runs = LessonCommon.SelectRuns(options, Name, ["zeros", "random", "he"]);
        double learningRate = options.Double("learning-rate");
        int iterations = options.Int("iterations");
        int printEvery = options.Int("print-every");
        uint seed = (uint)options.Int("seed");
        var report = new LessonReport(Name);
        foreach (string run in runs)
        {
            output.WriteLine($"== {run} initialization ==");
            InitScheme scheme = run switch
            {
                "zeros" => InitScheme.Zeros,
                "random" => InitScheme.RandomLarge,
                _ => InitScheme.He,
            };
            report.Runs.Add(Train(run, scheme, learningRate, iterations, printEvery, seed, output));
        }
        return LessonCommon.Finish(report, options, output);
    }

    public static LessonRun Train(
        string run,
        InitScheme scheme,
        double learningRate = 0.01,
        int iterations = 15000,
        int printEvery = 1000,
        uint seed = 3,
        TextWriter? output = null
    )
    {
        var (trainX, trainY, testX, testY) = CourseData.Circles();
        tf.reset_default_graph();
        var (w0, b0) = CourseInit.Parameters([2, 10, 5, 1], scheme, seed);
        var model = CourseMlp.Build(w0, b0, new CourseMlpOptions(NanSumCost: true));
        var train = tf.train.GradientDescentOptimizer(learningRate).minimize(model.Loss);
        var result = new LessonRun(run);
        using var session = tf.Session();
        session.run(tf.global_variables_initializer());
        var feeds = model.EvalFeeds(trainX, trainY);
        for (int i = 0; i < iterations; i++)
        {
            var (_, cost) = session.run((train, model.Cost), feeds);
            if (i % printEvery == 0)
            {
                result.Costs.Add((i, (double)cost));
                output?.WriteLine($"Cost after iteration {i}: {PyFormat.Repr((double)cost)}");
            }
        }
        result.TrainAccuracy = model.Accuracy(session, trainX, trainY);
        result.TestAccuracy = model.Accuracy(session, testX, testY);
        foreach (Variable v in model.Parameters) result.Parameters[v.OpName] = session.run(v);
        output?.WriteLine($"On the train set:\nAccuracy: {PyFormat.Repr(result.TrainAccuracy.Value)}");
        output?.WriteLine($"On the test set:\nAccuracy: {PyFormat.Repr(result.TestAccuracy.Value)}");
        return result;
    }
}
