namespace TfLessons.Tests.Runtime;

/// <summary>Bad input and TensorFlow semantics found in review: each used to give a silent wrong result.</summary>
public class ReviewRegressionTests
{
    [Fact]
    public void Sparse_labels_outside_the_class_range_are_an_error()
    {
        tf.reset_default_graph();
        var logits = tf.constant(np.array(new double[,] { { 1, 2, 3 } }));
        var loss = tf.nn.sparse_softmax_cross_entropy_with_logits(tf.constant(np.array(3L)).Op.Outputs[0] is var l ? tf.reshape(l, [1]) : l, logits);
        using var s = tf.Session();
        var e = Assert.Throws<InvalidArgumentError>(() => s.run(loss));
        Assert.Contains("Received a label value of 3 which is outside the valid range of [0, 3)", e.Message);
    }

    [Fact]
    public void Integer_true_division_gives_floats_and_lossy_constants_are_rejected()
    {
        tf.reset_default_graph();
        var seven = tf.constant(7);
        using var s = tf.Session();
        NDArray half = s.run(seven / tf.constant(2));
        Assert.Equal(DType.Float64, half.DType);
        Assert.Equal(3.5, (double)half);
        Assert.Equal(-7, (int)s.run(-seven));
        Assert.Equal(49, (int)s.run(tf.square(seven)));
        var e = Assert.Throws<ArgumentException>(() => seven * 0.5);
        Assert.Contains("Cannot convert 0.5 to a tensor of dtype int32", e.Message);
    }

    [Fact]
    public void Constants_copy_the_callers_array()
    {
        tf.reset_default_graph();
        var values = np.array(1.0, 2.0);
        var c = tf.constant(values);
        values.AsSpan<double>()[0] = 100;
        using var s = tf.Session();
        Assert.Equal(1.0, s.run(c).GetDouble(0));
    }

    [Fact]
    public void Gradient_descent_checks_the_gradient_shape()
    {
        tf.reset_default_graph();
        var w = tf.Variable(np.zeros((1, 3)), name: "w");
        var e = Assert.Throws<ArgumentException>(() => tf.train.GradientDescentOptimizer(0.1).apply_gradients([(tf.constant(np.zeros((3, 1))), w)]));
        Assert.Contains("var and grad do not have the same shape [1,3] [3,1]", e.Message);
    }

    [Fact]
    public void Pow_gradient_with_respect_to_the_exponent_is_zero_where_the_base_is_not_positive()
    {
        tf.reset_default_graph();
        var x = tf.constant(np.array(0f, 2f));
        var y = tf.Variable(np.array(2f, 2f), name: "y");
        var g = tf.gradients(tf.reduce_sum(tf.pow(x, y)), [y])[0]!;
        using var s = tf.Session();
        s.run(tf.global_variables_initializer());
        float[] grad = s.run(g).ToArray<float>();
        Assert.Equal(0f, grad[0]);
        Assert.Equal(4 * MathF.Log(2), grad[1], 5);
    }

    [Fact]
    public void Gradients_with_respect_to_filled_tensors_and_clear_shape_messages()
    {
        tf.reset_default_graph();
        var z = tf.zeros((2, 2), tf.float64);
        var g = tf.gradients(tf.reduce_sum(tf.square(z + 1.0)), [z])[0]!;
        using var s = tf.Session();
        Assert.Equal(new[] { 2.0, 2, 2, 2 }, s.run(g).ToArray<double>());
        var e = Assert.Throws<ArgumentException>(() => tf.nn.sigmoid_cross_entropy_with_logits(tf.placeholder(tf.float32, new Shape(1, 5)), tf.placeholder(tf.float32, new Shape(5, 1))));
        Assert.Contains("Dimension 0 in both shapes must be equal, but are 1 and 5", e.Message);
    }

    [Fact]
    public void Saver_needs_variables_and_load_checks_the_graph()
    {
        tf.reset_default_graph();
        Assert.Throws<ArgumentException>(() => tf.train.Saver());
        var w = tf.Variable(np.array(1.0), name: "w");
        using var other = tf.Session(new Graph());
        var e = Assert.Throws<ArgumentException>(() => w.load(np.array(2.0), other));
        Assert.Contains("another graph", e.Message);
    }
}
