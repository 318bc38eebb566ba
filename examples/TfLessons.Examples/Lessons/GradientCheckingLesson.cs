using TfLessons.Course;
using TfLessons.Examples.Course;
using TfLessons.Layers;
using TfLessons.Random;
using TfLessons.Train;

namespace TfLessons.Examples;

/// <summary>
/// Course 2 week 1, "Gradient Checking": two-sided differences against backpropagation, first for
/// J(theta) = theta * x, then for a 3-layer network whose hand-written backward pass has two planted bugs.
/// </summary>
public sealed class GradientCheckingLesson : ILesson
{
    public string Name => "gradient-checking";
    public string Description =>
        "C2W1 Gradient Checking: 1-D J = theta*x, then an [4,5,3,1] network with "
        + "the course's two planted backward bugs and fixed (--epsilon, --x, --theta)";

    public IReadOnlyList<LessonOption> Options { get; } =
    [
        LessonCommon.Runs("1d", "nd-buggy", "nd-fixed"),
        LessonOption.Double("epsilon", 1e-7, "the two-sided difference's step"),
        LessonOption.Double("x", 2, "x of the 1-D check", Bound.Any),
        LessonOption.Double("theta", 4, "theta of the 1-D check", Bound.Any),
    ];

    public int Run(LessonOptions options, TextWriter output)
    {
        string[] runs = LessonCommon.SelectRuns(options, Name, ["1d", "nd-buggy", "nd-fixed"]);
        double epsilon = options.Double("epsilon");
        double x = options.Double("x"), theta = options.Double("theta");
        var report = new LessonReport(Name);
        foreach (string run in runs)
        {
            output.WriteLine($"== {run} ==");
            var result = new LessonRun(run);
            GradientCheckResult check =
                run == "1d" ? OneDimensional(x, theta, epsilon) : Network(buggy: run == "nd-buggy", epsilon);
            result.Difference = check.Difference;
            output.WriteLine($"difference = {PyFormat.Repr(check.Difference)}");
            // The notebook's own thresholds: 1e-7 for the 1-D check, 2e-7 for the network.
            bool ok = check.Difference < (run == "1d" ? 1e-7 : 2e-7);
            output.WriteLine(
                ok
                    ? (run == "1d" ? "The gradient is correct!" : "Your backward propagation works perfectly fine!")
                    : "There is a mistake in the backward propagation!"
            );
            output.WriteLine($"verdict: {check.Verdict}");
            if (!ok)
            {
                foreach (GradientComponent c in check.Worst)
                    output.WriteLine(
                        $"  {c.Parameter}[{string.Join(",", c.Index)}]: backprop "
                            + $"{PyFormat.Repr(c.Analytic)}, two-sided {PyFormat.Repr(c.Numeric)}"
                    );
            }
            report.Runs.Add(result);
        }
        return LessonCommon.Finish(report, options, output);
    }

    /// <summary>J(theta) = theta * x, differentiated by the graph and checked against (J(theta+e) - J(theta-e)) /
    /// 2e.</summary>
    public static GradientCheckResult OneDimensional(double x, double theta, double epsilon = 1e-7)
    {
        tf.reset_default_graph();
        var xs = tf.placeholder(tf.float64, name: "x");
        var thetaVar = tf.Variable(np.array(theta), name: "theta");
        var j = thetaVar * xs;
        using var session = tf.Session();
        session.run(tf.global_variables_initializer());
        return GradientCheck.Run(session, j, [thetaVar], feeds: new FeedDict { { xs, x } }, epsilon: epsilon);
    }

    /// <summary>
    /// The course's test case (seed 1: x (4,3), then W1, b1, W2, b2, W3, b3 by randn; y = [1,1,0]) and cost
    /// 1/m * sum of cross-entropies. The buggy backward pass doubles dW2 and uses 4/m for db1, as the notebook's does.
    /// </summary>
    public static GradientCheckResult Network(bool buggy, double epsilon = 1e-7)
    {
        tf.reset_default_graph();
        var rng = new RandomState(1);
        NDArray xValue = np.array(rng.Randn(4, 3), 4, 3);
        int[][] shapes = [[5, 4], [5, 1], [3, 5], [3, 1], [1, 3], [1, 1]];
        NDArray[] p = shapes.Select(s => np.array(rng.Randn(s), s)).ToArray();
        var model = CourseMlp.Build([p[0], p[2], p[4]], [p[1], p[3], p[5]], new CourseMlpOptions());
        var parameters = model.Parameters.ToList();
        Tensor?[] grads = tf.gradients(model.Cost, parameters);
        if (buggy)
        {
            grads[2] = grads[2]! * 2.0;
            grads[1] = grads[1]! * 4.0;
        }
        using var session = tf.Session();
        session.run(tf.global_variables_initializer());
        var feeds = new FeedDict { { model.X, xValue }, { model.Y, np.array(new double[,] { { 1, 1, 0 } }) } };
        return GradientCheck.Run(session, model.Cost, parameters, grads, feeds, epsilon);
    }
}
