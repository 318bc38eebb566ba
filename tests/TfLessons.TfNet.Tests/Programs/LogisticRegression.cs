using Tensorflow;
using Tensorflow.NumPy;
using static Tensorflow.Binding;

namespace TfNetPrograms;

/// <summary>Softmax regression by mini-batch gradient descent, evaluated with <c>Tensor.eval</c>.</summary>
public static class LogisticRegression
{
    public static float Run(
        NDArray train_x,
        NDArray train_y,
        NDArray test_x,
        NDArray test_y,
        int training_epochs = 5,
        int batch_size = 100
    )
    {
        tf.compat.v1.disable_eager_execution();
        float learning_rate = 0.1f;
        var x = tf.placeholder(tf.float32, new TensorShape(-1, 784));
        var y = tf.placeholder(tf.float32, new TensorShape(-1, 10));
        var W = tf.Variable(tf.zeros(new Shape(784, 10)));
        var b = tf.Variable(tf.zeros(new Shape(10)));
        var pred = tf.nn.softmax(tf.matmul(x, W) + b);
        var cost = tf.reduce_mean(-tf.reduce_sum(y * tf.log(pred), reduction_indices: 1));
        var optimizer = tf.train.GradientDescentOptimizer(learning_rate).minimize(cost);
        var init = tf.global_variables_initializer();
        int total_batch = train_x.shape[0] / batch_size;

        using var sess = tf.Session();
        sess.run(init);
        foreach (var epoch in range(training_epochs))
        {
            var avg_cost = 0.0f;
            foreach (var i in range(total_batch))
            {
                var start = i * batch_size;
                var end = (i + 1) * batch_size;
                var batch_xs = train_x[$"{start}:{end}"];
                var batch_ys = train_y[$"{start}:{end}"];
                (_, float c) = sess.run((optimizer, cost), (x, batch_xs), (y, batch_ys));
                avg_cost += c / total_batch;
            }
            print($"Epoch: {epoch + 1:D4} Cost: {avg_cost:G9}");
        }
        print("Optimization Finished!");

        var correct_prediction = tf.equal(tf.argmax(pred, 1), tf.argmax(y, 1));
        var acc = tf.reduce_mean(tf.cast(correct_prediction, tf.float32));
        float accuracy = acc.eval(sess, (x, test_x), (y, test_y));
        print($"Accuracy: {accuracy:F4}");
        return accuracy;
    }
}
