using Google.Protobuf;
using TfLessons.IO.GraphDefs.Protos;
using TfLessons.IO.Internal;
using TfLessons.Train;

namespace TfLessons.IO.GraphDefs;

/// <summary>MetaGraphDef export and import: graph, collections and SaverDef, like TF1's <c>export_meta_graph</c> and <c>import_meta_graph</c>.</summary>
internal static class MetaGraphIo
{
    public const string TensorFlowVersion = "1.15.0";

    public static MetaGraphDef Export(Graph graph, int maxToKeep = 5, double keepHours = 10000)
    {
        GraphDef def = GraphExporter.Export(graph);
        var meta = new MetaGraphDef
        {
            MetaInfoDef = new MetaGraphDef.Types.MetaInfoDef { TensorflowVersion = TensorFlowVersion, TensorflowGitVersion = "v1.15.0-tfl" },
            GraphDef = def,
        };
        var variables = graph.get_collection<Variable>(GraphKeys.GLOBAL_VARIABLES);
        Operation? restoreAll = graph.Operations.FirstOrDefault(o => o.Type == "NoOp" && o.Name.EndsWith("/restore_all", StringComparison.Ordinal));
        if (restoreAll is not null)
        {
            // An imported graph keeps its own save/restore nodes: point the SaverDef at them.
            string scope = restoreAll.Name[..^"/restore_all".Length];
            meta.SaverDef = new SaverDef
            {
                FilenameTensorName = $"{scope}/Const:0",
                SaveTensorName = $"{scope}/control_dependency:0",
                RestoreOpName = restoreAll.Name,
                MaxToKeep = maxToKeep,
                KeepCheckpointEveryNHours = (float)keepHours,
                Version = SaverDef.Types.CheckpointFormatVersion.V2,
            };
        }
        else if (variables.Count > 0)
        {
            meta.SaverDef = SaverSubgraph.Add(def, variables, maxToKeep, keepHours);
        }
        var opList = new OpList();
        foreach (string type in def.Node.Select(n => n.Op).Distinct().Order(StringComparer.Ordinal)) opList.Op.Add(new Protos.OpDef { Name = type });
        meta.MetaInfoDef.StrippedOpList = opList;
        foreach (string key in graph.CollectionKeys.Order(StringComparer.Ordinal))
        {
            if (Collection(graph.get_collection(key)) is CollectionDef c) meta.CollectionDef[key] = c;
        }
        return meta;
    }

    private static CollectionDef? Collection(IReadOnlyList<object> items)
    {
        if (items.Count > 0 && items.All(i => i is Variable))
        {
            var bytes = new CollectionDef.Types.BytesList();
            foreach (Variable v in items.Cast<Variable>())
            {
                bytes.Value.Add(new VariableDef
                {
                    VariableName = v.Name,
                    InitialValueName = v.InitialValue.Name,
                    InitializerName = v.Initializer.Name,
                    SnapshotName = v.Op.Name + ":0",
                    Trainable = v.Trainable,
                }.ToByteString());
            }
            return new CollectionDef { BytesList = bytes };
        }
        var nodes = new CollectionDef.Types.NodeList();
        foreach (object item in items)
        {
            switch (item)
            {
                case Variable v: nodes.Value.Add(v.Name); break;
                case Tensor t: nodes.Value.Add(t.Name); break;
                case Operation o: nodes.Value.Add(o.Name); break;
                default: return null;
            }
        }
        return nodes.Value.Count > 0 ? new CollectionDef { NodeList = nodes } : null;
    }

    public static void Write(string path, IMessage message, bool asText)
    {
        string full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        byte[] bytes = asText ? System.Text.Encoding.UTF8.GetBytes(ProtoText.Format(message)) : message.ToByteArray();
        AtomicFile.WriteAllBytes(full, bytes);
    }

    /// <summary>Reads a binary or text (.pbtxt / .pbtext) message; every error names the file.</summary>
    public static T Read<T>(string path, MessageParser<T> parser) where T : IMessage<T>, new()
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: no such file", path);
        byte[] bytes = File.ReadAllBytes(path);
        try
        {
            if (path.EndsWith(".pbtxt", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".pbtext", StringComparison.OrdinalIgnoreCase))
                return ProtoText.Parse<T>(System.Text.Encoding.UTF8.GetString(bytes), path);
            return parser.ParseFrom(bytes);
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new InvalidDataException($"{path}: not a valid {typeof(T).Name} ({bytes.Length} bytes): {e.Message}", e);
        }
    }

    public static (Saver? Saver, Dictionary<string, Operation> Ops) Import(Graph graph, MetaGraphDef meta, string source, string scope)
    {
        if (meta.GraphDef is null) throw new InvalidDataException($"{source}: the MetaGraphDef has no graph_def");
        Dictionary<string, Operation> ops = GraphImporter.Import(graph, meta.GraphDef, source, scope, null);
        var variables = new Dictionary<string, Variable>(StringComparer.Ordinal);
        var trainableNames = new HashSet<string>(StringComparer.Ordinal);
        if (meta.CollectionDef.TryGetValue(GraphKeys.TRAINABLE_VARIABLES, out CollectionDef? trainable) && trainable.BytesList is not null)
        {
            foreach (ByteString b in trainable.BytesList.Value) trainableNames.Add(VariableDef.Parser.ParseFrom(b).VariableName);
        }
        foreach (var (key, c) in meta.CollectionDef.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            string what = $"{source}: collection '{key}'";
            if (c.KindCase == CollectionDef.KindOneofCase.NodeList)
            {
                foreach (string name in c.NodeList.Value) graph.add_to_collection(key, Resolve(ops, name, what));
            }
            else if (c.KindCase == CollectionDef.KindOneofCase.BytesList && key is GraphKeys.GLOBAL_VARIABLES or GraphKeys.TRAINABLE_VARIABLES
                     or "local_variables" or "model_variables" or "moving_average_variables")
            {
                foreach (ByteString b in c.BytesList.Value)
                {
                    VariableDef vd;
                    try { vd = VariableDef.Parser.ParseFrom(b); }
                    catch (InvalidProtocolBufferException e) { throw new InvalidDataException($"{what}: a VariableDef does not decode: {e.Message}", e); }
                    if (!variables.TryGetValue(vd.VariableName, out Variable? v))
                        variables[vd.VariableName] = v = MakeVariable(ops, vd, trainableNames.Contains(vd.VariableName) || vd.Trainable, what);
                    graph.add_to_collection(key, v);
                }
            }
        }
        var all = graph.get_collection<Variable>(GraphKeys.GLOBAL_VARIABLES);
        Saver? saver = all.Count == 0 ? null
            : meta.SaverDef is SaverDef sd ? new Saver(all, max_to_keep: sd.MaxToKeep, keep_checkpoint_every_n_hours: sd.KeepCheckpointEveryNHours > 0 ? sd.KeepCheckpointEveryNHours : 10000)
            : new Saver(all);
        return (saver, ops);
    }

    private static object Resolve(Dictionary<string, Operation> ops, string name, string what)
    {
        var (op, index, _) = GraphImporter.ParseInput(name, name, what);
        if (!ops.TryGetValue(op, out Operation? o)) throw new InvalidDataException($"{what}: names '{name}', which is not in the graph");
        if (!name.Contains(':')) return o;
        return index < o.Outputs.Count ? o.Outputs[index] : throw new InvalidDataException($"{what}: names '{name}', but '{op}' has {o.Outputs.Count} output(s)");
    }

    private static Variable MakeVariable(Dictionary<string, Operation> ops, VariableDef vd, bool trainable, string what)
    {
        if (vd.IsResource) throw new NotSupportedException($"{what}: resource variable '{vd.VariableName}' is not supported");
        Operation Op(string name, string field) => Resolve(ops, name.Split(':')[0], what + $" field {field}") as Operation
            ?? throw new InvalidDataException($"{what}: {field} '{name}' is not an operation");
        Operation variable = Op(vd.VariableName, "variable_name");
        Operation initializer = Op(vd.InitializerName, "initializer_name");
        Operation read = Op(vd.SnapshotName, "snapshot_name");
        if (variable.Type != "VariableV2") throw new InvalidDataException($"{what}: '{vd.VariableName}' is a {variable.Type}, not a variable");
        Tensor initial = vd.InitialValueName.Length > 0 ? (Tensor)Resolve(ops, vd.InitialValueName, what + " field initial_value_name")
            : initializer.Inputs.Count > 1 ? initializer.Inputs[1] : read.Outputs[0];
        return new Variable(read, variable, initializer, initial, trainable);
    }
}
