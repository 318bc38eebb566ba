using TfLessons.IO;
using TfLessons.IO.Checkpoint;
using TfLessons.Train;

namespace TfLessons.Tests.IO.Graph;

/// <summary>The .meta files TensorFlow 1.0-1.14 wrote beside their checkpoints: import, restore, run, train.</summary>
public class FixtureGraphTests
{
    private static string Meta(string folder, string file = "model.ckpt.meta") => SharedData.Fixture(folder, file);

    private static string Prefix(string folder, string prefix = "model.ckpt") => SharedData.Fixture(folder, prefix);

    private static TfLessons.Graph Import(string folder, out Saver saver, string file = "model.ckpt.meta")
    {
        var g = new TfLessons.Graph();
        using (g.as_default())
            saver = tf.train.import_meta_graph(Meta(folder, file)) ?? throw new InvalidOperationException("no saver");
        return g;
    }

    [Fact]
    public void Tf12_restores_v1_v2_and_runs_the_initializers()
    {
        TfLessons.Graph g = Import("ckpt-tf1.2-saver-v1-v2", out Saver saver);
        Assert.Equal(["v1", "v2"], g.get_collection<Variable>(GraphKeys.GLOBAL_VARIABLES).Select(v => v.OpName));
        using Session s = tf.Session(g);
        saver.restore(s, Prefix("ckpt-tf1.2-saver-v1-v2"));
        using var reader = TfLessons.IO.Checkpoint.CheckpointReader.Open(Prefix("ckpt-tf1.2-saver-v1-v2"));
        foreach (Variable v in g.get_collection<Variable>(GraphKeys.GLOBAL_VARIABLES))
            Assert.Equal(
                CheckpointValues.FromCheckpoint(reader.ReadTensor(v.OpName)).ToArray<float>(),
                s.run(v).ToArray<float>()
            );
        // The file's own restore subgraph (RestoreV2 + Assign) gives the same values as the Saver.
        s.run(g.get_operation_by_name("init"));
        s.run(
            g.get_operation_by_name("save/restore_all"),
            (
                g.get_tensor_by_name("save/Const:0"),
                new NDArray(DType.String, [], new[] { Prefix("ckpt-tf1.2-saver-v1-v2") })
            )
        );
        Assert.Equal(
            CheckpointValues.FromCheckpoint(reader.ReadTensor("v2")).ToArray<float>(),
            s.run(g.get_tensor_by_name("v2/read:0")).ToArray<float>()
        );
    }

    [Fact]
    public void Tf10_default_names_linear_model_runs_forward_and_trains()
    {
        TfLessons.Graph g = Import("ckpt-tf1.0-saver-default-names", out Saver saver);
        using Session s = tf.Session(g);
        saver.restore(s, Prefix("ckpt-tf1.0-saver-default-names"));
        float w = s.run(g.get_tensor_by_name("Variable/read:0")).ToArray<float>()[0];
        float b = s.run(g.get_tensor_by_name("Variable_1/read:0")).ToArray<float>()[0];
        Assert.Equal(2.03543448f, w);
        Tensor x = g.get_tensor_by_name("Placeholder:0"),
            y = g.get_tensor_by_name("Placeholder_1:0");
        float[] xs = [1, 2, 3, 4],
            ys = [0, -1, -2, -3];
        Assert.Equal(
            xs.Select(v => w * v + b),
            s.run(g.get_tensor_by_name("add:0"), (x, np.array(xs))).ToArray<float>()
        );
        Tensor loss = g.get_tensor_by_name("Sum:0");
        var feeds = new (Tensor, NDArray)[] { (x, np.array(xs)), (y, np.array(ys)) };
        float before = (float)s.run(loss, feeds);
        Assert.Equal(xs.Zip(ys, (a, t) => (t - (w * a + b)) * (t - (w * a + b))).Sum(), before, 3);
        var train = Assert.Single(g.get_collection("train_op"));
        for (int i = 0; i < 5; i++) s.run((Operation)train, feeds);
        Assert.True((float)s.run(loss, feeds) < before / 2, "the loss falls under the file's own GradientDescent op");
    }

    [Fact]
    public void Tf111_titanic_softmax_matches_restored_weights_and_trains()
    {
        TfLessons.Graph g = Import("ckpt-tf1.11-saver-titanic", out Saver saver);
        using Session s = tf.Session(g);
        saver.restore(s, Prefix("ckpt-tf1.11-saver-titanic"));
        NDArray wv = s.run(g.get_tensor_by_name("weights/read:0")), bv = s.run(g.get_tensor_by_name("bias/read:0"));
        Assert.Equal([6, 2], wv.Dims);
        var rng = new System.Random(3);
        var x = np.zeros(new[] { 4, 6 }, DType.Float32);
        for (int i = 0; i < x.Size; i++) x.SetDouble(i, rng.NextDouble());
        var labels = np.zeros(new[] { 4, 2 }, DType.Float32);
        for (int i = 0; i < 4; i++) labels.SetDouble(i * 2 + i % 2, 1);
        NDArray softmax = s.run(g.get_tensor_by_name("Softmax:0"), (g.get_tensor_by_name("Placeholder:0"), x));
        for (int i = 0; i < 4; i++)
        {
            double[] z = Enumerable
                .Range(0, 2)
                .Select(j => Enumerable.Range(0, 6).Sum(k => x.GetDouble(i, k) * wv.GetDouble(k, j)) + bv.GetDouble(j))
                .ToArray();
            double m = z.Max(),
                e0 = Math.Exp(z[0] - m),
                e1 = Math.Exp(z[1] - m);
            Assert.Equal(e0 / (e0 + e1), softmax.GetDouble(i, 0), 5);
        }
        var feeds = new (Tensor, NDArray)[]
        {
            (g.get_tensor_by_name("Placeholder:0"), x),
            (g.get_tensor_by_name("Placeholder_1:0"), labels),
        };
        Tensor loss = g.get_tensor_by_name("Mean:0");
        float before = (float)s.run(loss, feeds);
        for (int i = 0; i < 50; i++) s.run((Operation)g.get_collection("train_op")[0], feeds);
        Assert.True((float)s.run(loss, feeds) < before, "the loss falls");
    }

    [Fact]
    public void Tf10_mnist_softmax_restores_784x10_and_trains()
    {
        TfLessons.Graph g = Import("ckpt-tf1.0-saver-mnist-softmax", out Saver saver);
        using Session s = tf.Session(g);
        saver.restore(s, Prefix("ckpt-tf1.0-saver-mnist-softmax"));
        NDArray wv = s.run(g.get_tensor_by_name("Variable/read:0")),
            bv = s.run(g.get_tensor_by_name("Variable_1/read:0"));
        Assert.Equal([784, 10], wv.Dims);
        var rng = new System.Random(5);
        var x = np.zeros(new[] { 3, 784 }, DType.Float32);
        for (int i = 0; i < x.Size; i++) x.SetDouble(i, rng.NextDouble());
        var labels = np.zeros(new[] { 3, 10 }, DType.Float32);
        for (int i = 0; i < 3; i++) labels.SetDouble(i * 10 + i, 1);
        Tensor xt = g.get_tensor_by_name("Placeholder:0"), yt = g.get_tensor_by_name("Placeholder_1:0");
        NDArray logits = s.run(g.get_tensor_by_name("add:0"), (xt, x));
        for (int j = 0; j < 10; j++)
            Assert.Equal(
                Enumerable.Range(0, 784).Sum(k => x.GetDouble(1, k) * wv.GetDouble(k, j)) + bv.GetDouble(j),
                logits.GetDouble(1, j),
                3
            );
        Tensor loss = g.get_tensor_by_name("Mean:0");
        var feeds = new (Tensor, NDArray)[] { (xt, x), (yt, labels) };
        float before = (float)s.run(loss, feeds);
        for (int i = 0; i < 10; i++) s.run((Operation)g.get_collection("train_op")[0], feeds);
        Assert.True((float)s.run(loss, feeds) < before, "the loss falls");
    }

    [Fact]
    public void Tf114_estimator_fails_with_one_error_listing_unsupported_ops()
    {
        var g = new TfLessons.Graph();
        using var _ = g.as_default();
        var e = Assert.Throws<NotSupportedException>(() =>
            tf.train.import_meta_graph(Meta("ckpt-tf1.14-estimator-adam", "model.ckpt-2000.meta"))
        );
        Assert.Contains("model.ckpt-2000.meta", e.Message);
        foreach (
            string op in new[] { "IteratorGetNext", "IteratorV2", "Switch", "Merge", "RefSwitch", "TensorDataset" }
        )
            Assert.Contains(op + " (node '", e.Message);
        Assert.Empty(g.Operations);
    }
}
