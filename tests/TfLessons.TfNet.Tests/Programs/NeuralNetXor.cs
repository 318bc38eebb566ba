using Tensorflow;
using Tensorflow.NumPy;
using static Tensorflow.Binding;

namespace TfNetPrograms;

/// <summary>A two-layer net learning XOR, with seeded truncated-normal weights and an int32 global step.</summary>
public static class NeuralNetXor
{
    public static float Run(int num_steps = 10000)
    {
        var graph = tf.Graph().as_default();
        var features = tf.placeholder(tf.float32, new TensorShape(4, 2));
        var labels = tf.placeholder(tf.int32, new TensorShape(4));
        var (train_op, loss, gs) = make_graph(features, labels);
        var init = tf.global_variables_initializer();

        NDArray data = new float[,] { { 1, 0 }, { 1, 1 }, { 0, 0 }, { 0, 1 } };
        var y_ = np.array(new int[] { 1, 0, 0, 1 });
        float loss_value = 0;
        using (var sess = tf.Session(graph))
        {
            sess.run(init);
            var step = 0;
            while (step < num_steps)
            {
                (_, step, loss_value) = sess.run((train_op, gs, loss), (features, data), (labels, y_));
                if (step == 1 || step % 1000 == 0) Console.WriteLine($"Step {step} loss: {loss_value}");
            }
            Console.WriteLine($"Final loss: {loss_value}");
        }
        graph.Dispose();
        return loss_value;
    }

    private static (Operation, Tensor, Tensor) make_graph(Tensor features, Tensor labels, int num_hidden = 8)
    {
        var stddev = 1 / Math.Sqrt(2);
        var hidden_weights = tf.Variable(
            tf.truncated_normal(new int[] { 2, num_hidden }, seed: 1, stddev: (float)stddev)
        );
        var hidden_activations = tf.nn.relu(tf.matmul(features, hidden_weights));
        var output_weights = tf.Variable(
            tf.truncated_normal(new[] { num_hidden, 1 }, seed: 17, stddev: (float)(1 / Math.Sqrt(num_hidden)))
        );
        var logits = tf.matmul(hidden_activations, output_weights);
        var predictions = tf.tanh(tf.squeeze(logits));
        var loss = tf.reduce_mean(tf.square(predictions - tf.cast(labels, tf.float32)), name: "loss");
        var gs = tf.Variable(0, trainable: false, name: "global_step");
        var optimizer = tf.train.GradientDescentOptimizer(0.2f);
        var train_op = optimizer.minimize(loss, global_step: gs);
        return (train_op, loss, gs);
    }
}
