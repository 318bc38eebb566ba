using TfLessons.IO.GraphDefs;

namespace TfLessons;

public sealed partial class Graph
{
    /// <summary>TensorFlow's <c>as_graph_def()</c>: the graph's nodes as a GraphDef (TF1 node forms, producer versions
    /// of TF 1.15).</summary>
    public IO.GraphDefs.Protos.GraphDef as_graph_def() => GraphExporter.Export(this);

    public IReadOnlyList<Operation> get_operations() => _ops.ToList();

    /// <summary>Marks an imported node's name, and the scopes it sits in, as used, so builders never reuse
    /// it.</summary>
    internal void MarkNameUsed(string name)
    {
        for (int slash = name.IndexOf('/'); ; slash = name.IndexOf('/', slash + 1))
        {
            string key = (slash < 0 ? name : name[..slash]).ToLowerInvariant();
            _namesInUse[key] = Math.Max(1, _namesInUse.GetValueOrDefault(key));
            if (slash < 0) return;
        }
    }

    internal IEnumerable<string> CollectionKeys => _collections.Keys;

    /// <summary>
    /// TensorFlow.NET's <c>graph.Import(path)</c>: adds the nodes of a GraphDef file (binary, or text for .pbtxt) to
    /// this graph, their names under <paramref name="prefix"/> when given.
    /// </summary>
    public void Import(string file_path, string prefix = "")
    {
        var def = MetaGraphIo.Read(file_path, IO.GraphDefs.Protos.GraphDef.Parser);
        GraphImporter.Import(this, def, file_path, prefix, null);
    }

    /// <summary>TensorFlow.NET's name for <see cref="get_operation_by_name"/>.</summary>
    public Operation OperationByName(string operName) => get_operation_by_name(operName);
}
