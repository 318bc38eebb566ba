namespace TfLessons;

/// <summary>A node of the graph: an op type, its input tensors, attributes and outputs.</summary>
public sealed partial class Operation : ITensorOrOperation
{
    private readonly Dictionary<string, object> _attrs;
    private readonly List<Operation> _controlInputs;

    internal Operation(Graph graph, int id, string name, OpSchema schema, Tensor[] inputs, Dictionary<string, object> attrs, List<Operation> controlInputs)
    {
        Graph = graph;
        Id = id;
        Name = name;
        Schema = schema;
        Inputs = inputs;
        _attrs = attrs;
        _controlInputs = controlInputs;
        Outputs = [];
    }

    public Graph Graph { get; }

    /// <summary>Creation order within the graph; also TensorFlow's "last id" used by op seeds.</summary>
    public int Id { get; }

    public string Name { get; }
    public string Type => Schema.Type;
    internal OpSchema Schema { get; }
    public IReadOnlyList<Tensor> Inputs { get; }
    public IReadOnlyList<Tensor> Outputs { get; internal set; }
    public IReadOnlyList<Operation> ControlInputs => _controlInputs;
    /// <summary>Ops that take one of this op's outputs as a data input.</summary>
    internal List<Operation> Consumers { get; } = [];

    public Tensor Output(int index = 0) => Outputs[index];

    public bool HasAttr(string key) => _attrs.ContainsKey(key);

    /// <summary>
    /// The attribute <paramref name="key"/> (TensorFlow's <c>op.get_attr</c>). A missing attribute is a
    /// <see cref="KeyError"/> and one of another type an <see cref="ArgumentException"/>, each naming the op, its
    /// type, the attribute and the expected type. The engine reads attributes through each op's typed record.
    /// </summary>
    public T Attr<T>(string key) =>
        _attrs.TryGetValue(key, out object? value)
            ? Typed<T>(key, value)
            : throw MissingAttr(Describe(), key, typeof(T));

    /// <summary>
    /// The attribute <paramref name="key"/>, or <paramref name="fallback"/> when the op has none (a wrong type is still
    /// an error).
    /// </summary>
    public T Attr<T>(string key, T fallback) =>
        _attrs.TryGetValue(key, out object? value) ? Typed<T>(key, value) : fallback;

    internal void SetAttr(string key, object value) => _attrs[key] = value;

    /// <summary>Every attribute as the op holds it (the exporter turns them into TensorFlow's NodeDef form).</summary>
    internal IReadOnlyDictionary<string, object> AttrsForExport() => _attrs;

    private T Typed<T>(string key, object value) =>
        value is T typed ? typed : throw WrongAttrType(Describe(), key, value, typeof(T));

    // The attribute errors, shared with the op attribute records' reads of imported NodeDef attributes.
    internal static KeyError MissingAttr(string owner, string key, System.Type expected) =>
        new($"{owner} has no attribute '{key}' (expected {AttrTypeName(expected)})");

    internal static ArgumentException WrongAttrType(string owner, string key, object value, System.Type expected) =>
        new($"{owner}: attribute '{key}' is {AttrTypeName(value.GetType())}, expected {AttrTypeName(expected)}");

    /// <summary>C#'s names for the attribute types (bool, int, long, double, string, int[], DType, Shape...).</summary>
    private static string AttrTypeName(System.Type t)
    {
        System.Type bare = Nullable.GetUnderlyingType(t) ?? t;
        if (bare.IsArray) return AttrTypeName(bare.GetElementType()!) + "[]";
        if (bare.IsEnum) return bare.Name;
        return System.Type.GetTypeCode(bare) switch
        {
            TypeCode.Boolean => "bool",
            TypeCode.Int32 => "int",
            TypeCode.Int64 => "long",
            TypeCode.Single => "float",
            TypeCode.Double => "double",
            TypeCode.String => "string",
            _ => bare.Name,
        };
    }

    private string Describe() => $"operation '{Name}' ({Type})";

    internal void AddControlInput(Operation op)
    {
        if (!_controlInputs.Contains(op)) _controlInputs.Add(op);
    }

    Operation ITensorOrOperation.Op => this;

    public override string ToString() => $"name: \"{Name}\"\nop: \"{Type}\"\n" + string.Concat(Inputs.Select(t => $"input: \"{t.Name}\"\n"));
}

/// <summary>Something a session can run: a tensor (fetched) or an operation (executed).</summary>
public interface ITensorOrOperation
{
    Operation Op { get; }
}

/// <summary>A missing key or attribute (TensorFlow raises KeyError for these).</summary>
public sealed class KeyError(string message) : Exception(message);
