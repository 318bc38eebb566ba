using System.Text.RegularExpressions;
using TfLessons.IO.GraphDefs;
using TfLessons.IO.GraphDefs.Protos;
using TfLessons.Ops;
using TfLessons.Tests.IO.Graph;

namespace TfLessons.Tests.Ops;

/// <summary>
/// Typed op attributes: the records round-trip what builders set, a missing or wrongly typed attribute fails where it
/// is read with the op, its type, the attribute and the types, and exported graphs carry TensorFlow's attribute forms.
/// </summary>
public class OpAttrsTests
{
    private static Tensor Matrix(string name = "a") => tf.placeholder(DType.Float32, new Shape(2, 2), name);

    [Fact]
    public void A_missing_attribute_names_the_op_its_type_the_attribute_and_the_expected_type()
    {
        var g = new Graph();
        using var _ = g.as_default();
        Tensor a = Matrix();
        // MatMul's shape rule reads MatMulAttrs when the node is built: the error comes from there, not a later kernel.
        var e = Assert.Throws<KeyError>(() =>
            Build.Raw("MatMul", [a, a], [DType.Float32], "m", new() { ["transpose_a"] = false }));
        Assert.Equal("operation 'm' (MatMul) has no attribute 'transpose_b' (expected bool)", e.Message);
    }

    [Fact]
    public void A_wrongly_typed_attribute_names_the_expected_and_the_actual_type()
    {
        var g = new Graph();
        using var _ = g.as_default();
        Tensor a = Matrix();
        var e = Assert.Throws<ArgumentException>(() =>
            Build.Raw("MatMul", [a, a], [DType.Float32], "m", new() { ["transpose_a"] = 1, ["transpose_b"] = false }));
        Assert.Equal("operation 'm' (MatMul): attribute 'transpose_a' is int, expected bool", e.Message);

        var r = Assert.Throws<ArgumentException>(() =>
            Build.Raw("Reshape", [a], [DType.Float32], "r", new() { ["shape"] = new long[] { 4 } }));
        Assert.Equal("operation 'r' (Reshape): attribute 'shape' is long[], expected int[]", r.Message);

        var t = Assert.Throws<ArgumentException>(() =>
            Build.Raw("Transpose", [a], [DType.Float32], "t", new() { ["perm"] = new[] { "1", "0" } }));
        Assert.Equal("operation 't' (Transpose): attribute 'perm' is string[], expected int[]", t.Message);
    }

    [Fact]
    public void An_attribute_read_when_the_plan_is_built_fails_there_with_the_same_message()
    {
        var g = new Graph();
        using var _ = g.as_default();
        Tensor x = tf.placeholder(DType.Float32, new Shape(3), "x");
        // Summary ops read their tag only when their kernel is bound.
        Tensor s = Build.Raw("ScalarSummary", [tf.reduce_sum(x)], [DType.Float64], "s", new() { ["tag"] = 7 })
            .Outputs[0];
        using Session session = tf.Session(g);
        Exception e = Assert.ThrowsAny<Exception>(() => session.run(s, (x, np.array(1f, 2f, 3f))));
        Assert.Contains("operation 's' (ScalarSummary): attribute 'tag' is int, expected string", e.Message);
    }

    [Fact]
    public void Public_attr_reads_check_the_type_even_with_a_fallback()
    {
        var g = new Graph();
        using var _ = g.as_default();
        Operation m = tf.matmul(Matrix(), Matrix("b"), transpose_b: true, name: "mm").Op;
        Assert.True(m.Attr<bool>("transpose_b"));
        Assert.Equal("operation 'mm' (MatMul) has no attribute 'adj_x' (expected bool)",
            Assert.Throws<KeyError>(() => m.Attr<bool>("adj_x")).Message);
        Assert.Equal("operation 'mm' (MatMul): attribute 'transpose_a' is bool, expected int",
            Assert.Throws<ArgumentException>(() => m.Attr("transpose_a", 0)).Message);
        Assert.Equal(3, m.Attr("absent", 3));
    }

    [Fact]
    public void Records_read_back_what_the_builders_set()
    {
        var g = new Graph();
        using var _ = g.as_default();
        Tensor x = tf.placeholder(DType.Float32, new Shape(2, 3, 4), "x");
        Operation matmul = tf.matmul(Matrix(), Matrix("b"), transpose_b: true).Op;
        Assert.Equal(new MatMulOps.MatMulAttrs(false, true), MatMulOps.MatMulAttrs.Of(matmul));
        Assert.Equal([2, 0, 1], ArrayOps.TransposeAttrs.Of(tf.transpose(x, [2, 0, 1]).Op).Perm);
        ReduceOps.ReduceAttrs sum = ReduceOps.ReduceAttrs.Of(tf.reduce_sum(x, [-1, 0], keepdims: true).Op);
        Assert.Equal([0, 2], sum.Axes);
        Assert.True(sum.KeepDims);
        Assert.False(sum.AllAxes);
        Assert.Null(ReduceOps.ReduceAttrs.Of(tf.reduce_sum(x).Op).AxesOrAll);
        Assert.Equal(new ArrayOps.PackAttrs(1, 2), ArrayOps.PackAttrs.Of(tf.stack([x, x], axis: 1).Op));
        Operation argmax = ReduceOps.ArgMax(x, -2, null, DType.Int32).Op;
        Assert.Equal(new ReduceOps.ArgAttrs(1, DType.Int32), ReduceOps.ArgAttrs.Of(argmax));
        var slice = ArrayOps.StridedSliceAttrs.Of(tf.strided_slice(x, [1], [2], shrink_axis_mask: 1).Op);
        Assert.Equal([1, 2, 1], [.. slice.Begin, .. slice.End, .. slice.Strides]);
        Assert.Equal((0, 0, 1), (slice.BeginMask, slice.EndMask, slice.ShrinkAxisMask));
    }

    [Fact]
    public void Exported_nodes_carry_tensorflow_attribute_names_and_inputs()
    {
        var g = new Graph();
        using var _ = g.as_default();
        Tensor x = tf.placeholder(DType.Float32, new Shape(-1, 3), "x");
        Tensor training = tf.placeholder(DType.Bool, Shape.Scalar, "training");
        tf.matmul(tf.transpose(x, [1, 0]), x, transpose_a: true, transpose_b: true, name: "mm");
        tf.reduce_sum(x, 1, keepdims: true, name: "sum");
        tf.reshape(x, [3, -1], name: "r");
        tf.layers.batch_normalization(x, training, name: "bn");
        GraphDef def = g.as_graph_def();
        NodeDef Node(string name) => def.Node.Single(n => n.Name == name);

        Assert.Equal(["T", "transpose_a", "transpose_b"], Node("mm").Attr.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["T", "Tidx", "keep_dims"], Node("sum").Attr.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["x", "sum/reduction_indices"], Node("sum").Input);
        Assert.Equal(["T", "Tshape"], Node("r").Attr.Keys.Order(StringComparer.Ordinal));
        // The training flag's feed hint is the engine's; the flag's choices are TensorFlow's Select.
        Assert.Equal(["dtype", "shape"], Node("training").Attr.Keys.Order(StringComparer.Ordinal));
        Assert.DoesNotContain(def.Node, n => n.Op == "SelectByFlag");
        Assert.Equal(2, def.Node.Count(n => n.Op == "Select" && n.Input[0] == "training"));
    }

    [Fact]
    public void A_graph_of_attribute_carrying_ops_round_trips_through_a_graph_def_bit_for_bit()
    {
        NDArray xs = np.array(new float[,]
        {
            { 0.5f, -1.25f, 2f }, { 1.5f, 0.25f, -0.75f }, { -2f, 1f, 0.125f }, { 0.3f, 0.6f, 0.9f },
        });
        var g = new Graph();
        string[] fetches;
        using (g.as_default())
        {
            tf.set_random_seed(3);
            Tensor x = tf.placeholder(DType.Float32, new Shape(-1, 3), "x");
            Tensor training = tf.placeholder(DType.Bool, Shape.Scalar, "training");
            Tensor bn = tf.layers.batch_normalization(x, training, name: "bn");
            Tensor[] outputs =
            [
                bn,
                tf.matmul(tf.transpose(x, [1, 0]), x, transpose_a: true, transpose_b: true),
                tf.reduce_mean(x, [0], keepdims: true),
                tf.cast(ReduceOps.ArgMax(x, 1, null, DType.Int32), DType.Float32),
                tf.strided_slice(x, [1], [3]),
                tf.tile(tf.expand_dims(tf.reduce_sum(x, 0), 0), [2, 1]),
                tf.concat([x, tf.gather(x, tf.constant(np.array(3, 0, 1, 2)))], 1),
                tf.stack([tf.reduce_max(x), tf.reduce_min(x)], 0),
                tf.reshape(x, [3, -1]) + tf.fill(new Shape(3, 4), 0.5, DType.Float32),
                tf.random_uniform(new Shape(2, 2), seed: 5),
                FlagOps.SelectByFlag(training, tf.square(x), x),
                tf.one_hot(tf.argmin(x, 1), 3, on_value: 2, off_value: -1, axis: 0),
                tf.add_n([x, x, tf.square(x)]),
                tf.gradients(tf.reduce_sum(tf.square(tf.strided_slice(x, [1], [3]))), [x])[0]!,
            ];
            fetches = outputs.Select(t => t.Name).ToArray();
        }
        GraphDef def = GraphDef.Parser.ParseFrom(g.as_graph_def().ToByteArrayForTest());
        var h = new Graph();
        using (h.as_default()) tf.import_graph_def(def, name: "");

        foreach (bool train in new[] { true, false })
        {
            NDArray[] expected = Run(g, fetches, xs, train), actual = Run(h, fetches, xs, train);
            for (int i = 0; i < fetches.Length; i++)
                Assert.Equal(expected[i].ToDoubleArray(), actual[i].ToDoubleArray());
        }
        Assert.Equal(DType.Int32, h.get_operation_by_name("ArgMax").Outputs[0].DType);
        // Nodes in TensorFlow's form: OneHot's depth, on and off values are inputs; AddN carries N.
        Assert.Equal(4, def.Node.Single(n => n.Op == "OneHot").Input.Count);
        Assert.Equal(3, def.Node.Single(n => n.Op == "AddN").Attr["N"].I);
        Assert.Equal(2, def.Node.Single(n => n.Op == "ArgMin").Input.Count);
        NodeDef sliceGrad = def.Node.Single(n => n.Op == "StridedSliceGrad");
        Assert.Equal(5, sliceGrad.Input.Count);
        Assert.Equal("Shape", def.Node.Single(n => n.Name == sliceGrad.Input[0]).Op);
    }

    private static NDArray[] Run(Graph g, string[] fetches, NDArray x, bool training)
    {
        using Session s = tf.Session(g);
        // The imported graph has no variable collections: run every variable's initializer (its Assign) by type.
        s.run(g.Operations.Where(o => o.Type == "Assign").Select(o => (ITensorOrOperation)o).ToArray());
        var feeds = new (Tensor, NDArray)[]
        {
            (g.get_tensor_by_name("x:0"), x), (g.get_tensor_by_name("training:0"), np.array(training)),
        };
        return fetches.Select(f => s.run(g.get_tensor_by_name(f), feeds)).ToArray();
    }

    [Fact]
    public void A_graph_exported_with_the_old_SelectByFlag_name_imports_as_select()
    {
        var g = new Graph();
        using (g.as_default())
        {
            Tensor flag = tf.placeholder(DType.Bool, Shape.Scalar, "flag");
            FlagOps.SelectByFlag(flag, tf.constant(np.array(1f, 2f)), tf.constant(np.array(3f, 4f)), name: "pick");
        }
        GraphDef def = g.as_graph_def();
        def.Node.Single(n => n.Name == "pick").Op = "SelectByFlag";
        var h = new Graph();
        using var _ = h.as_default();
        tf.import_graph_def(def, name: "");
        Operation pick = h.get_operation_by_name("pick");
        Assert.Equal("Select", pick.Type);
        using Session s = tf.Session(h);
        NDArray picked = s.run(pick.Outputs[0], (h.get_tensor_by_name("flag:0"), np.array(false)));
        Assert.Equal([3f, 4f], picked.ToArray<float>());
    }

    [Fact]
    public void An_imported_node_with_a_wrongly_typed_attribute_names_the_node_and_the_types()
    {
        var g = new Graph();
        using (g.as_default()) tf.matmul(Matrix(), Matrix("b"), name: "mm");
        GraphDef def = g.as_graph_def();
        def.Node.Single(n => n.Name == "mm").Attr["transpose_a"] = new AttrValue { I = 1 };
        var h = new Graph();
        using var _ = h.as_default();
        var e = Assert.Throws<InvalidDataException>(() => tf.import_graph_def(def, name: ""));
        Assert.Contains("node 'mm' (MatMul): operation 'mm' (MatMul): attribute 'transpose_a' is int, expected bool",
            e.Message);

        var pack = new GraphDef { Node = { def.Node.Where(n => n.Op == "Placeholder") } };
        var node = new NodeDef { Name = "p", Op = "Pack", Input = { "a", "b" } };
        node.Attr["axis"] = new AttrValue { S = Google.Protobuf.ByteString.CopyFromUtf8("0") };
        pack.Node.Add(node);
        var p = Assert.Throws<InvalidDataException>(() => tf.import_graph_def(pack, name: "q"));
        Assert.Contains("node 'p' (Pack): Pack: attribute 'axis' is string, expected long", p.Message);
    }

    // Attribute keys in engine code: op.Attr/SetAttr reads and writes, reads of imported bags, and dictionary writes.
    private static readonly Regex KeyUse = new(
        @"\.(?:Attr(?:<[^>]*>)?|SetAttr|Get(?:<[^>]*>)?|GetValueOrDefault)\(\s*""(\w+)"""
        + @"|OpAttrs\.\w+(?:<[^>]*>)?\(\w+, ""(\w+)""|\[""(\w+)""\]\s*=");

    // The attributes only TensorFlow's NodeDefs carry (type attributes, the dtype of sources, AddN's N, the saver's
    // nodes written directly in TF's form): IO/Graph writes or reads them by TF's names, no engine op reads them.
    private static readonly HashSet<string> TfNodeDefOnly =
    [
        "dtype", "T", "TI", "N", "Tidx", "Tshape", "Index", "SrcT", "Tparams", "Tindices", "Taxis", "Tmultiples",
        "container", "shared_name", "value", "dtypes", "use_locking", "validate_shape",
    ];

    [Fact]
    public void Attribute_keys_appear_only_in_the_op_attribute_records()
    {
        string core = Path.Combine(RepoRoot(), "src", "TfLessons.Core");
        var stray = new List<string>();
        foreach (string file in Directory.EnumerateFiles(core, "*.cs", SearchOption.AllDirectories))
        {
            string relative = Path.GetRelativePath(core, file);
            if (relative.Contains("Protos", StringComparison.Ordinal)) continue;
            bool graphIo = relative.StartsWith(Path.Combine("IO", "Graph"), StringComparison.Ordinal);
            string[] lines = File.ReadAllLines(file);
            string? closing = null;
            for (int i = 0; i < lines.Length; i++)
            {
                string line = lines[i];
                if (closing is not null)
                {
                    if (line == closing) closing = null;
                    continue;
                }
                if (Regex.IsMatch(line, @"record struct \w+Attrs\b"))
                {
                    closing = line[..(line.Length - line.TrimStart().Length)] + "}";
                    continue;
                }
                foreach (Match m in KeyUse.Matches(line))
                {
                    string key = m.Groups.Cast<Group>().Skip(1).First(g => g.Success).Value;
                    if (!(graphIo && TfNodeDefOnly.Contains(key))) stray.Add($"{relative}:{i + 1}: '{key}'");
                }
            }
        }
        Assert.True(stray.Count == 0, "attribute keys outside their op's record: " + string.Join("; ", stray));
    }

    private static string RepoRoot()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "TfLessons.sln"))) return dir.FullName;
        }
        throw new DirectoryNotFoundException($"no TfLessons.sln above {AppContext.BaseDirectory}");
    }
}
