namespace TfLessons.Tests.Ops;

/// <summary>Input domains matched to an op's definition (positive for log and sqrt, away from kinks for relu).</summary>
public enum Domain { Any, Positive, AwayFromZero, Distinct }

/// <summary>One row of the op table: how to build the op from placeholders, on which shapes, with what tolerances.</summary>
public sealed record OpCase(string Name, Func<Tensor[], Tensor> Build, int[][] Shapes, Domain Domain = Domain.Any, bool Differentiable = true, double GradTol = 1e-6)
{
    /// <summary>Declared placeholder shapes; null means the same as <see cref="Shapes"/> (unknown dims test runtime shapes).</summary>
    public int[][]? Declared { get; init; }

    /// <summary>For non-differentiable ops that forbid gradients (PreventGradient): tf.gradients must raise, not return null.</summary>
    public bool GradientRaises { get; init; }

    public override string ToString() => $"{Name} {string.Join(" ", Shapes.Select(s => "[" + string.Join(",", s) + "]"))}";

    public static NDArray Sample(int[] shape, Domain domain, System.Random rng, DType dtype)
    {
        var a = np.zeros(shape, dtype);
        for (int i = 0; i < a.Size; i++)
        {
            double v = rng.NextDouble() * 4 - 2;
            switch (domain)
            {
                case Domain.Positive: v = 0.2 + rng.NextDouble() * 2; break;
                case Domain.AwayFromZero: while (Math.Abs(v) < 0.1) v = rng.NextDouble() * 4 - 2; break;
                case Domain.Distinct: v = (i * 0.37 + rng.NextDouble() * 0.1) * (rng.Next(2) == 0 ? 1 : -1); break;
            }
            a.SetDouble(i, v);
        }
        return a;
    }
}
