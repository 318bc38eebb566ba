using TfLessons.IO.GraphDefs.Protos;

namespace TfLessons.IO.GraphDefs;

/// <summary>Reading graph files for tools: .meta (MetaGraphDef), .pb (GraphDef) and protobuf text (.pbtxt).</summary>
public static class GraphFiles
{
    /// <summary>Reads <paramref name="path"/>: a .meta as a MetaGraphDef, anything else as a GraphDef (text when .pbtxt).</summary>
    public static (MetaGraphDef? Meta, GraphDef Graph) Read(string path)
    {
        if (path.EndsWith(".meta", StringComparison.OrdinalIgnoreCase))
        {
            MetaGraphDef meta = MetaGraphIo.Read(path, MetaGraphDef.Parser);
            return (meta, meta.GraphDef ?? new GraphDef());
        }
        return (null, MetaGraphIo.Read(path, GraphDef.Parser));
    }

    /// <summary>True when TfLessons can build and run nodes of this TF op type.</summary>
    public static bool IsSupportedOp(string type) => OpTranslation.IsSupported(type);

    public static string DTypeName(DataType t) => TensorCodec.ToDType(t)?.Name() ?? t.ToString();

    public static string ShapeText(TensorShapeProto? s) => TensorCodec.ToShape(s, "shape").ToString();
}
