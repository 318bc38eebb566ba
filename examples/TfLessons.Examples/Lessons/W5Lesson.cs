using TfLessons.Train;

namespace TfLessons.Examples;

/// <summary>
/// The course's first TensorFlow program: minimize cost(w) = w^2 - 10w + 25 = (w - 5)^2, with the
/// coefficients fed through a placeholder so the same graph could minimize any quadratic.
/// </summary>
public sealed class W5Lesson : ILesson
{
    public string Name => "w5";
    public string Description =>
        "Course 2 week 3 video: minimize (w-5)^2 with a variable, a placeholder and GradientDescentOptimizer(0.01)";

    public IReadOnlyList<LessonOption> Options { get; } =
    [
        LessonOption.Int("steps", 1000, "gradient-descent steps after the first one"),
        LessonOption.Double("learning-rate", 0.01, "GradientDescentOptimizer's learning rate"),
    ];

    public int Run(LessonOptions options, TextWriter output)
    {
        int steps = options.Int("steps");
        float learningRate = (float)options.Double("learning-rate");
        var result = Train(steps, learningRate);
        output.WriteLine(PyFormat.Repr(result.Initial));
        output.WriteLine(PyFormat.Repr(result.AfterOne));
        output.WriteLine(PyFormat.Repr(result.AfterAll));
        return 0;
    }

    /// <summary>The lesson's graph in a fresh default graph, with its coefficients [[1], [-10], [25]].</summary>
    public sealed record Graph(Variable W, Tensor X, Operation Train, NDArray Coefficients);

    public static Graph Build(float learningRate = 0.01f)
    {
        tf.reset_default_graph();
        var coefficients = np.array(new float[,] { { 1 }, { -10 }, { 25 } });

        var w = tf.Variable(0f, name: "w");
        var x = tf.placeholder(tf.float32, shape: (3, 1));
        var cost = x[0][0] * w * w + x[1][0] * w + x[2][0];
        var train = tf.train.GradientDescentOptimizer(learningRate).minimize(cost);
        return new Graph(w, x, train, coefficients);
    }

    /// <summary>w after 0 steps, after 1 step, and after <paramref name="steps"/> further steps.</summary>
    public static (float Initial, float AfterOne, float AfterAll) Train(int steps = 1000, float learningRate = 0.01f)
    {
        var (w, x, train, coefficients) = Build(learningRate);
        using var session = tf.Session();
        session.run(tf.global_variables_initializer());
        float initial = (float)session.run(w);

        session.run(train, (x, coefficients));
        float afterOne = (float)session.run(w);

        for (int i = 0; i < steps; i++) session.run(train, (x, coefficients));
        return (initial, afterOne, (float)session.run(w));
    }
}
