namespace TfLessons.Train;

/// <summary>One parameter component of a gradient check, with the two derivatives that were compared.</summary>
public sealed record GradientComponent(string Parameter, int[] Index, double Analytic, double Numeric)
{
    public double AbsoluteError => Math.Abs(Analytic - Numeric);
}

/// <summary>The outcome of a gradient check: the difference ratio, its verdict, and the worst components.</summary>
public sealed record GradientCheckResult(double Difference, int Components, IReadOnlyList<GradientComponent> Worst)
{
    /// <summary>The usual thresholds: below 1e-7 fine, below 1e-5 probably fine, below 1e-3 suspicious, else
    /// wrong.</summary>
    public string Verdict => Difference switch
    {
        < 1e-7 => "correct: backward propagation works perfectly fine",
        < 1e-5 => "probably correct: double-check the components below",
        < 1e-3 => "suspicious: some components disagree",
        _ => "wrong: there is a mistake in the backward propagation",
    };

    public bool Passed => Difference < 1e-7;
}

/// <summary>
/// Two-sided gradient checking over all parameters of any graph: the parameters are
/// rolled into one vector (in the order given, each row-major), each component is nudged by ±epsilon, and
/// difference = ||grad - gradapprox|| / (||grad|| + ||gradapprox||).
/// </summary>
public static class GradientCheck
{
    /// <summary>Checks <paramref name="gradients"/> (one per parameter; null: the graph's own from tf.gradients)
    /// against central differences of <paramref name="cost"/>.</summary>
    public static GradientCheckResult Run(
        Session session,
        Tensor cost,
        IReadOnlyList<Variable> parameters,
        IReadOnlyList<Tensor?>? gradients = null,
        FeedDict? feeds = null,
        double epsilon = 1e-7,
        int worst = 5
    )
    {
        if (cost.DType != DType.Float64)
            throw new ArgumentException(
                $"gradient check: cost {cost.Name} must be float64 for meaningful differences (got {cost.DType.Name()})"
            );
        IReadOnlyList<Tensor?> grads = gradients ?? tf.gradients(cost, parameters);
        if (grads.Count != parameters.Count)
            throw new ArgumentException($"gradient check: {grads.Count} gradients for {parameters.Count} parameters");
        feeds ??= new FeedDict();
        var analytic = new List<double>();
        for (int p = 0; p < parameters.Count; p++)
        {
            NDArray g = grads[p] is Tensor gt ? session.run(gt, feeds) : np.zeros(parameters[p].Shape.ToArray());
            analytic.AddRange(g.ToDoubleArray());
        }
        var numeric = new List<double>();
        var components = new List<GradientComponent>();
        for (int p = 0; p < parameters.Count; p++)
        {
            Variable v = parameters[p];
            NDArray original = session.run(v);
            NDArray work = original.Copy();
            for (int i = 0; i < original.Size; i++)
            {
                double theta = original.GetDouble(i);
                work.SetDouble(i, theta + epsilon);
                v.load(work, session);
                double plus = (double)session.run(cost, feeds);
                work.SetDouble(i, theta - epsilon);
                v.load(work, session);
                double minus = (double)session.run(cost, feeds);
                work.SetDouble(i, theta);
                double approx = (plus - minus) / (2 * epsilon);
                components.Add(
                    new GradientComponent(v.OpName, Unravel(i, original.Dims), analytic[numeric.Count], approx)
                );
                numeric.Add(approx);
            }
            v.load(original, session);
        }
        double numerator = Norm(analytic.Zip(numeric, (a, n) => a - n));
        double denominator = Norm(analytic) + Norm(numeric);
        double difference = denominator == 0 ? 0 : numerator / denominator;
        return new GradientCheckResult(
            difference,
            numeric.Count,
            components.OrderByDescending(c => c.AbsoluteError).Take(worst).ToList()
        );
    }

    private static double Norm(IEnumerable<double> values) => Math.Sqrt(values.Sum(v => v * v));

    private static int[] Unravel(int flat, int[] shape)
    {
        var index = new int[shape.Length];
        for (int a = shape.Length - 1; a >= 0; a--)
        {
            index[a] = flat % shape[a];
            flat /= shape[a];
        }
        return index;
    }
}
