using System.Diagnostics;
using Tensorflow;
using Tensorflow.NumPy;
using static Tensorflow.Binding;

namespace TfNetPrograms;

/// <summary>
/// A one-hidden-layer classifier trained on the MNIST loader's splits, written as TensorFlow.NET's MNIST examples are:
/// MnistModelLoader, Datasets.Randomize and GetNextBatch, get_variable with initializers, Adam, tuple fetches.
/// </summary>
public static class MnistSoftmaxNet
{
    public static (float TestLoss, float TestAccuracy) Run(string dataDir, int trainSize, int epochs, int hidden = 64)
    {
        var mnist = MnistModelLoader
            .LoadAsync(dataDir, oneHot: true, trainSize: trainSize, validationSize: trainSize / 10, testSize: 1000)
            .Result;
        tf.compat.v1.disable_eager_execution();
        var graph = new Graph().as_default();
        var x = tf.placeholder(tf.float32, shape: (-1, 784), name: "X");
        var y = tf.placeholder(tf.float32, shape: (-1, 10), name: "Y");
        var fc1 = tf.nn.relu(Layer(x, hidden, "FC1"));
        var logits = Layer(fc1, 10, "OUT");
        var loss = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits(labels: y, logits: logits), name: "loss");
        var optimizer = tf.train.AdamOptimizer(learning_rate: 0.001f).minimize(loss);
        var correct = tf.equal(tf.argmax(logits, 1), tf.argmax(y, 1));
        var accuracy = tf.reduce_mean(tf.cast(correct, tf.float32), name: "accuracy");

        using var sess = tf.Session();
        sess.run(tf.global_variables_initializer());
        int batch_size = 100;
        var sw = Stopwatch.StartNew();
        foreach (var epoch in range(epochs))
        {
            var (x_train, y_train) = mnist.Randomize(mnist.Train.Data, mnist.Train.Labels);
            foreach (var iteration in range(mnist.Train.NumOfExamples / batch_size))
            {
                var (x_batch, y_batch) = mnist.GetNextBatch(
                    x_train,
                    y_train,
                    iteration * batch_size,
                    (iteration + 1) * batch_size
                );
                sess.run(optimizer, (x, x_batch), (y, y_batch));
            }
            (float loss_val, float accuracy_val) = sess.run(
                (loss, accuracy),
                (x, mnist.Validation.Data),
                (y, mnist.Validation.Labels)
            );
            print($"Epoch: {epoch + 1}, validation loss: {loss_val:0.0000}, validation accuracy: {accuracy_val:P}");
        }
        (float test_loss, float test_accuracy) = sess.run(
            (loss, accuracy),
            (x, mnist.Test.Data),
            (y, mnist.Test.Labels)
        );
        print($"Test loss: {test_loss:0.0000}, test accuracy: {test_accuracy:P} ({sw.ElapsedMilliseconds} ms)");
        return (test_loss, test_accuracy);
    }

    private static Tensor Layer(Tensor x, int num_units, string name)
    {
        var W = tf.get_variable("W_" + name, dtype: tf.float32, shape: (x.shape[1], num_units),
            initializer: tf.truncated_normal_initializer(stddev: 0.01f));
        var b = tf.get_variable("b_" + name, dtype: tf.float32, initializer: tf.constant(0f, num_units));
        return tf.matmul(x, W) + b;
    }
}
