using TfLessons.IO.GraphDefs.Protos;

namespace TfLessons.IO.GraphDefs;

/// <summary>
/// The save/restore nodes TF1's <c>tf.train.Saver</c> adds (V2 format, one shard), written into an exported
/// GraphDef so Python TensorFlow can save and restore through the meta graph's SaverDef. TfLessons' own Saver
/// reads the variables directly and does not need them in the graph.
/// </summary>
internal static class SaverSubgraph
{
    public static SaverDef Add(GraphDef def, IReadOnlyList<Variable> variables, int maxToKeep, double keepHours)
    {
        var used = new HashSet<string>(def.Node.Select(n => n.Name), StringComparer.Ordinal);
        string scope = "save";
        for (int i = 1; used.Any(n => n.StartsWith(scope + "/", StringComparison.Ordinal)); i++) scope = $"save_{i}";
        var sorted = variables.OrderBy(v => v.OpName, StringComparer.Ordinal).ToList();
        string[] keys = sorted.Select(v => v.OpName).ToArray();
        DType[] dtypes = sorted.Select(v => v.DType).ToArray();
        NDArray Strings(IEnumerable<string> s) { string[] a = s.ToArray(); return new NDArray(DType.String, [a.Length], a); }
        var filename = new NDArray(DType.String, [], new[] { "model" });

        def.Node.Add(GraphExporter.ConstNode($"{scope}/Const", filename));
        def.Node.Add(GraphExporter.ConstNode($"{scope}/SaveV2/tensor_names", Strings(keys)));
        def.Node.Add(GraphExporter.ConstNode($"{scope}/SaveV2/shape_and_slices", Strings(keys.Select(_ => ""))));
        var save = Node($"{scope}/SaveV2", "SaveV2", [$"{scope}/Const", $"{scope}/SaveV2/tensor_names", $"{scope}/SaveV2/shape_and_slices", .. keys]);
        save.Attr["dtypes"] = AttrCodec.FromObject(dtypes)!;
        def.Node.Add(save);
        var dependency = Node($"{scope}/control_dependency", "Identity", [$"{scope}/Const", $"^{scope}/SaveV2"]);
        dependency.Attr["T"] = AttrCodec.FromObject(DType.String)!;
        def.Node.Add(dependency);
        def.Node.Add(GraphExporter.ConstNode($"{scope}/RestoreV2/tensor_names", Strings(keys)));
        def.Node.Add(GraphExporter.ConstNode($"{scope}/RestoreV2/shape_and_slices", Strings(keys.Select(_ => ""))));
        var restore = Node($"{scope}/RestoreV2", "RestoreV2", [$"{scope}/Const", $"{scope}/RestoreV2/tensor_names", $"{scope}/RestoreV2/shape_and_slices"]);
        restore.Attr["dtypes"] = AttrCodec.FromObject(dtypes)!;
        def.Node.Add(restore);
        var assigns = new List<string>();
        for (int i = 0; i < sorted.Count; i++)
        {
            string name = i == 0 ? $"{scope}/Assign" : $"{scope}/Assign_{i}";
            var assign = Node(name, "Assign", [keys[i], i == 0 ? $"{scope}/RestoreV2" : $"{scope}/RestoreV2:{i}"]);
            assign.Attr["T"] = AttrCodec.FromObject(dtypes[i])!;
            assign.Attr["use_locking"] = AttrCodec.FromObject(true)!;
            assign.Attr["validate_shape"] = AttrCodec.FromObject(true)!;
            def.Node.Add(assign);
            assigns.Add("^" + name);
        }
        def.Node.Add(Node($"{scope}/restore_all", "NoOp", assigns));
        return new SaverDef
        {
            FilenameTensorName = $"{scope}/Const:0",
            SaveTensorName = $"{scope}/control_dependency:0",
            RestoreOpName = $"{scope}/restore_all",
            MaxToKeep = maxToKeep,
            KeepCheckpointEveryNHours = (float)keepHours,
            Version = SaverDef.Types.CheckpointFormatVersion.V2,
        };
    }

    private static NodeDef Node(string name, string op, IEnumerable<string> inputs)
    {
        var node = new NodeDef { Name = name, Op = op };
        node.Input.AddRange(inputs);
        return node;
    }
}
