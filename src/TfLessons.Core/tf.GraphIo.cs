using TfLessons.IO.GraphDefs;
using TfLessons.IO.GraphDefs.Protos;

namespace TfLessons;

public static partial class tf
{
    public static IReadOnlyList<object> get_collection(string key) => TfLessons.Graph.Default.get_collection(key);

    /// <summary>
    /// TF1's <c>tf.import_graph_def</c>: adds <paramref name="graph_def"/>'s nodes to the default graph under the
    /// name scope <paramref name="name"/> ("import" by default, "" for none). <paramref name="input_map"/> replaces
    /// inputs ("x:0" or "x") by tensors of this graph; returns the tensors ("op:N") or operations ("op") named in
    /// <paramref name="return_elements"/>, in that order.
    /// </summary>
    public static IReadOnlyList<ITensorOrOperation> import_graph_def(
        GraphDef graph_def,
        IReadOnlyDictionary<string, Tensor>? input_map = null,
        IEnumerable<string>? return_elements = null,
        string? name = null
    )
    {
        Dictionary<string, Tensor>? map = input_map?.ToDictionary(
            kv => kv.Key.EndsWith(":0", StringComparison.Ordinal) ? kv.Key[..^2] : kv.Key,
            kv => kv.Value
        );
        // TF accepts "x" and "x:0" for the same input; NodeDef inputs spell output 0 as "x".
        Dictionary<string, Operation> ops = GraphImporter.Import(
            TfLessons.Graph.Default,
            graph_def,
            "import_graph_def",
            name ?? "import",
            map
        );
        var result = new List<ITensorOrOperation>();
        foreach (string element in return_elements ?? [])
        {
            var (op, index, _) = GraphImporter.ParseInput(element, element, "import_graph_def");
            if (!ops.TryGetValue(op, out Operation? o))
                throw new ArgumentException($"import_graph_def: return_element '{element}' is not in the graph_def");
            // Not a conditional expression: its type would be Tensor, converting the operation to its first output.
            if (!element.Contains(':'))
                result.Add(o);
            else
                result.Add(
                    o.Outputs.ElementAtOrDefault(index)
                        ?? throw new ArgumentException($"import_graph_def: '{op}' has no output {index}")
                );
        }
        return result;
    }

    public static partial class train
    {
        /// <summary>Writes <paramref name="graph_or_graph_def"/> (a Graph or a GraphDef) to <c>logdir/name</c>, binary
        /// or protobuf text; returns the path.</summary>
        public static string write_graph(object graph_or_graph_def, string logdir, string name, bool as_text = true)
        {
            GraphDef def = graph_or_graph_def switch
            {
                TfLessons.Graph g => g.as_graph_def(),
                GraphDef d => d,
                _ => throw new ArgumentException(
                    $"write_graph: expected a Graph or a GraphDef, got {graph_or_graph_def.GetType().Name}"
                ),
            };
            string path = Path.Combine(logdir, name);
            MetaGraphIo.Write(path, def, as_text);
            return path;
        }

        /// <summary>TF1's <c>tf.train.export_meta_graph</c>: graph, collections and a SaverDef (with TF's save/restore
        /// nodes); written to <paramref name="filename"/> when given.</summary>
        public static MetaGraphDef export_meta_graph(
            string? filename = null,
            TfLessons.Graph? graph = null,
            bool as_text = false
        )
        {
            MetaGraphDef meta = MetaGraphIo.Export(graph ?? TfLessons.Graph.Default);
            if (filename is not null) MetaGraphIo.Write(filename, meta, as_text);
            return meta;
        }

        /// <summary>
        /// TF1's <c>tf.train.import_meta_graph</c>: imports the graph into the default graph (under
        /// <paramref name="import_scope"/>), restores its collections and returns a Saver over its variables (null when
        /// it has none). Devices are always ignored, so <paramref name="clear_devices"/> changes nothing.
        /// </summary>
        public static Train.Saver? import_meta_graph(
            string meta_graph_or_file,
            bool clear_devices = false,
            string? import_scope = null
        )
        {
            _ = clear_devices;
            MetaGraphDef meta = MetaGraphIo.Read(meta_graph_or_file, MetaGraphDef.Parser);
            return MetaGraphIo.Import(TfLessons.Graph.Default, meta, meta_graph_or_file, import_scope ?? "").Saver;
        }

        public static Train.Saver? import_meta_graph(MetaGraphDef meta_graph, string? import_scope = null) =>
            MetaGraphIo.Import(TfLessons.Graph.Default, meta_graph, "MetaGraphDef", import_scope ?? "").Saver;
    }
}
