using TfLessons.Runtime.Kernels.Reference;

namespace TfLessons.Tests.Ops;

public class OpTableTests
{
    [Theory]
    [MemberData(nameof(OpTable.Cases), MemberType = typeof(OpTable))]
    public void Forward_matches_reference_kernel(int row, string description) => CheckForward(row, description);

    /// <summary>Runs row <paramref name="row"/> in float32 and float64 and checks every output against the reference kernel.</summary>
    internal static void CheckForward(int row, string description)
    {
        OpCase c = OpTable.Rows[row];
        foreach (DType dtype in new[] { DType.Float32, DType.Float64 })
        {
            var g = new Graph();
            using var _ = g.as_default();
            var rng = new System.Random(row * 31 + (int)dtype);
            Tensor[] xs = Placeholders(c, dtype);
            Tensor y = c.Build(xs);
            NDArray[] inputs = c.Shapes.Select(s => OpCase.Sample(s, c.Domain, rng, dtype)).ToArray();
            using var session = tf.Session(g);
            var feeds = xs.Zip(inputs, (x, v) => (x, v)).ToArray();
            // Multi-output ops (Unpack, SoftmaxCrossEntropyWithLogits, ...) are checked on every output, not only the one the row uses.
            NDArray[] actual = session.run(y.Op.Outputs.Cast<ITensorOrOperation>().ToArray(), feeds);
            NDArray[] opInputs = y.Op.Inputs.Select(t => Array.IndexOf(xs, t) is int k && k >= 0 ? inputs[k] : session.run(t, feeds)).ToArray();
            NDArray[] expected = ReferenceKernels.EvaluateAll(y.Op, opInputs);
            Assert.Equal(y.Op.Outputs.Count, expected.Length);
            for (int o = 0; o < expected.Length; o++) AssertClose(expected[o], actual[o], dtype == DType.Float32 ? 2e-6 : 1e-13, $"{description} {dtype} output {o}");
        }
    }

    internal static void AssertClose(NDArray expected, NDArray actual, double tol, string what)
    {
        Assert.True(expected.ShapeSpan.SequenceEqual(actual.ShapeSpan), $"{what}: shape {actual.Shape} vs reference {expected.Shape}");
        Assert.Equal(expected.DType, actual.DType);
        for (int i = 0; i < expected.Size; i++)
        {
            double e = expected.GetDouble(i), a = actual.GetDouble(i);
            Assert.True(Math.Abs(e - a) <= tol * Math.Max(1, Math.Abs(e)), $"{what}: element {i} is {a}, reference {e}");
        }
    }

    [Theory]
    [MemberData(nameof(OpTable.NonDifferentiableCases), MemberType = typeof(OpTable))]
    public void Non_differentiable_rows_pass_no_gradient(int row, string description)
    {
        OpCase c = OpTable.Rows[row];
        Assert.False(c.Differentiable);
        var g = new Graph();
        using var _ = g.as_default();
        Tensor[] xs = Placeholders(c, DType.Float64);
        Tensor y = c.Build(xs);
        if (c.GradientRaises)
        {
            // PreventGradient: asking for the gradient is an error naming the op, as in TensorFlow.
            var e = Assert.ThrowsAny<InvalidOperationException>(() => tf.gradients(y, xs));
            Assert.Contains(y.Op.Type, e.Message);
            return;
        }
        Tensor?[] grads = tf.gradients(y, xs);
        for (int k = 0; k < xs.Length; k++) Assert.True(grads[k] is null, $"{description}: a gradient flows to input {k} ({grads[k]?.Op.Type})");
    }

    [Theory]
    [MemberData(nameof(OpTable.DifferentiableCases), MemberType = typeof(OpTable))]
    public void Gradient_matches_float64_central_differences(int row, string description)
    {
        OpCase c = OpTable.Rows[row];
        Assert.True(c.Differentiable);
        var g = new Graph();
        using var _ = g.as_default();
        var rng = new System.Random(row * 17 + 5);
        Tensor[] xs = Placeholders(c, DType.Float64);
        Tensor y = c.Build(xs);
        NDArray[] inputs = c.Shapes.Select(s => OpCase.Sample(s, c.Domain, rng, DType.Float64)).ToArray();
        using var session = tf.Session(g);
        (Tensor, NDArray)[] Feeds() => xs.Zip(inputs, (x, v) => (x, v)).ToArray();
        NDArray yValue = session.run(y, Feeds());
        NDArray weights = OpCase.Sample(yValue.Dims, Domain.Any, rng, DType.Float64);
        Tensor loss = tf.reduce_sum(y * tf.constant(weights));
        Tensor?[] grads = tf.gradients(loss, xs);
        for (int k = 0; k < xs.Length; k++)
        {
            NDArray? analytic = grads[k] is Tensor gk ? session.run(gk, Feeds()) : null;
            const double eps = 1e-4;
            for (int i = 0; i < inputs[k].Size; i++)
            {
                double original = inputs[k].GetDouble(i);
                inputs[k].SetDouble(i, original + eps);
                double plus = (double)session.run(loss, Feeds());
                inputs[k].SetDouble(i, original - eps);
                double minus = (double)session.run(loss, Feeds());
                inputs[k].SetDouble(i, original);
                double numeric = (plus - minus) / (2 * eps);
                double a = analytic?.GetDouble(i) ?? 0;
                double tol = c.Name == "Cast" ? 1e-3 : 1e-6;
                Assert.True(Math.Abs(numeric - a) <= tol * Math.Max(1, Math.Abs(numeric)),
                    $"{description}: d loss / d input{k}[{i}] analytic {a}, central difference {numeric}");
            }
        }
    }

    public static IEnumerable<object[]> Lengths() => Enumerable.Range(0, 258).Where(n => n < 20 || n % 7 == 0 || n > 250).Select(n => new object[] { n });

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Elementwise_kernels_match_reference_for_every_length(int n) => CheckLength(n);

    /// <summary>Elementwise ops and a reduction on length-n vectors (full vectors of every width plus each tail) against the reference.</summary>
    internal static void CheckLength(int n)
    {
        var builders = new Func<Tensor, Tensor, Tensor>[]
        {
            (a, b) => a + b, (a, b) => a * 2.5, (a, b) => 1.0 - b, (a, b) => tf.exp(a), (a, b) => tf.sigmoid(a),
            (a, b) => tf.nn.relu(a), (a, b) => tf.tanh(b), (a, b) => tf.maximum(a, b), (a, b) => tf.reduce_sum(a * b),
            (a, b) => a - b, (a, b) => a / b, (a, b) => tf.minimum(a, b), (a, b) => tf.abs(a), (a, b) => tf.sign(b),
            (a, b) => tf.square(a), (a, b) => tf.sqrt(tf.abs(a)), (a, b) => -a,
        };
        foreach (DType dtype in new[] { DType.Float32, DType.Float64 })
        {
            var g = new Graph();
            using var _ = g.as_default();
            var rng = new System.Random(n);
            Tensor x = tf.placeholder(dtype, new Shape(n)), z = tf.placeholder(dtype, new Shape(n));
            NDArray xv = OpCase.Sample([n], Domain.Any, rng, dtype), zv = OpCase.Sample([n], Domain.Any, rng, dtype);
            using var session = tf.Session(g);
            foreach (var build in builders)
            {
                Tensor y = build(x, z);
                NDArray actual = session.run(y, (x, xv), (z, zv));
                NDArray[] opInputs = y.Op.Inputs.Select(t => t == x ? xv : t == z ? zv : session.run(t, (x, xv), (z, zv))).ToArray();
                NDArray expected = ReferenceKernels.Evaluate(y.Op, opInputs);
                Assert.True(expected.AllClose(actual, rtol: 2e-6, atol: 1e-6), $"{y.Op.Type} length {n} {dtype}: {actual} vs {expected}");
            }
        }
    }

    private static Tensor[] Placeholders(OpCase c, DType dtype) =>
        c.Shapes.Select((s, i) => tf.placeholder(dtype, new Shape(c.Declared?[i] ?? s), $"x{i}")).ToArray();
}
