using TfLessons.Ops;

namespace TfLessons.Tests.Ops;

/// <summary>
/// An op defined in this assembly through the public registration API only (<see cref="CustomOps"/>): y = x^3 with
/// its gradient 3 x^2 dy, to show an op from outside Core is planned, run and differentiated like a built-in.
/// </summary>
public static class TestCube
{
    public const string Type = "TestCube";

    static TestCube() => CustomOps.Register(new OpRegistration(Type, (op, s) => [s[0]], Kernel, Gradient));

    public static Tensor Build(Tensor x, string? name = null) =>
        CustomOps.Create(Type, [x], [x.dtype], name).Outputs[0];

    private static OpKernel Kernel(OpKernelContext ctx)
    {
        if (ctx.InputDType(0) != DType.Float64) throw ctx.Error($"float64 only, got {ctx.InputDType(0).Name()}");
        NDArray y = ctx.AllocateOutput(0);
        return values =>
        {
            ReadOnlySpan<double> x = values.Input(0).AsSpan<double>();
            Span<double> dst = y.AsSpan<double>();
            for (int i = 0; i < x.Length; i++) dst[i] = x[i] * x[i] * x[i];
            values.SetOutput(0, y);
        };
    }

    private static Tensor?[] Gradient(Operation op, Tensor?[] dy)
    {
        Tensor x = op.Inputs[0];
        return dy[0] is Tensor g ? [tf.multiply(tf.multiply(tf.square(x), 3.0), g)] : [null];
    }
}

public class CustomOpTests
{
    [Fact]
    public void A_registered_op_runs_forward_and_backward_through_a_session()
    {
        var g = new Graph();
        using var _ = g.as_default();
        Tensor x = tf.placeholder(DType.Float64, new Shape(2, 3), "x");
        Tensor y = TestCube.Build(x, "cube");
        Assert.Equal("TestCube", y.Op.Type);
        Assert.Equal(new Shape(2, 3), y.shape);
        Tensor loss = tf.reduce_sum(y * tf.constant(np.array(new[,] { { 1.0, -2.0, 0.5 }, { 3.0, 1.5, -1.0 } })));
        Tensor dx = tf.gradients(loss, [x])[0]!;
        double[] xs = [0.3, -1.2, 2.0, 0.7, -0.4, 1.1];
        NDArray feed = np.array(xs).reshape(2, 3);
        using var session = tf.Session(g);
        NDArray[] result = session.run([y, dx], (x, feed));
        double[] weights = [1.0, -2.0, 0.5, 3.0, 1.5, -1.0];
        for (int i = 0; i < xs.Length; i++)
        {
            Assert.Equal(xs[i] * xs[i] * xs[i], result[0].GetDouble(i / 3, i % 3));
            double plus = xs[i] + 1e-5, minus = xs[i] - 1e-5;
            double numeric = (plus * plus * plus - minus * minus * minus) / 2e-5 * weights[i];
            double analytic = result[1].GetDouble(i / 3, i % 3);
            Assert.True(Math.Abs(analytic - numeric) <= 1e-8 * Math.Max(1, Math.Abs(numeric)), $"d loss / dx[{i}]");
        }
    }

    [Fact]
    public void The_kernel_factory_rejects_a_dtype_with_an_error_naming_the_op()
    {
        var g = new Graph();
        using var _ = g.as_default();
        Tensor x = tf.placeholder(DType.Float32, new Shape(2), "x");
        Tensor y = TestCube.Build(x, "cube32");
        using var session = tf.Session(g);
        Exception e = Assert.ThrowsAny<Exception>(() => session.run(y, (x, np.array(1f, 2f))));
        Assert.Contains("TestCube 'cube32'", e.Message);
        Assert.Contains("float64 only", e.Message);
    }

    [Fact]
    public void A_type_is_registered_once_and_unknown_types_are_named()
    {
        TestCube.Build(tf.constant(np.array(1.0)));
        Assert.True(CustomOps.IsRegistered(TestCube.Type));
        var duplicate = Assert.Throws<InvalidOperationException>(() =>
            CustomOps.Register(new OpRegistration(TestCube.Type, (op, s) => [s[0]], _ => _ => { }, null)));
        Assert.Contains("TestCube is already registered", duplicate.Message);
        Assert.Throws<InvalidOperationException>(() =>
            CustomOps.Register(new OpRegistration("MatMul", (op, s) => [s[0]], _ => _ => { }, null)));
        var unknown = Assert.Throws<KeyError>(() => CustomOps.Create("NoSuchOp", [], [DType.Float64]));
        Assert.Contains("NoSuchOp", unknown.Message);
        Assert.Throws<ArgumentException>(() =>
            CustomOps.Register(new OpRegistration("TestBoth", (op, s) => [s[0]], _ => _ => { }, (op, dy) => [null])
            {
                NotDifferentiable = true,
            }));
    }
}
