using Google.Protobuf;
using TfLessons.IO;
using TfLessons.IO.GraphDefs;
using TfLessons.IO.GraphDefs.Protos;
using TfLessons.Tests.Support;

namespace TfLessons.Tests.IO.Graph;

/// <summary>Broken .meta and .pb files fail with an error naming the file, node and field, and leave the graph
/// empty.</summary>
public class BadGraphInputTests
{
    private static readonly string Titanic = SharedData.Fixture("ckpt-tf1.11-saver-titanic", "model.ckpt.meta");

    private static Exception ImportMeta(string path)
    {
        var g = new TfLessons.Graph();
        using var _ = g.as_default();
        Exception e = Assert.ThrowsAny<Exception>(() => tf.train.import_meta_graph(path));
        Assert.Empty(g.Operations);
        return e;
    }

    private static Exception ImportGraph(GraphDef def)
    {
        var g = new TfLessons.Graph();
        using var _ = g.as_default();
        Exception e = Assert.ThrowsAny<Exception>(() => tf.import_graph_def(def, name: ""));
        Assert.Empty(g.Operations);
        return e;
    }

    private static NodeDef Node(string name, string op, params string[] inputs)
    {
        var n = new NodeDef { Name = name, Op = op };
        n.Input.AddRange(inputs);
        n.Attr["T"] = new AttrValue { Type = DataType.DtFloat };
        return n;
    }

    private static NodeDef Placeholder(string name)
    {
        var n = new NodeDef { Name = name, Op = "Placeholder" };
        n.Attr["dtype"] = new AttrValue { Type = DataType.DtFloat };
        n.Attr["shape"] = new AttrValue { Shape = new TensorShapeProto() };
        return n;
    }

    [Fact]
    public void Truncated_meta_names_the_file()
    {
        using var dir = new TempDir();
        byte[] bytes = File.ReadAllBytes(Titanic);
        foreach (int length in new[] { 1, 100, bytes.Length / 2, bytes.Length - 1 })
        {
            string path = dir.File($"cut{length}.meta");
            File.WriteAllBytes(path, bytes[..length]);
            Exception e = ImportMeta(path);
            Assert.IsType<InvalidDataException>(e);
            Assert.Contains(path, e.Message);
        }
    }

    [Fact]
    public void Length_field_larger_than_the_file_fails_before_allocating()
    {
        using var dir = new TempDir();
        // graph_def (field 2, length-delimited) claiming 2 GB - 1 with four bytes present.
        byte[] bytes = [0x12, 0xff, 0xff, 0xff, 0xff, 0x07, 1, 2, 3, 4];
        string path = dir.File("huge.meta");
        File.WriteAllBytes(path, bytes);
        long before = GC.GetAllocatedBytesForCurrentThread();
        Exception e = ImportMeta(path);
        Assert.True(
            GC.GetAllocatedBytesForCurrentThread() - before < 64 << 20,
            "no allocation sized by the length field"
        );
        Assert.Contains("huge.meta", e.Message);
    }

    [Fact]
    public void Corrupted_bytes_fail_with_the_file_name()
    {
        using var dir = new TempDir();
        byte[] bytes = File.ReadAllBytes(Titanic);
        var rng = new System.Random(7);
        int failures = 0;
        for (int trial = 0; trial < 40; trial++)
        {
            byte[] copy = (byte[])bytes.Clone();
            for (int k = 0; k < 8; k++) copy[rng.Next(copy.Length)] = (byte)rng.Next(256);
            string path = dir.File($"bad{trial}.meta");
            File.WriteAllBytes(path, copy);
            var g = new TfLessons.Graph();
            using var _ = g.as_default();
            try
            {
                tf.train.import_meta_graph(path);
            }
            catch (Exception e) when (e is InvalidDataException or NotSupportedException or KeyError)
            {
                Assert.Contains(path, e.Message);
                Assert.Empty(g.Operations);
                failures++;
            }
        }
        Assert.True(failures > 0, "some corruptions are detected");
    }

    [Fact]
    public void Missing_input_names_node_and_input()
    {
        var def = new GraphDef();
        def.Node.Add(Placeholder("x"));
        def.Node.Add(Node("y", "Neg", "nowhere:0"));
        Exception e = ImportGraph(def);
        Assert.Contains("node 'y' (Neg) has input 'nowhere:0', but no node named 'nowhere' exists", e.Message);
    }

    [Fact]
    public void Cycle_is_reported_with_its_nodes()
    {
        var def = new GraphDef();
        def.Node.Add(Node("a", "Neg", "b"));
        def.Node.Add(Node("b", "Neg", "a"));
        Exception e = ImportGraph(def);
        Assert.Contains("cycle", e.Message);
        Assert.Contains("'a' (Neg)", e.Message);
    }

    [Fact]
    public void Unknown_attr_type_names_node_and_attr()
    {
        var def = new GraphDef();
        NodeDef x = Placeholder("x");
        // An AttrValue whose only field is one TfLessons's protos do not know (field 99).
        x.Attr["dtype"] = AttrValue.Parser.ParseFrom(new byte[] { 0x98, 0x06, 0x01 });
        def.Node.Add(x);
        Exception e = ImportGraph(def);
        Assert.Contains("attr 'dtype' of node 'x'", e.Message);
        Assert.Contains("unknown attr value type", e.Message);
    }

    [Fact]
    public void Unsupported_ops_are_listed_in_one_error()
    {
        var def = new GraphDef();
        def.Node.Add(Placeholder("x"));
        def.Node.Add(Node("w1", "Switch", "x", "x"));
        def.Node.Add(Node("w2", "Enter", "x"));
        def.Node.Add(Node("w3", "Switch", "x", "x"));
        Exception e = ImportGraph(def);
        Assert.IsType<NotSupportedException>(e);
        Assert.Contains("Enter (node 'w2'), Switch (node 'w1')", e.Message);
    }

    [Fact]
    public void Const_with_too_few_bytes_names_node_and_attr()
    {
        var def = new GraphDef();
        var c = new NodeDef { Name = "c", Op = "Const" };
        c.Attr["dtype"] = new AttrValue { Type = DataType.DtFloat };
        var t = new TensorProto
        {
            Dtype = DataType.DtFloat,
            TensorShape = new TensorShapeProto(),
            TensorContent = ByteString.CopyFrom(1, 2, 3),
        };
        t.TensorShape.Dim.Add(new TensorShapeProto.Types.Dim { Size = 1 << 30 });
        c.Attr["value"] = new AttrValue { Tensor = t };
        def.Node.Add(c);
        Exception e = ImportGraph(def);
        Assert.Contains("attr 'value' of node 'c'", e.Message);
        Assert.Contains("tensor_content has 3 bytes", e.Message);
    }

    [Fact]
    public void Bad_text_format_names_file_and_line()
    {
        using var dir = new TempDir();
        string path = dir.File("g.pbtxt");
        File.WriteAllText(path, "node {\n  name: \"x\"\n  bogus: 1\n}\n");
        var e = Assert.Throws<InvalidDataException>(() => MetaGraphIo.Read(path, GraphDef.Parser));
        Assert.Contains(path + ":3:", e.Message);
        Assert.Contains("NodeDef has no field 'bogus'", e.Message);
    }
}
