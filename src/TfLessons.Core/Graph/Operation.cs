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

    public T Attr<T>(string key) =>
        _attrs.TryGetValue(key, out object? value) && value is T typed
            ? typed
            : throw new KeyError($"operation '{Name}' ({Type}) has no attribute '{key}' of type {typeof(T).Name}");

    public T Attr<T>(string key, T fallback) => _attrs.TryGetValue(key, out object? value) && value is T typed ? typed : fallback;

    internal void SetAttr(string key, object value) => _attrs[key] = value;

    /// <summary>The attributes a GraphDef carries (engine-only hints such as a placeholder's feed hint are left out).</summary>
    internal IReadOnlyDictionary<string, object> AttrsForExport() => _attrs.Where(kv => kv.Key != "feed_hint").ToDictionary();

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
