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
    };

    // Engine-internal op types that have no TF counterpart and are not written by TF: never accepted from a file
    // under their TF-looking name, but exported graphs of TfLessons carry them (and re-import them) by these names.
    public static bool IsSupported(string type) => Special.Contains(type) || OpRegistry.Types.Contains(type);

    public static Operation Create(Graph graph, string type, string name, Tensor[] inputs, Dictionary<string, object> attrs, int producer)
    {
        string exact = name + "/";
        // Attributes named "_..." (_output_shapes, _class) are TF's runtime annotations, not part of the op.
        foreach (string key in attrs.Keys.Where(k => k.StartsWith('_')).ToList()) attrs.Remove(key);
        // TF's legacy rule: before GraphDef version 22 a placeholder's empty shape meant "any shape".
        if (type == "Placeholder" && producer <= 21 && attrs.GetValueOrDefault("shape") is Shape { IsUnknownRank: false, Rank: 0 })
            attrs["shape"] = Shape.Unknown;
        switch (type)
        {
            case "Variable":
                return graph.CreateOp("VariableV2", inputs, [attrs.Get<DType>("dtype", type)], exact, attrs);
            case "Reshape" when Known(inputs, 1) is int[] shape:
                attrs["shape"] = shape;
                return graph.CreateOp("Reshape", [inputs[0]], [inputs[0].DType], exact, attrs);
            case "Reshape":
                return graph.CreateOp("Reshape.dynamic", inputs, [inputs[0].DType], exact, attrs);
            // Prod of integers is shape arithmetic in gradient subgraphs: its dynamic form is evaluated when plans are built.
            case "Sum" or "Mean" or "Max" or "Min" or "Prod" when (type != "Prod" || inputs[0].DType.IsFloating()) && Known(inputs, 1) is int[] axes && (!inputs[0].Shape.IsUnknownRank || axes.All(a => a >= 0)):
                attrs["axes"] = Canonical(inputs[0], axes, type);
                attrs["keep_dims"] = attrs.GetValueOrDefault("keep_dims") is true;
                attrs["all_axes"] = false;
                return graph.CreateOp(type, [inputs[0]], [inputs[0].DType], exact, attrs);
            case "Sum" or "Mean" or "Prod":
                attrs["keep_dims"] = attrs.GetValueOrDefault("keep_dims") is true;
                return graph.CreateOp(type + ".dynamic", inputs, [inputs[0].DType], exact, attrs);
            case "Tile" when Known(inputs, 1) is int[] multiples:
                attrs["multiples"] = multiples;
                return graph.CreateOp("Tile", [inputs[0]], [inputs[0].DType], exact, attrs);
            case "Tile":
                return graph.CreateOp("Tile.dynamic", inputs, [inputs[0].DType], exact, attrs);
            case "Pack":
                // The engine's Pack keeps its axis as an int; TF 1.0 leaves it out when it is the default, 0.
                attrs["axis"] = Convert.ToInt32(attrs.GetValueOrDefault("axis") ?? 0, System.Globalization.CultureInfo.InvariantCulture);
                attrs["N"] = inputs.Length;
                return graph.CreateOp("Pack", inputs, [inputs[0].DType], exact, attrs);
            case "ConcatV2":
                attrs["axis"] = Need(inputs, inputs.Length - 1, type, "axis")[0];
                attrs["N"] = inputs.Length - 1;
                return graph.CreateOp("ConcatV2", inputs[..^1], [inputs[0].DType], exact, attrs);
            case "GatherV2":
                attrs["axis"] = Need(inputs, 2, type, "axis")[0];
                return graph.CreateOp("GatherV2", inputs[..2], [inputs[0].DType], exact, attrs);
            case "Fill" when Known(inputs, 0) is int[] dims && inputs[1].Op.Type == "Const":
                attrs["dims"] = dims;
                attrs["value"] = inputs[1].Op.Attr<NDArray>("value").GetDouble(0);
                return graph.CreateOp("Fill", [], [inputs[1].DType], exact, attrs);
            case "Fill":
                return graph.CreateOp("Fill.dynamic", inputs, [inputs[1].DType], exact, attrs);
            case "ExpandDims":
                attrs["axis"] = Need(inputs, 1, type, "dim")[0];
                return graph.CreateOp(type, [inputs[0]], [inputs[0].DType], exact, attrs);
            case "ArgMax":
                if (attrs.GetValueOrDefault("output_type") is DType d && d != DType.Int64) throw new NotSupportedException("ArgMax with output_type other than int64");
                attrs["axis"] = Canonical(inputs[0], Need(inputs, 1, type, "dimension"), type)[0];
                return graph.CreateOp(type, [inputs[0]], [DType.Int64], exact, attrs);
            case "Transpose":
                attrs["perm"] = Need(inputs, 1, type, "perm");
                return graph.CreateOp(type, [inputs[0]], [inputs[0].DType], exact, attrs);
            case "StridedSlice" when inputs.Length == 4:
                if (attrs.GetValueOrDefault("ellipsis_mask") is not (null or 0) || attrs.GetValueOrDefault("new_axis_mask") is not (null or 0))
                    throw new NotSupportedException("StridedSlice with ellipsis_mask or new_axis_mask");
                attrs["begin"] = Need(inputs, 1, type, "begin");
                attrs["end"] = Need(inputs, 2, type, "end");
                attrs["strides"] = Need(inputs, 3, type, "strides");
                foreach (string mask in new[] { "begin_mask", "end_mask", "shrink_axis_mask" }) attrs.TryAdd(mask, 0);
                return graph.CreateOp(type, [inputs[0]], [inputs[0].DType], exact, attrs);
            case "RandomStandardNormal" or "RandomUniform" or "TruncatedNormal":
                attrs["shape"] = Need(inputs, 0, type, "shape");
                attrs["seed"] = Convert.ToInt64(attrs.GetValueOrDefault("seed") ?? 0L);
                attrs["seed2"] = Convert.ToInt64(attrs.GetValueOrDefault("seed2") ?? 0L);
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
            "Shape" or "Size" => [attrs.TryGetValue("out_type", out object? o) && o is DType d ? d : DType.Int32],
            "Rank" => [DType.Int32],
            "Cast" => [attrs.Get<DType>("DstT", type)],
            "Range" => [attrs.TryGetValue("Tidx", out object? t) && t is DType d ? d : inputs[0].DType],
            "Equal" or "NotEqual" or "Greater" or "GreaterEqual" or "Less" or "LessEqual" or "IsVariableInitialized" or "IsNan" or "LogicalNot" => [DType.Bool],
            "StringJoin" or "ShardedFilename" => [DType.String],
            "RestoreV2" => attrs.Get<DType[]>("dtypes", type),
            "BroadcastGradientArgs" or "SoftmaxCrossEntropyWithLogits" => [T(), T()],
            "DynamicStitch" => [inputs[^1].DType],
            "Select" => [inputs[1].DType],
            _ => [T()],
        };
    }
}
