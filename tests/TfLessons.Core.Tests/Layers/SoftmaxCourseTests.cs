namespace TfLessons.Tests.Layers;

/// <summary>The course's week 3 examples.</summary>
public class SoftmaxCourseTests
{
    [Fact]
    public void Softmax_of_the_lecture_vector()
    {
        tf.reset_default_graph();
        // The lecture's numbers are NumPy float64 printed to 8 digits (float32 rounds the last one to ...805).
        var z = tf.constant(np.array(new double[] { 1, 0.5, -2, 1, 3 }));
        using var s = tf.Session();
        Assert.Equal("[0.09954831 0.0603791  0.00495622 0.09954831 0.73556806]", s.run(tf.nn.softmax(z)).ToString());
    }

    [Fact]
    public void One_hot_matrix_of_the_tutorial()
    {
        tf.reset_default_graph();
        var labels = tf.constant(np.array(1L, 2, 3, 0, 2, 1));
        using var s = tf.Session();
        NDArray m = s.run(tf.one_hot(labels, 4, axis: 0));
        Assert.Equal(
            np.array(
                new float[,]
                {
                    { 0, 0, 0, 1, 0, 0 },
                    { 1, 0, 0, 0, 0, 1 },
                    { 0, 1, 0, 0, 1, 0 },
                    { 0, 0, 1, 0, 0, 0 },
                }
            ),
            m
        );
    }

    [Fact]
    public void Sigmoid_cost_examples_of_the_tutorial()
    {
        tf.reset_default_graph();
        var logits = tf.placeholder(tf.float32, name: "z");
        var labels = tf.placeholder(tf.float32, name: "y");
        var cost = tf.nn.sigmoid_cross_entropy_with_logits(labels, logits);
        using var s = tf.Session();
        NDArray v3b = s.run(cost, (logits, np.array(0.2f, 0.4f, 0.7f, 0.9f)), (labels, np.array(0f, 0, 1, 1)));
        Assert.True(np.array(0.79813886f, 0.91301525f, 0.40318605f, 0.34115386f).AllClose(v3b, 1e-6));
        var sig = new[] { 0.2, 0.4, 0.7, 0.9 }.Select(v => (float)(1 / (1 + Math.Exp(-v)))).ToArray();
        NDArray v1 = s.run(cost, (logits, np.array(sig)), (labels, np.array(0f, 0, 1, 1)));
        Assert.True(np.array(1.00538719f, 1.03664088f, 0.41385433f, 0.39956614f).AllClose(v1, 1e-6));
    }

    [Fact]
    public void Sigmoid_of_zero_and_twelve()
    {
        tf.reset_default_graph();
        var x = tf.placeholder(tf.float32);
        using var s = tf.Session();
        Assert.Equal(0.5f, (float)s.run(tf.sigmoid(x), (x, np.array(0f))));
        Assert.Equal(0.9999939f, (float)s.run(tf.sigmoid(x), (x, np.array(12f))), 6);
    }

    [Fact]
    public void Sparse_and_dense_cross_entropy_agree_and_accuracy_counts_argmax()
    {
        tf.reset_default_graph();
        var logits = tf.constant(np.array(new double[,] { { 2, 1, 0 }, { 0, 3, 1 }, { 1, 1, 5 } }));
        var sparse = tf.nn.sparse_softmax_cross_entropy_with_logits(tf.constant(np.array(0L, 2, 2)), logits);
        var dense = tf.nn.softmax_cross_entropy_with_logits(
            tf.one_hot(tf.constant(np.array(0L, 2, 2)), 3, dtype: tf.float64),
            logits
        );
        var accuracy = tf.accuracy(tf.one_hot(tf.constant(np.array(0L, 2, 2)), 3, dtype: tf.float64), logits);
        using var s = tf.Session();
        Assert.Equal(s.run(dense).ToArray<double>(), s.run(sparse).ToArray<double>());
        Assert.Equal(2f / 3, (float)s.run(accuracy), 6);
        double expected0 = -Math.Log(Math.Exp(2) / (Math.Exp(2) + Math.Exp(1) + 1));
        Assert.Equal(expected0, s.run(dense).GetDouble(0), 12);
    }
}
