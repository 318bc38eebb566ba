namespace TfLessons.Tests.Ops;

/// <summary>The C2W3 TF1 tutorial's sigmoid cost cells, digit for digit (COURSE.md, week 3).</summary>
public class SigmoidCrossEntropyTests
{
    private static NDArray Cost(NDArray logitsValue)
    {
        tf.reset_default_graph();
        var logits = tf.placeholder(tf.float32, name: "z");
        var labels = tf.placeholder(tf.float32, name: "y");
        var cost = tf.nn.sigmoid_cross_entropy_with_logits(logits: logits, labels: labels);
        using var s = tf.Session();
        return s.run(cost, (logits, logitsValue), (labels, np.array(0f, 0, 1, 1)));
    }

    [Fact]
    public void Raw_logits_print_the_v3b_notebook_values()
    {
        // float32 steps as TensorFlow's graph: max(x, 0) - x*z + log1p(exp(-|x|)); log(1 + e) would print 0.79813892 first.
        NDArray cost = Cost(np.array(0.2f, 0.4f, 0.7f, 0.9f));
        Assert.Equal(new[] { 0.79813886f, 0.91301525f, 0.40318605f, 0.34115386f }, cost.ToArray<float>());
        Assert.Equal(["0.79813886", "0.91301525", "0.40318605", "0.34115386"], EightDecimals(cost));
    }

    /// <summary>The notebooks' NumPy printed float32 arrays with eight decimals (precision=8).</summary>
    private static string[] EightDecimals(NDArray a) =>
        a.ToArray<float>().Select(v => ((double)v).ToString("F8", System.Globalization.CultureInfo.InvariantCulture)).ToArray();

    [Fact]
    public void Sigmoid_logits_print_the_v1_notebook_values()
    {
        // The v1 notebook feeds logits = sigmoid([0.2, 0.4, 0.7, 0.9]) computed by tf.sigmoid in float32.
        tf.reset_default_graph();
        var x = tf.placeholder(tf.float32, name: "x");
        NDArray sig;
        using (var s = tf.Session()) sig = s.run(tf.sigmoid(x), (x, np.astype(np.array(0.2, 0.4, 0.7, 0.9), tf.float32)));
        NDArray cost = Cost(sig);
        Assert.Equal(["1.00538719", "1.03664088", "0.41385433", "0.39956614"], EightDecimals(cost));
    }
}
