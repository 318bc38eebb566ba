using TfLessons.Course;
using TfLessons.IO;

namespace TfLessons.Cli;

/// <summary><c>tfl eval</c>: restores the tutorial's SIGNS classifier from models/ and prints its test
/// accuracy.</summary>
public static class EvalCommand
{
    public const string DefaultModel = "models/signs-tutorial";

    public static int Run(string? modelDir, TextWriter output)
    {
        string dir = modelDir ?? FindModel();
        string prefix = CheckpointCommands.ResolvePrefix(dir);
        SignsDataset data = SignsDataset.LoadShared();
        tf.reset_default_graph();
        var x = tf.placeholder(tf.float32, new Shape(12288, -1), "X");
        var y = tf.placeholder(tf.float32, new Shape(6, -1), "Y");
        var w1 = tf.get_variable("W1", (25, 12288));
        var b1 = tf.get_variable("b1", (25, 1));
        var w2 = tf.get_variable("W2", (12, 25));
        var b2 = tf.get_variable("b2", (12, 1));
        var w3 = tf.get_variable("W3", (6, 12));
        var b3 = tf.get_variable("b3", (6, 1));
        var z3 = tf.add(
            tf.matmul(w3, tf.nn.relu(tf.add(tf.matmul(w2, tf.nn.relu(tf.add(tf.matmul(w1, x), b1))), b2))),
            b3
        );
        var accuracy = tf.reduce_mean(tf.cast(tf.equal(tf.argmax(z3), tf.argmax(y)), tf.float32));
        using var session = tf.Session();
        tf.train.Saver().restore(session, prefix);
        double train = (float)
            session.run(
                accuracy,
                (x, np.wrap(data.Train.X, 12288, data.Train.Count)),
                (y, np.wrap(data.Train.Y, 6, data.Train.Count))
            );
        double test = (float)
            session.run(
                accuracy,
                (x, np.wrap(data.Test.X, 12288, data.Test.Count)),
                (y, np.wrap(data.Test.Y, 6, data.Test.Count))
            );
        output.WriteLine($"model {prefix}");
        output.WriteLine($"Train Accuracy: {train:0.######}");
        output.WriteLine($"Test Accuracy: {test:0.######}");
        return 0;
    }

    private static string FindModel()
    {
        for (DirectoryInfo? d = new(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            string candidate = Path.Combine(d.FullName, DefaultModel);
            if (Directory.Exists(candidate)) return candidate;
        }
        return DefaultModel;
    }
}
