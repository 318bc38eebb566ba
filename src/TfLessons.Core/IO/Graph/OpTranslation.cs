using TfLessons.Ops;

namespace TfLessons.IO.GraphDefs;

/// <summary>
/// TF1 node forms to the engine's ops. Where TF passes a target as a tensor (Reshape's shape, Sum's axes, Fill's
/// dims...) and that tensor's value is known at import, the engine's attribute form is used; otherwise the
/// ".dynamic" form, which reads it at run time. <c>Variable</c> (TF 1.0's old variable op) becomes <c>VariableV2</c>.
/// </summary>
internal static class OpTranslation
{
    private static readonly HashSet<string> Special = new(StringComparer.Ordinal)
    {
        "Variable", "Reshape", "Sum", "Mean", "Max", "Min", "Prod", "Tile", "ConcatV2", "GatherV2", "Pack", "Fill", "ExpandDims", "ArgMax", "Transpose",
        "RandomStandardNormal", "RandomUniform", "TruncatedNormal", "StridedSlice",
        "SelectByFlag",
    };

    // Engine-internal op types that have no TF counterpart and are not written by TF: never accepted from a file
    // under their TF-looking name, but exported graphs of TfLessons carry them (and re-import them) by these names.
    public static bool IsSupported(string type) => Special.Contains(type) || OpRegistry.Types.Contains(type);

    public static Operation Create(Graph graph, string type, string name, Tensor[] inputs, Dictionary<string, object> attrs, int producer)
    {
        string exact = name + "/";
        // Attributes named "_..." (_output_shapes, _class) are TF's runtime annotations, not part of the op.
        foreach (string key in attrs.Keys.Where(k => k.StartsWith('_')).ToList()) attrs.Remove(key);
        if (type == "Placeholder") StateOps.PlaceholderAttrs.FromTf(attrs, producer).WriteTo(attrs);
        switch (type)
        {
            // TfLessons' name for TF's Select with a scalar condition, in graphs it exported before taking TF's name.
            case "SelectByFlag":
                return graph.CreateOp("Select", inputs, [inputs[1].DType], exact, attrs);
            case "Variable":
                return graph.CreateOp("VariableV2", inputs, [attrs.Get<DType>("dtype", type)], exact, attrs);
            case "Reshape" when Known(inputs, 1) is int[] shape:
                new ArrayOps.ReshapeAttrs(shape).WriteTo(attrs);
                return graph.CreateOp("Reshape", [inputs[0]], [inputs[0].DType], exact, attrs);
            case "Reshape":
                return graph.CreateOp("Reshape.dynamic", inputs, [inputs[0].DType], exact, attrs);
            // Prod of integers is shape arithmetic in gradient subgraphs: its dynamic form is evaluated when plans are built.
            case "Sum" or "Mean" or "Max" or "Min" or "Prod" when (type != "Prod" || inputs[0].DType.IsFloating()) && Known(inputs, 1) is int[] axes && (!inputs[0].Shape.IsUnknownRank || axes.All(a => a >= 0)):
                ReduceOps.ReduceAttrs.FromTf(attrs, Canonical(inputs[0], axes, type), type).WriteTo(attrs);
                return graph.CreateOp(type, [inputs[0]], [inputs[0].DType], exact, attrs);
            case "Sum" or "Mean" or "Prod":
                return graph.CreateOp(type + ".dynamic", inputs, [inputs[0].DType], exact, attrs);
            case "Tile" when Known(inputs, 1) is int[] multiples:
                new ArrayOps.TileAttrs(multiples).WriteTo(attrs);
                return graph.CreateOp("Tile", [inputs[0]], [inputs[0].DType], exact, attrs);
            case "Tile":
                return graph.CreateOp("Tile.dynamic", inputs, [inputs[0].DType], exact, attrs);
            case "Pack":
                ArrayOps.PackAttrs.FromTf(attrs, inputs.Length).WriteTo(attrs);
                return graph.CreateOp("Pack", inputs, [inputs[0].DType], exact, attrs);
            case "ConcatV2":
                int concatAxis = Need(inputs, inputs.Length - 1, type, "axis")[0];
                new ArrayOps.ConcatAttrs(concatAxis, inputs.Length - 1).WriteTo(attrs);
                return graph.CreateOp("ConcatV2", inputs[..^1], [inputs[0].DType], exact, attrs);
            case "GatherV2":
                new ArrayOps.AxisAttrs(Need(inputs, 2, type, "axis")[0]).WriteTo(attrs);
                return graph.CreateOp("GatherV2", inputs[..2], [inputs[0].DType], exact, attrs);
            case "Fill" when Known(inputs, 0) is int[] dims && inputs[1].Op.Type == "Const":
                new ArrayOps.FillAttrs(dims, StateOps.ConstAttrs.Of(inputs[1].Op).Value.GetDouble(0)).WriteTo(attrs);
                return graph.CreateOp("Fill", [], [inputs[1].DType], exact, attrs);
            case "Fill":
                return graph.CreateOp("Fill.dynamic", inputs, [inputs[1].DType], exact, attrs);
            case "ExpandDims":
                new SoftmaxOps.ExpandDimsAttrs(Need(inputs, 1, type, "dim")[0]).WriteTo(attrs);
                return graph.CreateOp(type, [inputs[0]], [inputs[0].DType], exact, attrs);
            case "ArgMax" or "ArgMin":
                int dimension = Canonical(inputs[0], Need(inputs, 1, type, "dimension"), type)[0];
                var arg = ReduceOps.ArgAttrs.FromTf(attrs, dimension, type);
                if (arg.OutputType is not (DType.Int64 or DType.Int32))
                    throw new NotSupportedException($"{type} with output_type {arg.OutputType.Name()}");
                arg.WriteTo(attrs);
                return graph.CreateOp(type, [inputs[0]], [arg.OutputType], exact, attrs);
            case "OneHot" when inputs.Length == 4 && Known(inputs, 1) is [int depth] && inputs[2].Op.Type == "Const"
                && inputs[3].Op.Type == "Const":
                double on = StateOps.ConstAttrs.Of(inputs[2].Op).Value.GetDouble(0);
                double off = StateOps.ConstAttrs.Of(inputs[3].Op).Value.GetDouble(0);
                SoftmaxOps.OneHotAttrs.FromTf(attrs, depth, on, off).WriteTo(attrs);
                return graph.CreateOp(type, [inputs[0]], [inputs[2].DType], exact, attrs);
            case "Transpose":
                new ArrayOps.TransposeAttrs(Need(inputs, 1, type, "perm")).WriteTo(attrs);
                return graph.CreateOp(type, [inputs[0]], [inputs[0].DType], exact, attrs);
            case "StridedSlice" when inputs.Length == 4:
                ArrayOps.StridedSliceAttrs.FromTf(attrs, Need(inputs, 1, type, "begin"), Need(inputs, 2, type, "end"),
                    Need(inputs, 3, type, "strides")).WriteTo(attrs);
                return graph.CreateOp(type, [inputs[0]], [inputs[0].DType], exact, attrs);
            // TF's gradient of StridedSlice: (shape, begin, end, strides, dy), the shape a Shape of the sliced tensor.
            case "StridedSliceGrad" when inputs.Length == 5:
                if (inputs[0].Op.Type != "Shape")
                    throw new NotSupportedException("StridedSliceGrad whose shape input is not the Shape of a tensor");
                ArrayOps.StridedSliceAttrs.FromTf(attrs, Need(inputs, 1, type, "begin"), Need(inputs, 2, type, "end"),
                    Need(inputs, 3, type, "strides")).WriteTo(attrs);
                return graph.CreateOp(type, [inputs[4], inputs[0].Op.Inputs[0]], [inputs[4].DType], exact, attrs);
            case "RandomStandardNormal" or "RandomUniform" or "TruncatedNormal":
                RandomOps.RandomAttrs.FromTf(attrs, Need(inputs, 0, type, "shape"), type).WriteTo(attrs);
                return graph.CreateOp(type, [], [attrs.Get<DType>("dtype", type)], exact, attrs);
            default:
                return graph.CreateOp(type, inputs, OutputDTypes(type, inputs, attrs), exact, attrs);
        }
    }

    private static int[]? Known(Tensor[] inputs, int i) => i < inputs.Length ? ShapeValues.TryGetInts(inputs[i]) : null;

    private static int[] Need(Tensor[] inputs, int i, string type, string what) =>
        Known(inputs, i) ?? throw new NotSupportedException($"{type} with a '{what}' input that is not a constant is not supported");

    private static int[] Canonical(Tensor x, int[] axes, string type)
    {
        if (x.Shape.IsUnknownRank) return axes.Any(a => a < 0) ? throw new NotSupportedException($"{type}: negative axes on an input of unknown rank") : axes;
        int rank = x.Shape.Rank;
        foreach (int a in axes)
        {
            if (a < -rank || a >= rank) throw new ArgumentException($"{type}: axis {a} is out of range for input {x.Name} of rank {rank}");
        }
        return axes.Select(a => a < 0 ? a + rank : a).Distinct().Order().ToArray();
    }

    private static T Get<T>(this Dictionary<string, object> attrs, string key, string type) =>
        attrs.TryGetValue(key, out object? v) && v is T t ? t : throw new InvalidDataException($"{type}: attr '{key}' is missing or not a {typeof(T).Name}");

    /// <summary>The output dtypes of a node, from its attributes as TF's op definitions declare them.</summary>
    private static DType[] OutputDTypes(string type, Tensor[] inputs, Dictionary<string, object> attrs)
    {
        DType T() => attrs.TryGetValue("T", out object? t) && t is DType d ? d
            : inputs.Length > 0 ? inputs[0].DType
            : throw new InvalidDataException($"{type}: attr 'T' is missing");
        return type switch
        {
            "NoOp" or "SaveV2" or "MergeV2Checkpoints" => [],
            "Const" or "Placeholder" or "VariableV2" => [attrs.Get<DType>("dtype", type)],
            "Shape" or "Size" => [ShapeOps.ShapeOfAttrs.FromTf(attrs, type).OutType],
            "Rank" => [DType.Int32],
            "Cast" => [MathOps.CastAttrs.FromTf(attrs).DstT],
            "Range" => [attrs.TryGetValue("Tidx", out object? t) && t is DType d ? d : inputs[0].DType],
            "Equal" or "NotEqual" or "Greater" or "GreaterEqual" or "Less" or "LessEqual" or "IsVariableInitialized" or "IsNan" or "LogicalNot" => [DType.Bool],
            "StringJoin" or "ShardedFilename" => [DType.String],
            "RestoreV2" => SaverOps.RestoreAttrs.FromTf(attrs).DTypes,
            "BroadcastGradientArgs" or "SoftmaxCrossEntropyWithLogits" => [T(), T()],
            "DynamicStitch" => [inputs[^1].DType],
            "Select" => [inputs[1].DType],
            _ => [T()],
        };
    }
}
