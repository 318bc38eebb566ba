using Tensorflow;
using Tensorflow.NumPy;
using static Tensorflow.Binding;

namespace TfNetPrograms;

/// <summary>One hidden ReLU layer and a sigmoid output trained with Adam, built under variable scopes.</summary>
public static class HiddenLayerNet
{
    public static float Run(NDArray train_x, NDArray train_y, int steps = 2000, int hidden = 16)
    {
        tf.compat.v1.reset_default_graph();
        tf.set_random_seed(1);
        var x = tf.placeholder(tf.float32, new TensorShape(-1, 2), name: "x");
        var y = tf.placeholder(tf.float32, new TensorShape(-1, 1), name: "y");
        Tensor logits = null!;
        tf_with(tf.variable_scope("hidden"), _ =>
        {
            var w = tf.get_variable(
                "w",
                new Shape(2, hidden),
                initializer: tf.contrib.layers.xavier_initializer(seed: 1)
            );
            var b = tf.get_variable("b", new Shape(hidden), initializer: tf.zeros_initializer());
            logits = tf.nn.relu(tf.matmul(x, w) + b);
        });
        tf_with(tf.variable_scope("output"), _ =>
        {
            var w = tf.get_variable(
                "w",
                new Shape(hidden, 1),
                initializer: tf.contrib.layers.xavier_initializer(seed: 2)
            );
            var b = tf.get_variable("b", new Shape(1), initializer: tf.zeros_initializer());
            logits = tf.matmul(logits, w) + b;
        });
        var loss = tf.reduce_mean(tf.nn.sigmoid_cross_entropy_with_logits(labels: y, logits: logits));
        var train = tf.train.AdamOptimizer(0.01f).minimize(loss);
        var correct = tf.equal(tf.cast(logits > 0, tf.float32), y);
        var accuracy = tf.reduce_mean(tf.cast(correct, tf.float32));

        using var sess = tf.Session();
        sess.run(tf.global_variables_initializer());
        foreach (var step in range(1, steps + 1))
        {
            (_, float l) = sess.run((train, loss), (x, train_x), (y, train_y));
            if (step % 500 == 0) print($"step {step}: loss {l:F4}");
        }
        float acc = sess.run(accuracy, (x, train_x), (y, train_y));
        print($"train accuracy {acc:F4}");
        return acc;
    }
}
