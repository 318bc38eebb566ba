using Google.Protobuf;
using TfLessons.IO.GraphDefs.Protos;
using TfLessons.Ops;

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
        // An op whose TF form passes an attribute as an input: its attributes replaced by those TF's NodeDef carries.
        void Tf(IOpAttrs engine)
        {
            foreach (string key in engine.ToAttrs().Keys) attrs.Remove(key);
            engine.WriteTf(attrs);
        }
        DType dtype = op.Outputs.Count > 0 ? op.Outputs[0].DType : op.Inputs.Count > 0 ? op.Inputs[0].DType : DType.Invalid;
        switch (op.Type)
        {
            case "Const" or "Placeholder" or "VariableV2":
                attrs["dtype"] = dtype;
                if (op.Type == "VariableV2") { attrs["container"] = ""; attrs["shared_name"] = ""; }
                if (op.Type == "Placeholder") Tf(StateOps.PlaceholderAttrs.Of(op));
                break;
            case "Reshape":
                var reshape = ArrayOps.ReshapeAttrs.Of(op);
                Const("shape", np.array(reshape.Shape));
                Tf(reshape);
                attrs["Tshape"] = DType.Int32;
                break;
            case "Sum" or "Mean" or "Max" or "Min" or "Prod":
                var reduction = ReduceOps.ReduceAttrs.Of(op);
                Const("reduction_indices", np.array(reduction.Axes));
                Tf(reduction);
                attrs["Tidx"] = DType.Int32;
                break;
            case "Fill":
                var fill = ArrayOps.FillAttrs.Of(op);
                var value = new NDArray(dtype, []);
                value.SetDouble(0, fill.Value);
                Const("dims", np.array(fill.Dims));
                Const("value", value);
                Tf(fill);
                break;
            case "ExpandDims":
                var expand = SoftmaxOps.ExpandDimsAttrs.Of(op);
                Const("dim", np.array(new[] { expand.Axis }).reshape());
                Tf(expand);
                break;
            case "ArgMax" or "ArgMin":
                var arg = ReduceOps.ArgAttrs.Of(op);
                Const("dimension", np.array(new[] { arg.Axis }).reshape());
                Tf(arg);
                break;
            case "OneHot":
                var oneHot = SoftmaxOps.OneHotAttrs.Of(op);
                Const("depth", np.array(new[] { oneHot.Depth }).reshape());
                Const("on_value", Constants.Scalar(dtype, oneHot.OnValue));
                Const("off_value", Constants.Scalar(dtype, oneHot.OffValue));
                Tf(oneHot);
                attrs["T"] = dtype;
                attrs["TI"] = op.Inputs[0].DType;
                break;
            case "AddN":
                attrs["N"] = op.Inputs.Count;
                break;
            case "Transpose":
                var transpose = ArrayOps.TransposeAttrs.Of(op);
                Const("perm", np.array(transpose.Perm));
                Tf(transpose);
                break;
            case "RandomStandardNormal" or "RandomUniform" or "TruncatedNormal":
                var random = RandomOps.RandomAttrs.Of(op);
                Const("shape", np.array(random.Shape));
                Tf(random);
                attrs["dtype"] = dtype;
                attrs["T"] = DType.Int32;
                break;
            case "StridedSlice":
                var slice = ArrayOps.StridedSliceAttrs.Of(op);
                Const("begin", np.array(slice.Begin));
                Const("end", np.array(slice.End));
                Const("strides", np.array(slice.Strides));
                Tf(slice);
                attrs["Index"] = DType.Int32;
                break;
            case "StridedSliceGrad":
                // TF's form: (shape, begin, end, strides, dy), the shape computed from `like` by a Shape node.
                var gradSlice = ArrayOps.StridedSliceAttrs.Of(op);
                node.Input.Clear();
                string shapeName = op.Name + "/shape";
                for (int i = 1; !names.Add(shapeName); i++) shapeName = $"{op.Name}/shape_{i}";
                var shapeNode = new NodeDef { Name = shapeName, Op = "Shape", Input = { InputName(op.Inputs[1]) } };
                Dictionary<string, object> shapeAttrs = new ShapeOps.ShapeOfAttrs(DType.Int32).ToAttrs();
                shapeAttrs["T"] = op.Inputs[1].DType;
                foreach (var (k, v) in shapeAttrs) shapeNode.Attr[k] = AttrCodec.FromObject(v)!;
                def.Node.Add(shapeNode);
                node.Input.Add(shapeName);
                Const("begin", np.array(gradSlice.Begin));
                Const("end", np.array(gradSlice.End));
                Const("strides", np.array(gradSlice.Strides));
                node.Input.Add(InputName(op.Inputs[0]));
                Tf(gradSlice);
                attrs["Index"] = DType.Int32;
                break;
            case "Cast":
                attrs["SrcT"] = op.Inputs[0].DType;
                break;
            case "ConcatV2":
                var concat = ArrayOps.ConcatAttrs.Of(op);
                Const("axis", np.array(new[] { concat.Axis }).reshape());
                Tf(concat);
                attrs["Tidx"] = DType.Int32;
                break;
            case "GatherV2":
                var gather = ArrayOps.AxisAttrs.Of(op);
                Const("axis", np.array(new[] { gather.Axis }).reshape());
                Tf(gather);
                attrs["Tparams"] = dtype;
                attrs["Tindices"] = op.Inputs[1].DType;
                attrs["Taxis"] = DType.Int32;
                break;
            case "Tile":
                var tile = ArrayOps.TileAttrs.Of(op);
                Const("multiples", np.array(tile.Multiples));
                Tf(tile);
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
