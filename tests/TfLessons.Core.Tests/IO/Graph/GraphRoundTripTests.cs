using System.Diagnostics;
using TfLessons.IO.GraphDefs;
using TfLessons.IO.GraphDefs.Protos;
using TfLessons.Tests.Support;
using TfLessons.Train;

namespace TfLessons.Tests.IO.Graph;

/// <summary>A graph built here, exported and imported again, computes the same bits; the files decode with
/// protoc.</summary>
public class GraphRoundTripTests
{
    private static readonly NDArray X = np.array(
        new float[,]
        {
            { 0.5f, -1.25f, 2f },
            { 1.5f, 0.25f, -0.75f },
            { -2f, 1f, 0.125f },
            { 0.3f, 0.6f, 0.9f },
        }
    );
    private static readonly NDArray Y = np.array(
        new float[,]
        {
            { 1, 0 },
            { 0, 1 },
            { 1, 0 },
            { 0, 1 },
        }
    );

    /// <summary>A small softmax classifier with an Adam train op, the usual collections, and names TF would
    /// give.</summary>
    private static (TfLessons.Graph Graph, Operation Train) Build()
    {
        var g = new TfLessons.Graph();
        using var _ = g.as_default();
        tf.set_random_seed(1);
        Tensor x = tf.placeholder(tf.float32, shape: new Shape(-1, 3), name: "x");
        Tensor y = tf.placeholder(tf.float32, shape: new Shape(-1, 2), name: "y");
        Variable w = tf.Variable(tf.random_normal(new Shape(3, 2), seed: 2), name: "w");
        Variable b = tf.Variable(np.zeros(new[] { 2 }, DType.Float32), name: "b");
        Tensor logits = tf.add(tf.matmul(x, w), b, name: "logits");
        Tensor loss = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits(labels: y, logits: logits), name: "loss");
        Operation train = tf.train.AdamOptimizer(0.1).minimize(loss);
        g.add_to_collection("train_op", train);
        g.add_to_collection(GraphKeys.LOSSES, loss);
        return (g, train);
    }

    private static float[][] Run(TfLessons.Graph g, Operation train, Action<Session>? restore = null)
    {
        using Session s = tf.Session(g);
        if (restore is null)
            s.run(
                g.get_collection<Variable>(GraphKeys.GLOBAL_VARIABLES)
                    .Select(v => (ITensorOrOperation)v.Initializer)
                    .ToArray()
            );
        else
            restore(s);
        var feeds = new (Tensor, NDArray)[] { (g.get_tensor_by_name("x:0"), X), (g.get_tensor_by_name("y:0"), Y) };
        var results = new List<float[]>();
        for (int i = 0; i < 3; i++)
        {
            results.Add(s.run(g.get_tensor_by_name("loss:0"), feeds).ToArray<float>());
            s.run(train, feeds);
        }
        results.Add(s.run(g.get_tensor_by_name("w:0"), feeds).ToArray<float>());
        return results.ToArray();
    }

    [Fact]
    public void Exported_meta_graph_imports_and_trains_bit_for_bit()
    {
        var (g, train) = Build();
        float[][] expected = Run(g, train);
        MetaGraphDef meta = tf.train.export_meta_graph(graph: g);
        var h = new TfLessons.Graph();
        using (h.as_default())
            Assert.NotNull(tf.train.import_meta_graph(MetaGraphDef.Parser.ParseFrom(meta.ToByteArrayForTest())));
        Assert.Equal(
            g.get_collection<Variable>(GraphKeys.GLOBAL_VARIABLES).Select(v => v.OpName),
            h.get_collection<Variable>(GraphKeys.GLOBAL_VARIABLES).Select(v => v.OpName)
        );
        Assert.Equal(["w", "b"], h.get_collection<Variable>(GraphKeys.TRAINABLE_VARIABLES).Select(v => v.OpName));
        Assert.Equal("loss", Assert.Single(h.get_collection<Tensor>(GraphKeys.LOSSES)).Op.Name);
        float[][] actual = Run(h, (Operation)Assert.Single(h.get_collection("train_op")));
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Saver_save_writes_a_meta_that_restores_into_a_fresh_graph()
    {
        using var dir = new TempDir();
        var (g, train) = Build();
        string prefix;
        float[][] expected;
        using (g.as_default())
        {
            var saver = new Saver();
            using Session s = tf.Session(g);
            s.run(
                g.get_collection<Variable>(GraphKeys.GLOBAL_VARIABLES)
                    .Select(v => (ITensorOrOperation)v.Initializer)
                    .ToArray()
            );
            prefix = saver.save(s, dir.File("model.ckpt"));
            Assert.True(File.Exists(prefix + ".meta"));
            Assert.Empty(Directory.GetFiles(dir.Path, "*.tmp*"));
            var s2Saver = saver;
            expected = Run(g, train, sess => s2Saver.restore(sess, prefix));
        }
        var h = new TfLessons.Graph();
        Saver restored;
        using (h.as_default()) restored = tf.train.import_meta_graph(prefix + ".meta")!;
        Assert.Equal(expected, Run(h, (Operation)h.get_collection("train_op")[0], s => restored.restore(s, prefix)));
        // The restore subgraph written for Python TensorFlow works here too.
        Assert.Equal(
            expected,
            Run(h, (Operation)h.get_collection("train_op")[0], s =>
                s.run(
                    h.get_operation_by_name("save/restore_all"),
                    (h.get_tensor_by_name("save/Const:0"), new NDArray(DType.String, [], new[] { prefix }))
                )
            )
        );
    }

    [Fact]
    public void Write_graph_text_and_binary_read_back_to_the_same_graph_def()
    {
        using var dir = new TempDir();
        var (g, _) = Build();
        GraphDef def = g.as_graph_def();
        string text = tf.train.write_graph(g, dir.Path, "graph.pbtxt", as_text: true);
        string binary = tf.train.write_graph(def, dir.Path, "graph.pb", as_text: false);
        Assert.Equal(def, MetaGraphIo.Read(text, GraphDef.Parser));
        Assert.Equal(def, MetaGraphIo.Read(binary, GraphDef.Parser));
        Assert.Contains("node {\n  name: \"x\"\n  op: \"Placeholder\"\n", File.ReadAllText(text));
        Assert.Equal(134, def.Versions.Producer);
    }

    [Fact]
    public void Import_graph_def_maps_inputs_and_returns_elements()
    {
        var (g, _) = Build();
        GraphDef def = g.as_graph_def();
        var h = new TfLessons.Graph();
        using var _ = h.as_default();
        Tensor fed = tf.constant(X, name: "my_x");
        var r = tf.import_graph_def(
            def,
            new Dictionary<string, Tensor> { ["x:0"] = fed },
            ["logits:0", "w"],
            name: "m"
        );
        Assert.Equal("m/logits:0", ((Tensor)r[0]).Name);
        Assert.Equal("m/w", ((Operation)r[1]).Name);
        Assert.Same(fed, h.get_operation_by_name("m/MatMul").Inputs[0]);
        Assert.Equal("Placeholder", h.get_operation_by_name("m/x").Type);
    }

    [Fact]
    public void Negative_zero_survives_in_constants_and_float_attrs()
    {
        var g = new TfLessons.Graph();
        using (g.as_default()) tf.constant(np.array(new[] { -0.0, 1.0 }), name: "c");
        GraphDef def = GraphDef.Parser.ParseFrom(g.as_graph_def().ToByteArrayForTest());
        var h = new TfLessons.Graph();
        using (h.as_default()) tf.import_graph_def(def, name: "");
        using Session s = tf.Session(h);
        Assert.True(double.IsNegative(s.run(h.get_tensor_by_name("c:0")).ToArray<double>()[0]));
        // AttrValue.f sits in a oneof, so Google.Protobuf writes it even when it is -0.0 (a plain proto3 float field
        // would be dropped).
        var attr = AttrValue.Parser.ParseFrom(new AttrValue { F = -0f }.ToByteArrayForTest());
        Assert.True(float.IsNegative(attr.F));
    }

    [SkippableFact]
    public void Exported_meta_decodes_with_protoc_against_the_project_protos()
    {
        string? protoc = Protoc();
        Skip.If(protoc is null, "no protoc: install protobuf-compiler (or restore Grpc.Tools)");
        using var dir = new TempDir();
        var (g, _) = Build();
        string path = dir.File("graph.meta");
        tf.train.export_meta_graph(path, graph: g);
        string protos = Path.Combine(RepoRoot(), "src", "TfLessons.Core", "IO", "Graph", "Protos");
        var psi = new ProcessStartInfo(protoc!, ["-I" + protos, "--decode=tensorflow.MetaGraphDef", "meta_graph.proto"])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using Process p = Process.Start(psi)!;
        using (FileStream f = File.OpenRead(path)) f.CopyTo(p.StandardInput.BaseStream);
        p.StandardInput.Close();
        string output = p.StandardOutput.ReadToEnd(), error = p.StandardError.ReadToEnd();
        p.WaitForExit();
        Assert.True(p.ExitCode == 0, error);
        Assert.Contains("tensorflow_version: \"1.15.0\"", output);
        Assert.Contains("restore_op_name: \"save/restore_all\"", output);
        Assert.Contains("op: \"ApplyAdam\"", output);
        Assert.DoesNotContain("\n1:", output); // no field the project's protos do not name
    }

    private static string RepoRoot()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            if (File.Exists(Path.Combine(d.FullName, "TfLessons.sln"))) return d.FullName;
        }
        throw new DirectoryNotFoundException("TfLessons.sln not found above " + AppContext.BaseDirectory);
    }

    private static string? Protoc()
    {
        foreach (string dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':'))
        {
            if (File.Exists(Path.Combine(dir, "protoc"))) return Path.Combine(dir, "protoc");
        }
        string packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        string bundled = Path.Combine(packages, "grpc.tools", "2.85.0", "tools", "linux_x64", "protoc");
        return File.Exists(bundled) ? bundled : null;
    }
}

internal static class MessageBytes
{
    public static byte[] ToByteArrayForTest(this Google.Protobuf.IMessage m) =>
        Google.Protobuf.MessageExtensions.ToByteArray(m);
}
