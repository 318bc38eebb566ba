using TfLessons.Course;
using TfLessons.Examples;
using TfLessons.Examples.Course;
using TfLessons.Layers;

namespace TfLessons.Tests.Lessons;

/// <summary>Full lesson runs against the course's published numbers (the same table `tfl lesson run NAME --compare`
/// prints).</summary>
public class CourseLessonTests
{
    private static void AssertPublished(string lesson, IEnumerable<LessonRun> runs)
    {
        var report = new LessonReport(lesson);
        report.Runs.AddRange(runs);
        var table = new StringWriter();
        int failures = report.PrintComparison(table);
        Assert.True(failures == 0, table.ToString());
        Assert.DoesNotContain("not run", table.ToString());
    }

    [Fact]
    public void Initialization_reproduces_he_costs_and_all_accuracies()
    {
        var runs = new[] { ("zeros", InitScheme.Zeros), ("random", InitScheme.RandomLarge), ("he", InitScheme.He) }
            .Select(r => InitializationLesson.Train(r.Item1, r.Item2)).ToList();
        AssertPublished("initialization", runs);
        Assert.Equal(0.6931471805599455, runs[0].CostAt(10000));
    }

    [Fact]
    public void Regularization_reproduces_the_notebook()
    {
        var settings = new RegularizationLesson.Settings();
        AssertPublished(
            "regularization",
            new[] { "none", "l2", "dropout" }.Select(r => RegularizationLesson.Train(r, settings))
        );
    }

    [Fact]
    public void Optimization_v1_reproduces_costs_and_accuracies()
    {
        var runs = new[] { "gd", "momentum", "adam" }
            .Select(r => OptimizationLesson.Train(r, OptimizationLesson.Settings.For(r, "v1")))
            .ToList();
        AssertPublished("optimization", runs);
    }

    [Fact]
    public void Gradient_checking_finds_the_planted_bugs()
    {
        Assert.Equal(2.919335883291695e-10, GradientCheckingLesson.OneDimensional(2, 4).Difference);
        Assert.Equal(7.814075313343006e-11, GradientCheckingLesson.OneDimensional(3, 4).Difference, 1e-20);
        var fixedCheck = GradientCheckingLesson.Network(buggy: false);
        Assert.InRange(fixedCheck.Difference, 1.18e-7, 1.2e-7);
        var buggy = GradientCheckingLesson.Network(buggy: true);
        Assert.True(buggy.Difference > 0.1, $"buggy difference {buggy.Difference}");
        Assert.Contains(buggy.Worst, c => c.Parameter == "b1");
        Assert.Contains(buggy.Worst, c => c.Parameter == "W2");
        Assert.DoesNotContain(buggy.Worst, c => c.Parameter is "W1" or "W3" or "b3");
    }

    [Fact]
    public void Lesson_graph_gradients_match_central_differences()
    {
        // A finite-difference check of the lesson graph (with L2) on a mini-batch. Biases are random rather than the
        // initial zeros: with zero biases some ReLU inputs sit exactly on the kink, where one-sided slopes differ.
        tf.reset_default_graph();
        var (x, y) = CourseData.Moons();
        var (w0, _) = CourseInit.Parameters([2, 5, 2, 1], InitScheme.He);
        var rng = new TfLessons.Random.RandomState(5);
        NDArray[] b0 = w0.Select(w => np.array(rng.Randn(w.Dims[0], 1), w.Dims[0], 1)).ToArray();
        var model = CourseMlp.Build(w0, b0, new CourseMlpOptions(L2Lambda: 0.1));
        using var session = tf.Session();
        session.run(tf.global_variables_initializer());
        var feeds = new FeedDict
        {
            { model.X, CourseData.TakeColumns(x, Enumerable.Range(0, 64).ToArray()) },
            { model.Y, CourseData.TakeColumns(y, Enumerable.Range(0, 64).ToArray()) },
        };
        var check = TfLessons.Train.GradientCheck.Run(session, model.Loss, model.Parameters.ToList(), feeds: feeds);
        Assert.True(check.Difference < 1e-7, $"difference {check.Difference}");
    }
}
