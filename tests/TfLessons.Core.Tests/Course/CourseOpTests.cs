using TfLessons.Course;
using TfLessons.IO.GraphDefs.Protos;
using TfLessons.Tests.IO.Graph;

namespace TfLessons.Tests.Course;

/// <summary>
/// The course's update ops, registered from the course assembly: forward against a reference written here from the
/// notebooks' formulas (float64 loops), float32 and float64; no gradient flows through them; shapes are checked.
/// </summary>
public class CourseOpTests
{
    private static readonly int[] Dims = [3, 4];

    private static NDArray Sample(System.Random rng, DType dtype, bool positive = false)
    {
        double[] values = Enumerable.Range(0, 12)
            .Select(_ => positive ? 0.1 + rng.NextDouble() : rng.NextDouble() * 4 - 2).ToArray();
        return np.astype(np.array(values).reshape(Dims), dtype);
    }

    private static double[] D(NDArray a) => a.ToDoubleArray();

    [Theory]
    [InlineData(DType.Float32)]
    [InlineData(DType.Float64)]
    public void Momentum_matches_the_course_formula(DType dtype)
    {
        var rng = new System.Random(7);
        NDArray w0 = Sample(rng, dtype), v0 = Sample(rng, dtype), g0 = Sample(rng, dtype);
        var g = new Graph();
        using var _ = g.as_default();
        Variable w = tf.Variable(w0, name: "w"), v = tf.Variable(v0, name: "v");
        Tensor grad = tf.placeholder(dtype, new Shape(Dims), "grad");
        Tensor lr = tf.constant(np.array(0.05), dtype), beta = tf.constant(np.array(0.9), dtype);
        Tensor step = CourseOps.ApplyCourseMomentum(w.Ref, v.Ref, lr, beta, grad);
        Assert.Equal("ApplyCourseMomentum", step.Op.Type);
        using var session = tf.Session(g);
        session.run(tf.global_variables_initializer());
        NDArray output = session.run(step, (grad, g0));
        double[] ew = D(w0), ev = D(v0), eg = D(g0);
        for (int i = 0; i < ew.Length; i++)
        {
            ev[i] = 0.9 * ev[i] + (1 - 0.9) * eg[i];
            ew[i] -= 0.05 * ev[i];
        }
        double tol = dtype == DType.Float32 ? 2e-6 : 1e-15;
        AssertClose(ew, session.run(w), tol, "var");
        AssertClose(ev, session.run(v), tol, "velocity");
        AssertClose(ew, output, tol, "output (the updated variable)");
        Assert.Null(tf.gradients(tf.reduce_sum(step), [grad])[0]);
    }

    [Theory]
    [InlineData(DType.Float32)]
    [InlineData(DType.Float64)]
    public void Adam_matches_the_course_formula(DType dtype)
    {
        var rng = new System.Random(11);
        NDArray w0 = Sample(rng, dtype), m0 = Sample(rng, dtype), s0 = Sample(rng, dtype, positive: true);
        NDArray g0 = Sample(rng, dtype);
        var g = new Graph();
        using var _ = g.as_default();
        Variable w = tf.Variable(w0, name: "w"), m = tf.Variable(m0, name: "m"), s = tf.Variable(s0, name: "s");
        Tensor grad = tf.placeholder(dtype, new Shape(Dims), "grad");
        Tensor Scalar(double x) => tf.constant(np.array(x), dtype);
        Tensor step = CourseOps.ApplyCourseAdam(
            w.Ref, m.Ref, s.Ref, Scalar(3), Scalar(0.01), Scalar(0.9), Scalar(0.999), Scalar(1e-8), grad);
        using var session = tf.Session(g);
        session.run(tf.global_variables_initializer());
        session.run(step, (grad, g0));
        double[] ew = D(w0), em = D(m0), es = D(s0), eg = D(g0);
        for (int i = 0; i < ew.Length; i++)
        {
            em[i] = 0.9 * em[i] + 0.1 * eg[i];
            es[i] = 0.999 * es[i] + 0.001 * eg[i] * eg[i];
            ew[i] -= 0.01 * (em[i] / (1 - Math.Pow(0.9, 3))) / (Math.Sqrt(es[i] / (1 - Math.Pow(0.999, 3))) + 1e-8);
        }
        double tol = dtype == DType.Float32 ? 2e-5 : 1e-13;
        AssertClose(ew, session.run(w), tol, "var");
        AssertClose(em, session.run(m), tol, "first moment");
        AssertClose(es, session.run(s), tol, "second moment");
        Assert.Null(tf.gradients(tf.reduce_sum(step), [grad])[0]);
    }

    [Fact]
    public void Shapes_dtypes_and_initialization_are_checked_with_clear_errors()
    {
        var g = new Graph();
        using var _ = g.as_default();
        Variable w = tf.Variable(np.zeros((3, 4)), name: "w"), v = tf.Variable(np.zeros((3, 4)), name: "v");
        Tensor lr = tf.constant(np.array(0.1)), beta = tf.constant(np.array(0.9));
        Tensor zeros = tf.constant(np.zeros((3, 4)));
        var shape = Assert.Throws<ArgumentException>(
            () => CourseOps.ApplyCourseMomentum(w.Ref, v.Ref, lr, beta, tf.constant(np.zeros((4, 3)))));
        Assert.Contains("var and grad do not have the same shape [3,4] [4,3]", shape.Message);
        Assert.Contains("op: 'ApplyCourseMomentum'", shape.Message);
        var notRef = Assert.Throws<ArgumentException>(() => CourseOps.ApplyCourseMomentum(w, v.Ref, lr, beta, zeros));
        Assert.Contains("input 0 must be a variable's reference", notRef.Message);
        var dtype = Assert.Throws<ArgumentException>(
            () => CourseOps.ApplyCourseMomentum(w.Ref, v.Ref, tf.constant(np.array(0.1f)), beta, zeros));
        Assert.Contains("float32", dtype.Message);
        Tensor step = CourseOps.ApplyCourseMomentum(w.Ref, v.Ref, lr, beta, zeros, "step");
        using var session = tf.Session(g);
        var uninitialized = Assert.ThrowsAny<OpError>(() => session.run(step));
        Assert.Contains("uninitialized value w", uninitialized.Message);
    }

    [Fact]
    public void A_graph_with_a_course_optimizer_exports_imports_and_trains_bit_for_bit()
    {
        static double[] Train(TfLessons.Graph g)
        {
            using Session s = tf.Session(g);
            s.run(tf.variables_initializer(g.get_collection<Variable>(GraphKeys.GLOBAL_VARIABLES)));
            var train = (Operation)Assert.Single(g.get_collection("train_op"));
            for (int i = 0; i < 3; i++) s.run(train);
            return s.run(g.get_tensor_by_name("w:0")).ToDoubleArray();
        }
        var g = new TfLessons.Graph();
        using (g.as_default())
        {
            Variable w = tf.Variable(np.array(new[] { 1.0, -2.0, 0.5 }), name: "w");
            g.add_to_collection("train_op", new CourseAdamOptimizer(0.1).minimize(tf.reduce_sum(tf.square(w))));
        }
        Assert.Contains(g.Operations, op => op.Type == "ApplyCourseAdam");
        MetaGraphDef meta = tf.train.export_meta_graph(graph: g);
        var h = new TfLessons.Graph();
        using (h.as_default()) tf.train.import_meta_graph(MetaGraphDef.Parser.ParseFrom(meta.ToByteArrayForTest()));
        Assert.Contains(h.Operations, op => op.Type == "ApplyCourseAdam");
        double[] trained = Train(g);
        Assert.NotEqual([1.0, -2.0, 0.5], trained);
        Assert.Equal(trained, Train(h));
    }

    private static void AssertClose(double[] expected, NDArray actual, double tol, string what)
    {
        double[] a = actual.ToDoubleArray();
        Assert.Equal(expected.Length, a.Length);
        for (int i = 0; i < a.Length; i++)
        {
            Assert.True(Math.Abs(a[i] - expected[i]) <= tol * Math.Max(1, Math.Abs(expected[i])),
                $"{what}[{i}]: {a[i]} vs reference {expected[i]}");
        }
    }
}
