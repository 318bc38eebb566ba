using TfLessons.Ops;
using TfLessons.Runtime.Kernels;

namespace TfLessons.Tests.Runtime;

public class SessionTests
{
    private static Graph Fresh() { tf.reset_default_graph(); return tf.get_default_graph(); }

    [Fact]
    public void Unfed_placeholder_is_named()
    {
        Fresh();
        var x = tf.placeholder(tf.float32, shape: (3, 1), name: "coefficients");
        using var s = tf.Session();
        var e = Assert.Throws<InvalidArgumentError>(() => s.run(x * 2.0));
        Assert.Contains("You must feed a value for placeholder tensor 'coefficients'", e.Message);
        Assert.Contains("[3,1]", e.Message);
    }

    [Fact]
    public void Wrong_feed_shape_names_both_shapes()
    {
        Fresh();
        var x = tf.placeholder(tf.float32, shape: (3, 1));
        using var s = tf.Session();
        var e = Assert.Throws<InvalidArgumentError>(() => s.run(x * 2.0, (x, np.zeros((2, 2), np.float32))));
        Assert.Equal("Cannot feed value of shape (2, 2) for Tensor 'Placeholder:0', which has shape '(3, 1)'", e.Message);
    }

    [Fact]
    public void Feeds_are_converted_to_the_placeholder_dtype_as_tf1_does()
    {
        Fresh();
        var x = tf.placeholder(tf.float32, shape: new Shape(-1));
        var n = tf.placeholder(tf.int64, name: "n");
        var small = tf.placeholder(tf.int32, name: "small");
        using var s = tf.Session();
        // np.asarray(value, dtype=placeholder.dtype): float64 into float32 rounds, a C# int into int64 widens.
        Assert.Equal(new float[] { 2.2f, 4f }, s.run(x * 2.0, (x, np.array(1.1, 2.0))).ToArray<float>());
        Assert.Equal(6L, s.run(n * 2, (n, 3)).ToArray<long>()[0]);
        var e = Assert.Throws<ArgumentException>(() => s.run(small + 1, (small, 1L << 40)));
        Assert.Contains("Type of feed value 1099511627776 with type int is not compatible with Tensor type <dtype: 'int32'>", e.Message);
    }

    [Fact]
    public void Fed_and_fetched_is_rejected()
    {
        Fresh();
        var x = tf.placeholder(tf.float64, name: "x");
        using var s = tf.Session();
        var e = Assert.Throws<InvalidArgumentError>(() => s.run(x, (x, np.array(1.0))));
        Assert.Equal("x:0 is both fed and fetched.", e.Message);
    }

    [Fact]
    public void Fed_twice_is_rejected()
    {
        Fresh();
        var x = tf.placeholder(tf.float64, name: "x");
        using var s = tf.Session();
        var e = Assert.Throws<InvalidArgumentError>(() => s.run(x + 1.0, (x, np.array(1.0)), (x, np.array(2.0))));
        Assert.Contains("\"x:0\" fed more than once", e.Message);
    }

    [Fact]
    public void Uninitialized_variable_is_named()
    {
        Fresh();
        var w = tf.Variable(3.0, name: "weights");
        using var s = tf.Session();
        var e = Assert.Throws<FailedPreconditionError>(() => s.run(w * 2.0));
        Assert.Equal("Attempting to use uninitialized value weights", e.Message);
    }

    [Fact]
    public void Tensor_from_another_graph_is_rejected()
    {
        Fresh();
        var other = new Graph();
        Tensor foreign;
        using (other.as_default()) foreign = tf.constant(1.0);
        var local = tf.constant(2.0);
        var e = Assert.Throws<ArgumentException>(() => local + foreign);
        Assert.Contains("must be from the same graph", e.Message);
        using var s = tf.Session();
        Assert.Throws<InvalidArgumentError>(() => s.run(foreign));
    }

    [Fact]
    public void Shape_errors_read_like_tensorflow()
    {
        Fresh();
        var a = tf.placeholder(tf.float32, new Shape(-1, 3));
        var b = tf.placeholder(tf.float32, new Shape(4, 5));
        var e = Assert.Throws<ArgumentException>(() => tf.matmul(a, b));
        Assert.Equal("Dimensions must be equal, but are 3 and 4 for 'MatMul' (op: 'MatMul') with input shapes: [?,3], [4,5].", e.Message);
    }

    [Fact]
    public void Names_are_unique_like_tensorflow()
    {
        Fresh();
        var m1 = tf.multiply(tf.constant(2), tf.constant(10));
        var m2 = tf.multiply(tf.constant(2), tf.constant(10));
        Assert.Equal("Tensor(\"Mul:0\", shape=(), dtype=int32)", m1.ToString());
        Assert.Equal("Mul_1:0", m2.Name);
        using (tf.name_scope("layer"))
        {
            Assert.Equal("layer/Add:0", tf.add(m1, m2).Name);
        }
        Assert.Equal("layer_1/x:0", Scoped());
        var p = tf.placeholder(tf.float32, new Shape(12288, -1));
        Assert.Equal("Tensor(\"Placeholder:0\", shape=(12288, ?), dtype=float32)", p.ToString());

        static string Scoped()
        {
            using (tf.name_scope("layer")) return tf.placeholder(tf.float32, name: "x").Name;
        }
    }

    [Fact]
    public void Multiply_of_constants_runs()
    {
        Fresh();
        var m = tf.multiply(tf.constant(2), tf.constant(10));
        using var s = tf.Session();
        Assert.Equal(20, (int)s.run(m));
    }

    [Fact]
    public void Several_fetches_and_feed_dict()
    {
        Fresh();
        var x = tf.placeholder(tf.float64);
        var y = x * 2.0;
        var z = y + 1.0;
        using var s = tf.Session();
        var (a, b) = s.run((y, z), new FeedDict { { x, 3.0 } });
        Assert.Equal(6.0, (double)a);
        Assert.Equal(7.0, (double)b);
        NDArray[] all = s.run([y, z.Op], (x, np.array(1.0)));
        Assert.Equal(2.0, (double)all[0]);
        Assert.Same(NDArray.None, all[1]);
    }

    [Fact]
    public void Control_dependencies_and_group_run_their_inputs()
    {
        Fresh();
        var counter = tf.Variable(0.0, name: "counter");
        var step = counter.assign_add(tf.constant(1.0));
        Operation both;
        using (tf.control_dependencies(step)) both = tf.group(tf.constant(0.0).Op);
        using var s = tf.Session();
        s.run(tf.global_variables_initializer());
        s.run(both);
        s.run(both);
        Assert.Equal(2.0, (double)s.run(counter));
        Assert.Contains(counter, tf.global_variables());
        Assert.Contains(counter, tf.trainable_variables());
    }

    [Fact]
    public void Pruning_skips_unneeded_placeholders()
    {
        Fresh();
        var x = tf.placeholder(tf.float64);
        var unused = tf.placeholder(tf.float64);
        _ = unused * 3.0;
        using var s = tf.Session();
        Assert.Equal(4.0, (double)s.run(x * 2.0, (x, np.array(2.0))));
    }

    [Fact]
    public void Unknown_batch_dimension_runs_with_different_sizes()
    {
        Fresh();
        var x = tf.placeholder(tf.float64, new Shape(-1, 2));
        var b = tf.constant(np.array(new double[] { 1, 2 }));
        var y = tf.reduce_sum(x + b, 1);
        using var s = tf.Session();
        Assert.Equal(new[] { 3.0 + 3 }, s.run(y, (x, np.array(new double[,] { { 1, 2 } }))).ToArray<double>());
        Assert.Equal(new[] { 3.0, 7, 11 }, s.run(y, (x, np.array(new double[,] { { 0, 0 }, { 2, 2 }, { 4, 4 } }))).ToArray<double>());
    }

    [Fact]
    public void Missing_gradient_names_the_op()
    {
        Fresh();
        var x = tf.placeholder(tf.float64);
        var y = tf.cast(tf.argmax(tf.reshape(x, [1, -1]), 1), tf.float64);
        Assert.All(tf.gradients(y, [x]), g => Assert.Null(g));
        if (!OpRegistry.Types.Contains("TestNoGradient"))
            OpRegistry.Register(new OpDef("TestNoGradient", ShapeRules.Unchanged, _ => Kernel.Nothing, null));
        var opaque = Build.One("TestNoGradient", [x], DType.Float64, "opaque");
        var e = Assert.Throws<KeyError>(() => tf.gradients(opaque * 2.0, [x]));
        Assert.Contains("No gradient defined for operation 'opaque' (op type: TestNoGradient)", e.Message);
    }

    [Fact]
    public void Gradients_of_shared_use_are_aggregated()
    {
        Fresh();
        var x = tf.placeholder(tf.float64);
        var y = x * x * x;
        var g = tf.gradients(y, [x])[0]!;
        using var s = tf.Session();
        Assert.Equal(27.0, (double)s.run(g, (x, np.array(3.0))), 12);
        Assert.Null(tf.gradients(y, [tf.placeholder(tf.float64)])[0]);
        var stopped = tf.gradients(tf.stop_gradient(x) * x, [x])[0]!;
        Assert.Equal(3.0, (double)s.run(stopped, (x, np.array(3.0))));
    }
}
