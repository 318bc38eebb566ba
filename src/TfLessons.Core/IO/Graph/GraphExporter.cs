using Google.Protobuf;
using TfLessons.IO.GraphDefs.Protos;

namespace TfLessons.IO.GraphDefs;

/// <summary>
/// Writes a graph as TF1 NodeDefs: ops that hold a target as an attribute here (Reshape's shape, Sum's axes,
/// Fill's dims, ...) get it back as a Const input, as TF's Python writes them, and the usual "T"/"dtype"
/// attributes are added. Engine-internal ops (the gradient helpers SumToShape, BroadcastReduced, ...) keep
/// their own type names: TfLessons re-imports them, Python TensorFlow cannot run them.
/// </summary>
internal static class GraphExporter
{
    /// <summary>TF 1.15's graph version (GRAPH_DEF_VERSION) and TF1's minimum consumer.</summary>
    public const int Producer = 134;
    public const int MinConsumer = 12;

    public static GraphDef Export(Graph graph)
    {
        var def = new GraphDef { Versions = new VersionDef { Producer = Producer, MinConsumer = MinConsumer } };
        var names = new HashSet<string>(graph.Operations.Select(o => o.Name), StringComparer.Ordinal);
        foreach (Operation op in graph.Operations) AddNode(def, op, names);
        return def;
    }

    internal static string InputName(Tensor t) => t.Index == 0 ? t.Op.Name : $"{t.Op.Name}:{t.Index}";

    private static void AddNode(GraphDef def, Operation op, HashSet<string> names)
    {
        string type = op.Type.EndsWith(".dynamic", StringComparison.Ordinal) ? op.Type[..^".dynamic".Length] : op.Type;
        var node = new NodeDef { Name = op.Name, Op = type };
        foreach (Tensor t in op.Inputs) node.Input.Add(InputName(t));
        var attrs = new Dictionary<string, object>(op.AttrsForExport(), StringComparer.Ordinal);
        string Const(string suffix, NDArray value)
        {
            string name = op.Name + "/" + suffix;
            for (int i = 1; !names.Add(name); i++) name = $"{op.Name}/{suffix}_{i}";
            def.Node.Add(ConstNode(name, value));
            node.Input.Add(name);
            return name;
        }
        DType dtype = op.Outputs.Count > 0 ? op.Outputs[0].DType : op.Inputs.Count > 0 ? op.Inputs[0].DType : DType.Invalid;
        switch (op.Type)
        {
            case "Const" or "Placeholder" or "VariableV2":
                attrs["dtype"] = dtype;
                if (op.Type == "VariableV2") { attrs["container"] = ""; attrs["shared_name"] = ""; }
                break;
            case "Reshape":
                Const("shape", np.array((int[])attrs["shape"]));
                attrs.Remove("shape");
                attrs["Tshape"] = DType.Int32;
                break;
            case "Sum" or "Mean" or "Max" or "Min" or "Prod":
                Const("reduction_indices", np.array((int[])attrs["axes"]));
                attrs.Remove("axes");
                attrs.Remove("all_axes");
                attrs["Tidx"] = DType.Int32;
                break;
            case "Fill":
                var value = new NDArray(dtype, []);
                value.SetDouble(0, (double)attrs["value"]);
                Const("dims", np.array((int[])attrs["dims"]));
                Const("value", value);
                attrs.Remove("dims");
                attrs.Remove("value");
                break;
            case "ExpandDims":
                Const("dim", np.array(new[] { (int)attrs["axis"] }).reshape());
                attrs.Remove("axis");
                break;
            case "ArgMax":
                Const("dimension", np.array(new[] { (int)attrs["axis"] }).reshape());
                attrs.Remove("axis");
                attrs["output_type"] = DType.Int64;
                break;
            case "Transpose":
                Const("perm", np.array((int[])attrs["perm"]));
                attrs.Remove("perm");
                break;
            case "RandomStandardNormal" or "RandomUniform" or "TruncatedNormal":
                Const("shape", np.array((int[])attrs["shape"]));
                attrs.Remove("shape");
                attrs["dtype"] = dtype;
                attrs["T"] = DType.Int32;
                break;
            case "StridedSlice":
                foreach (string key in new[] { "begin", "end", "strides" })
                {
                    Const(key, np.array((int[])attrs[key]));
                    attrs.Remove(key);
                }
                attrs["Index"] = DType.Int32;
                attrs.TryAdd("ellipsis_mask", 0);
                attrs.TryAdd("new_axis_mask", 0);
                break;
            case "Cast":
                attrs["SrcT"] = op.Inputs[0].DType;
                break;
            case "ConcatV2":
                Const("axis", np.array(new[] { (int)attrs["axis"] }).reshape());
                attrs.Remove("axis");
                attrs["Tidx"] = DType.Int32;
                break;
            case "GatherV2":
                Const("axis", np.array(new[] { (int)attrs["axis"] }).reshape());
                attrs.Remove("axis");
                attrs["Tparams"] = dtype;
                attrs["Tindices"] = op.Inputs[1].DType;
                attrs["Taxis"] = DType.Int32;
                break;
            case "Tile":
                Const("multiples", np.array((int[])attrs["multiples"]));
                attrs.Remove("multiples");
                attrs["Tmultiples"] = DType.Int32;
                break;
        }
        if (op.Type is not ("Const" or "Placeholder" or "VariableV2" or "NoOp" or "Cast" or "SaveV2" or "RestoreV2") && dtype != DType.Invalid)
            attrs.TryAdd("T", op.Inputs.Count > 0 ? op.Inputs[0].DType : dtype);
        foreach (Operation c in op.ControlInputs) node.Input.Add("^" + c.Name);
        foreach (var (key, value) in attrs.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            AttrValue v = AttrCodec.FromObject(value) ?? throw new NotSupportedException($"as_graph_def: attr '{key}' of op '{op.Name}' ({op.Type}) is a {value.GetType().Name}, which has no AttrValue form");
            node.Attr[key] = v;
        }
        def.Node.Add(node);
    }

    public static NodeDef ConstNode(string name, NDArray value)
    {
        var node = new NodeDef { Name = name, Op = "Const" };
        node.Attr["dtype"] = new AttrValue { Type = TensorCodec.FromDType(value.DType) };
        node.Attr["value"] = new AttrValue { Tensor = TensorCodec.FromArray(value) };
        return node;
    }

    public static byte[] Serialize(IMessage message) => message.ToByteArray();
}
