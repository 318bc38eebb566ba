using TfLessons.IO.GraphDefs;
using TfLessons.IO.GraphDefs.Protos;

namespace TfLessons.Cli;

/// <summary><c>tfl graph inspect PATH</c>: what a .meta, .pb or .pbtxt graph holds and whether TfLessons can run
/// it.</summary>
public static class GraphCommands
{
    /// <summary>Prints nodes by op type, placeholders, variables, collections and unsupported ops; 0 when every op is
    /// supported, 1 otherwise.</summary>
    public static int Inspect(string path, TextWriter output)
    {
        var (meta, graph) = GraphFiles.Read(path);
        output.WriteLine(
            $"{path}: {(meta is null ? "GraphDef" : "MetaGraphDef")}, "
                + $"{graph.Node.Count} nodes, producer {graph.Versions?.Producer ?? 0}"
                + (meta?.MetaInfoDef?.TensorflowVersion is { Length: > 0 } v ? $", written by TensorFlow {v}" : "")
        );
        output.WriteLine("nodes by op type:");
        foreach (
            var group in graph
                .Node.GroupBy(n => n.Op)
                .OrderByDescending(g => g.Count())
                .ThenBy(g => g.Key, StringComparer.Ordinal)
        )
            output.WriteLine($"  {group.Key,-32} {group.Count(),6}");
        output.WriteLine("placeholders:");
        foreach (NodeDef n in graph.Node.Where(n => n.Op is "Placeholder" or "PlaceholderWithDefault"))
            output.WriteLine(
                $"  {n.Name}: {Dtype(n)} "
                    + $"{(n.Attr.TryGetValue("shape", out AttrValue? s) ? GraphFiles.ShapeText(s.Shape) : "<unknown>")}"
            );
        output.WriteLine("variables:");
        foreach (NodeDef n in graph.Node.Where(n => n.Op is "VariableV2" or "Variable" or "VarHandleOp"))
            output.WriteLine(
                $"  {n.Name}: {Dtype(n)} "
                    + $"{(n.Attr.TryGetValue("shape", out AttrValue? s) ? GraphFiles.ShapeText(s.Shape) : "<unknown>")}"
            );
        if (meta is not null)
        {
            output.WriteLine("collections:");
            foreach (var (key, c) in meta.CollectionDef.OrderBy(kv => kv.Key, StringComparer.Ordinal))
                output.WriteLine($"  {key}: {Count(c)} {c.KindCase}");
            if (meta.SaverDef is SaverDef sd)
                output.WriteLine(
                    $"saver: restore op {sd.RestoreOpName}, filename {sd.FilenameTensorName}, version {sd.Version}"
                );
        }
        var unsupported = graph
            .Node.Where(n => !GraphFiles.IsSupportedOp(n.Op))
            .GroupBy(n => n.Op)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToList();
        output.WriteLine(unsupported.Count == 0 ? "unsupported ops: none" : "unsupported ops:");
        foreach (var group in unsupported)
            output.WriteLine($"  {group.Key} ({group.Count()} node(s), e.g. '{group.First().Name}')");
        return unsupported.Count == 0 ? 0 : 1;
    }

    private static string Dtype(NodeDef n) =>
        n.Attr.TryGetValue("dtype", out AttrValue? d) ? GraphFiles.DTypeName(d.Type) : "?";

    private static int Count(CollectionDef c) => c.KindCase switch
    {
        CollectionDef.KindOneofCase.NodeList => c.NodeList.Value.Count,
        CollectionDef.KindOneofCase.BytesList => c.BytesList.Value.Count,
        CollectionDef.KindOneofCase.Int64List => c.Int64List.Value.Count,
        CollectionDef.KindOneofCase.FloatList => c.FloatList.Value.Count,
        _ => 0,
    };
}
