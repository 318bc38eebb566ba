using Google.Protobuf;
using TfLessons.IO.Checkpoint;
using TfLessons.IO.GraphDefs;
using TfLessons.IO.GraphDefs.Protos;

namespace TfLessons;

/// <summary>
/// TensorFlow's <c>freeze_graph</c> (tensorflow/python/tools/freeze_graph.py), as TensorFlow.NET exposes it: the
/// subgraph that computes the output nodes, with every variable replaced by a constant holding its checkpoint value,
/// written as one self-contained binary GraphDef.
/// </summary>
public static class FreezeGraph
{
    // Resource variables (VarHandleOp + ReadVariableOp) would also need their reads rewritten; TfLessons graphs use
    // reference variables, and so do the TF1 graphs it imports.
    private static readonly HashSet<string> VariableOps = ["VariableV2", "Variable"];

    /// <summary>
    /// Freezes <paramref name="input_graph"/> (text unless <paramref name="input_binary"/>) with the values of
    /// <paramref name="input_checkpoint"/> into <paramref name="output_graph"/>; returns the output path.
    /// <paramref name="output_node_names"/> is comma-separated. The saver, restore-op and filename-tensor arguments are
    /// the deprecated ones TensorFlow also ignores for V2 checkpoints; devices are always cleared.
    /// </summary>
    public static string freeze_graph(string input_graph, string input_saver, bool input_binary, string input_checkpoint,
        string output_node_names, string restore_op_name, string filename_tensor_name, string output_graph,
        bool clear_devices, string initializer_nodes, string variable_names_whitelist = "", string variable_names_blacklist = "")
    {
        _ = (input_saver, restore_op_name, filename_tensor_name, clear_devices);
        if (!string.IsNullOrEmpty(initializer_nodes))
            throw new NotSupportedException($"freeze_graph: initializer_nodes ('{initializer_nodes}') is not supported; variables take their values from the checkpoint");
        GraphDef input = input_binary
            ? MetaGraphIo.Read(input_graph, GraphDef.Parser)
            : ProtoText.Parse<GraphDef>(File.ReadAllText(input_graph), input_graph);
        string prefix = CheckpointFiles.Resolve(input_checkpoint)
            ?? throw new FileNotFoundException($"freeze_graph: no checkpoint at '{input_checkpoint}' (no .index file)", input_checkpoint);
        using var checkpoint = CheckpointReader.Open(prefix);
        string[] outputs = Split(output_node_names);
        if (outputs.Length == 0) throw new ArgumentException("freeze_graph: You need to supply the name of a node to output_node_names.");
        GraphDef frozen = ConvertVariablesToConstants(input, checkpoint, outputs, Split(variable_names_whitelist), Split(variable_names_blacklist));
        MetaGraphIo.Write(output_graph, frozen, asText: false);
        return output_graph;
    }

    /// <summary>TensorFlow's <c>graph_util.convert_variables_to_constants</c>, reading values from a checkpoint.</summary>
    public static GraphDef ConvertVariablesToConstants(GraphDef input, CheckpointReader checkpoint, IReadOnlyCollection<string> outputNodes,
        IReadOnlyCollection<string>? whitelist = null, IReadOnlyCollection<string>? blacklist = null)
    {
        var byName = new Dictionary<string, NodeDef>();
        foreach (NodeDef node in input.Node) byName[node.Name] = node;
        var keep = new HashSet<string>();
        var pending = new Stack<string>(outputNodes);
        while (pending.TryPop(out string? name))
        {
            if (!byName.ContainsKey(name))
            {
                string hint = name.Contains(':') ? " (output_node_names takes node names, not tensor names like 'x:0')" : "";
                throw new ArgumentException(outputNodes.Contains(name)
                    ? $"freeze_graph: output node '{name}' is not in the graph{hint}"
                    : $"freeze_graph: node '{name}', an input of the output nodes' subgraph, is not in the graph");
            }
            if (!keep.Add(name)) continue;
            foreach (string inputName in byName[name].Input)
            {
                var (op, _, _) = GraphImporter.ParseInput(inputName, name, "freeze_graph");
                pending.Push(op);
            }
        }

        var output = new GraphDef { Versions = input.Versions?.Clone() };
        foreach (NodeDef node in input.Node.Where(n => keep.Contains(n.Name)))
        {
            bool convert = VariableOps.Contains(node.Op) && (whitelist is not { Count: > 0 } || whitelist.Contains(node.Name)) && blacklist?.Contains(node.Name) != true;
            output.Node.Add(convert ? ConstantFor(node, checkpoint) : WithoutDevice(node));
        }
        return output;
    }

    private static NodeDef ConstantFor(NodeDef variable, CheckpointReader checkpoint)
    {
        if (!checkpoint.Contains(variable.Name))
            throw new KeyNotFoundException($"freeze_graph: variable '{variable.Name}' is not in checkpoint '{checkpoint.Prefix}'");
        NDArray value = CheckpointValues.FromCheckpoint(checkpoint.ReadTensor(variable.Name));
        if (variable.Attr.TryGetValue("dtype", out AttrValue? dtype) && TensorCodec.ToDType(dtype.Type) is DType expected && expected != value.DType)
            throw new InvalidDataException($"freeze_graph: variable '{variable.Name}' is {expected.Name()} but checkpoint '{checkpoint.Prefix}' holds {value.DType.Name()}");
        if (variable.Attr.TryGetValue("shape", out AttrValue? shape) && TensorCodec.ToShape(shape.Shape, variable.Name) is { IsFullyDefined: true } declared
            && !declared.ToArray().SequenceEqual(value.Dims))
            throw new InvalidDataException($"freeze_graph: variable '{variable.Name}' has shape {declared} but checkpoint '{checkpoint.Prefix}' holds {value.Shape}");
        var node = new NodeDef { Name = variable.Name, Op = "Const" };
        node.Attr["dtype"] = new AttrValue { Type = TensorCodec.FromDType(value.DType) };
        node.Attr["value"] = new AttrValue { Tensor = TensorCodec.FromArray(value) };
        return node;
    }

    private static NodeDef WithoutDevice(NodeDef node)
    {
        NodeDef copy = node.Clone();
        copy.Device = "";
        return copy;
    }

    private static string[] Split(string names) => names.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
