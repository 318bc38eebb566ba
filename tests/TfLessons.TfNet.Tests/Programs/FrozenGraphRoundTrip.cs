using Tensorflow;
using Tensorflow.NumPy;
using static Tensorflow.Binding;

namespace TfNetPrograms;

/// <summary>
/// TensorFlow.NET's logistic-regression SaveModel and Predict: save a checkpoint, write the graph as text, freeze it,
/// import the frozen .pb into a new graph and predict with it.
/// </summary>
public static class FrozenGraphRoundTrip
{
    public static (NDArray Before, NDArray After, string[] FrozenOpTypes) Run(string dir, NDArray batch)
    {
        var x = tf.placeholder(tf.float32, new TensorShape(-1, 4));
        var W = tf.Variable(tf.random_normal(new Shape(4, 3), seed: 7));
        var b = tf.Variable(tf.zeros(new Shape(3)));
        var pred = tf.nn.softmax(tf.matmul(x, W) + b);
        NDArray before;
        using (var sess = tf.Session())
        {
            sess.run(tf.global_variables_initializer());
            before = sess.run(pred, (x, batch));
            var saver = tf.train.Saver();
            saver.save(sess, Path.Combine(dir, "model.ckpt"));
            tf.train.write_graph(sess.graph, dir, "model.pbtxt", as_text: true);
        }
        FreezeGraph.freeze_graph(
            input_graph: Path.Combine(dir, "model.pbtxt"),
            input_saver: "",
            input_binary: false,
            input_checkpoint: Path.Combine(dir, "model.ckpt"),
            output_node_names: "Softmax",
            restore_op_name: "save/restore_all",
            filename_tensor_name: "save/Const:0",
            output_graph: Path.Combine(dir, "model.pb"),
            clear_devices: true,
            initializer_nodes: ""
        );

        var graph = new Graph().as_default();
        using var predictSession = tf.Session(graph);
        graph.Import(Path.Combine(dir, "model.pb"));
        var output = graph.OperationByName("Softmax").outputs[0];
        var input = graph.OperationByName("Placeholder").outputs[0];
        NDArray after = predictSession.run(output, new FeedItem(input, batch));
        return (before, after, graph.get_operations().Select(o => o.type).ToArray());
    }
}
