using Tensorflow;
using Tensorflow.NumPy;
using static Tensorflow.Binding;

namespace TfNetPrograms;

/// <summary>The smaller TensorFlow.NET names real programs use: NumPyRandom, ConfigProto, OperationByName, feed
/// arrays.</summary>
public static class GraphApiDetails
{
    public static float Run()
    {
        NumPyRandom rng = np.random;
        rng.seed(1);
        NDArray noise = rng.randn(3);
        var config = new ConfigProto
        {
            IntraOpParallelismThreads = 1,
            InterOpParallelismThreads = 1,
            LogDevicePlacement = false,
        };
        var graph = tf.Graph().as_default();
        var x = tf.placeholder(tf.float32, new TensorShape(-1), name: "x");
        var w = tf.get_variable("w", new Shape(3), initializer: tf.truncated_normal_initializer(stddev: 0.1, seed: 1));
        var y = tf.reduce_sum(x * w, name: "y");
        var feeds = new[] { new FeedItem(x, noise) };
        using var sess = tf.Session(config);
        sess.run(tf.global_variables_initializer());
        Tensor fetched = graph.OperationByName("y");
        float value = sess.run(fetched, feeds);
        print($"y = {value}");
        if (float.IsNaN(value)) throw new ValueError("y is NaN");
        return value;
    }
}
