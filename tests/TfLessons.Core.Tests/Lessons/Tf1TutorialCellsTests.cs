namespace TfLessons.Tests.Lessons;

/// <summary>
/// The TF1 "TensorFlow Tutorial" notebook's cells, ported with spelling changes only (COURSE.md, week 3), each checked
/// against what the notebook prints.
/// </summary>
public class Tf1TutorialCellsTests
{
    public Tf1TutorialCellsTests()
    {
        tf.reset_default_graph();
        np.random.seed(1);
    }

    [Fact]
    public void The_first_loss_is_9()
    {
        var y_hat = tf.constant(36, name: "y_hat");            // Define y_hat constant. Set to 36.
        var y = tf.constant(39, name: "y");                    // Define y. Set to 39
        var loss = tf.Variable(tf.pow(y - y_hat, 2), name: "loss"); // (y - y_hat)**2
        var init = tf.global_variables_initializer();
        using (var session = tf.Session())
        {
            session.run(init);
            Assert.Equal("9", session.run(loss).ToString());
        }
    }

    [Fact]
    public void A_tensor_prints_before_the_session_and_its_value_after()
    {
        var a = tf.constant(2);
        var b = tf.constant(10);
        var c = tf.multiply(a, b);
        Assert.Equal("Tensor(\"Mul:0\", shape=(), dtype=int32)", c.ToString());
        var sess = tf.Session();
        Assert.Equal("20", sess.run(c).ToString());

        var x = tf.placeholder(tf.int64, name: "x");
        Assert.Equal("6", sess.run(2 * x, (x, 3)).ToString());  // feed_dict = {x: 3}
        sess.close();
    }

    [Fact]
    public void Linear_function_prints_the_published_matrix()
    {
        var X = tf.constant(np.random.randn(3, 1), name: "X");
        var W = tf.constant(np.random.randn(4, 3), name: "W");
        var b = tf.constant(np.random.randn(4, 1), name: "b");
        var Y = tf.add(tf.matmul(W, X), b);
        var sess = tf.Session();
        var result = sess.run(Y);
        sess.close();
        Assert.Equal("[[-2.15657382]\n [ 2.95891446]\n [-1.08926781]\n [-0.84538042]]", result.ToString());
    }

    private static NDArray Sigmoid(NDArray z)
    {
        var x = tf.placeholder(tf.float32, name: "x");
        var sigmoid = tf.sigmoid(x);
        using var sess = tf.Session();
        return sess.run(sigmoid, (x, z));
    }

    [Fact]
    public void Sigmoid_of_0_and_12()
    {
        Assert.Equal("0.5", Sigmoid(0).ToString());
        NDArray s12 = Sigmoid(12);
        // The TF1 notebook printed 0.999994 (six digits); float32 1 / (1 + exp(-12)) is 0.9999938, one ulp under the
        // correctly rounded 0.9999939 that TF2's later notebook asserts.
        Assert.Equal(0.999994, Math.Round((double)(float)s12, 6));
    }

    private static NDArray Cost(NDArray logits, NDArray labels)
    {
        var z = tf.placeholder(tf.float32, name: "z");
        var y = tf.placeholder(tf.float32, name: "y");
        var cost = tf.nn.sigmoid_cross_entropy_with_logits(logits: z, labels: y);
        var sess = tf.Session();
        var c = sess.run(cost, (z, logits), (y, labels));
        sess.close();
        return c;
    }

    [Fact]
    public void Cost_prints_tensorflows_float32_digits_in_both_versions()
    {
        // v3b: raw logits.  v1: the test passes sigmoid(logits), a quirk of that notebook.
        NDArray v3b = Cost(np.array(new[] { 0.2, 0.4, 0.7, 0.9 }), np.array(new[] { 0.0, 0.0, 1.0, 1.0 }));
        Assert.Equal(new[] { 0.79813886f, 0.91301525f, 0.40318605f, 0.34115386f }, v3b.ToArray<float>());
        NDArray v1 = Cost(Sigmoid(np.array(new[] { 0.2, 0.4, 0.7, 0.9 })), np.array(new[] { 0.0, 0.0, 1.0, 1.0 }));
        Assert.Equal(new[] { 1.00538719f, 1.03664088f, 0.41385433f, 0.39956614f }, v1.ToArray<float>());
    }

    [Fact]
    public void One_hot_matrix_and_ones()
    {
        var labels = np.array(new[] { 1, 2, 3, 0, 2, 1 });
        var C = tf.constant(4, name: "C");
        var one_hot_matrix = tf.one_hot(labels, C, axis: 0);
        var sess = tf.Session();
        var one_hot = sess.run(one_hot_matrix);
        Assert.Equal(
            "[[0. 0. 0. 1. 0. 0.]\n [1. 0. 0. 0. 0. 1.]\n [0. 1. 0. 0. 1. 0.]\n [0. 0. 1. 0. 0. 0.]]",
            one_hot.ToString()
        );
        var ones = tf.ones(new[] { 3 });
        Assert.Equal("[1. 1. 1.]", sess.run(ones).ToString());
        sess.close();
    }

    [Fact]
    public void Placeholders_parameters_forward_propagation_and_cost_print_as_in_the_notebook()
    {
        var X = tf.placeholder(tf.float32, (12288, -1), name: "X");   // [n_x, None]
        var Y = tf.placeholder(tf.float32, (6, -1), name: "Y");
        Assert.Equal("Tensor(\"X:0\", shape=(12288, ?), dtype=float32)", X.ToString());
        Assert.Equal("Tensor(\"Y:0\", shape=(6, ?), dtype=float32)", Y.ToString());

        tf.set_random_seed(1);
        var W1 = tf.get_variable("W1", new[] { 25, 12288 }, initializer: tf.contrib.layers.xavier_initializer(seed: 1));
        var b1 = tf.get_variable("b1", new[] { 25, 1 }, initializer: tf.zeros_initializer());
        var W2 = tf.get_variable("W2", new[] { 12, 25 }, initializer: tf.contrib.layers.xavier_initializer(seed: 1));
        var b2 = tf.get_variable("b2", new[] { 12, 1 }, initializer: tf.zeros_initializer());
        var W3 = tf.get_variable("W3", new[] { 6, 12 }, initializer: tf.contrib.layers.xavier_initializer(seed: 1));
        var b3 = tf.get_variable("b3", new[] { 6, 1 }, initializer: tf.zeros_initializer());
        Assert.Equal("<tf.Variable 'W1:0' shape=(25, 12288) dtype=float32_ref>", W1.ToString());
        Assert.Equal("<tf.Variable 'b2:0' shape=(12, 1) dtype=float32_ref>", b2.ToString());

        var Z1 = tf.add(tf.matmul(W1, X), b1);
        var A1 = tf.nn.relu(Z1);
        var Z2 = tf.add(tf.matmul(W2, A1), b2);
        var A2 = tf.nn.relu(Z2);
        var Z3 = tf.add(tf.matmul(W3, A2), b3);
        Assert.Equal("Tensor(\"Add_2:0\", shape=(6, ?), dtype=float32)", Z3.ToString());

        var logits = tf.transpose(Z3);
        var labels = tf.transpose(Y);
        var cost = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits(logits: logits, labels: labels));
        Assert.Equal("Tensor(\"Mean:0\", shape=(), dtype=float32)", cost.ToString());
    }
}
