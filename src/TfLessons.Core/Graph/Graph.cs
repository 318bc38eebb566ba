using TfLessons.Util;

namespace TfLessons;

/// <summary>
/// A TensorFlow 1 dataflow graph: operations in creation order, TensorFlow's unique naming with name
/// scopes, control-dependency scopes, collections and the graph-level random seed.
/// </summary>
public sealed partial class Graph : IDisposable
{
    [ThreadStatic] private static Graph? _default;
    [ThreadStatic] private static List<Graph?>? _previousDefaults;

    private readonly List<Operation> _ops = [];
    private readonly Dictionary<string, Operation> _byName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _namesInUse = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<object>> _collections = new(StringComparer.Ordinal);
    private readonly List<List<Operation>> _controlStack = [];
    private string _nameStack = "";

    /// <summary>The graph that <c>tf.*</c> builders add to on this thread.</summary>
    public static Graph Default => _default ??= new Graph();

    internal static void ResetDefault() => _default = new Graph();

    public IReadOnlyList<Operation> Operations => _ops;

    /// <summary>The graph-level seed set by <c>tf.set_random_seed</c>.</summary>
    public int? Seed { get; set; }

    /// <summary>True once finalized: the graph is read-only (TensorFlow's <c>finalize()</c>).</summary>
    public bool Finalized { get; private set; }

    public void finalize() => Finalized = true;

    /// <summary>
    /// Makes this the default graph on this thread and returns it (TensorFlow.NET's <c>tf.Graph().as_default()</c>);
    /// disposing it restores the previous default, so <c>using (g.as_default()) { ... }</c> scopes it.
    /// </summary>
    public Graph as_default()
    {
        (_previousDefaults ??= []).Add(_default);
        _default = this;
        return this;
    }

    /// <summary>Ends the innermost <see cref="as_default"/> scope of this graph; a no-op when it is not the
    /// default.</summary>
    public void Dispose()
    {
        if (_default != this || _previousDefaults is not { Count: > 0 } previous) return;
        _default = previous[^1];
        previous.RemoveAt(previous.Count - 1);
    }

    public Operation get_operation_by_name(string name) =>
        _byName.TryGetValue(name, out Operation? op)
            ? op
            : throw new KeyError($"The name '{name}' refers to an Operation not in the graph.");

    public Tensor get_tensor_by_name(string name)
    {
        int colon = name.LastIndexOf(':');
        if (colon < 0 || !int.TryParse(name[(colon + 1)..], out int index))
            throw new ArgumentException(
                $"The name '{name}' looks like an (invalid) Operation name, not a "
                    + $"Tensor. Tensor names must be of the form \"<op_name>:<output_index>\"."
            );
        Operation op = get_operation_by_name(name[..colon]);
        if (index >= op.Outputs.Count)
            throw new KeyError(
                $"The name '{name}' refers to a Tensor which does not exist. The "
                    + $"operation, '{op.Name}', exists but only has {op.Outputs.Count} outputs."
            );
        return op.Outputs[index];
    }

    /// <summary>TensorFlow's <c>unique_name</c>: "Mul", "Mul_1", ... scoped by the current name scope; keys are
    /// case-insensitive.</summary>
    public string UniqueName(string name, bool markAsUsed = true)
    {
        if (_nameStack.Length > 0) name = _nameStack + "/" + name;
        string key = name.ToLowerInvariant();
        int i = _namesInUse.GetValueOrDefault(key);
        if (markAsUsed) _namesInUse[key] = i + 1;
        if (i == 0) return name;
        string baseKey = key;
        while (_namesInUse.ContainsKey(key))
        {
            key = $"{baseKey}_{i}";
            i++;
        }
        if (markAsUsed) _namesInUse[key] = 1;
        return $"{name}_{i - 1}";
    }

    /// <summary>Opens a name scope (TensorFlow's <c>name_scope</c>); a name ending in '/' re-enters an existing
    /// scope.</summary>
    public IDisposable NameScope(string? name)
    {
        string previous = _nameStack;
        if (name is null) _nameStack = "";
        else if (name.EndsWith('/')) _nameStack = name.TrimEnd('/');
        else if (name.Length > 0) _nameStack = UniqueName(name);
        return new Scope(() => _nameStack = previous);
    }

    internal string CurrentNameScope => _nameStack;

    /// <summary>Ops created inside get control inputs on <paramref name="ops"/>; null clears them.</summary>
    public IDisposable ControlDependencies(IEnumerable<ITensorOrOperation>? ops)
    {
        if (ops is null)
        {
            var saved = _controlStack.ToList();
            _controlStack.Clear();
            return new Scope(() => { _controlStack.Clear(); _controlStack.AddRange(saved); });
        }
        var list = ops.Select(o => o.Op).ToList();
        foreach (Operation op in list) CheckSameGraph(op, "control_dependencies");
        _controlStack.Add(list);
        return new Scope(() => _controlStack.RemoveAt(_controlStack.Count - 1));
    }

    /// <summary>The single low-level constructor: validates, names, infers output shapes, records consumers.</summary>
    internal Operation CreateOp(
        string type,
        Tensor[] inputs,
        DType[] outputDTypes,
        string? name = null,
        Dictionary<string, object>? attrs = null
    )
    {
        if (Finalized) throw new InvalidOperationException("Graph is finalized and cannot be modified.");
        OpSchema schema = OpSchemas.Get(type);
        inputs = inputs.Select(t => t.Canonical).ToArray();
        foreach (Tensor input in inputs) CheckSameGraph(input.Op, type);
        string opName = name is not null && name.EndsWith('/') ? name.TrimEnd('/') : UniqueName(name ?? type);
        if (_byName.ContainsKey(opName)) throw new ArgumentException($"Duplicate node name in graph: '{opName}'");
        var controls = _controlStack.SelectMany(l => l).Distinct().ToList();
        var op = new Operation(this, _ops.Count, opName, schema, inputs, attrs ?? [], controls);
        Shape[] inputShapes = inputs.Select(t => t.Shape).ToArray();
        Shape[] outputShapes = schema.InferShapes(op, inputShapes);
        if (outputShapes.Length != outputDTypes.Length)
            throw new InvalidOperationException(
                $"op {type}: shape rule gave {outputShapes.Length} outputs, expected {outputDTypes.Length}"
            );
        op.Outputs = outputDTypes.Select((dt, i) => new Tensor(op, i, dt, outputShapes[i])).ToArray();
        foreach (Tensor input in inputs)
        {
            if (!input.Op.Consumers.Contains(op)) input.Op.Consumers.Add(op);
        }
        _ops.Add(op);
        _byName[opName] = op;
        return op;
    }

    internal void CheckSameGraph(Operation op, string context)
    {
        if (op.Graph != this)
            throw new ArgumentException(
                $"{context}: Tensor {op.Name} must be from the same graph as the other inputs (it belongs "
                    + $"to another tf.Graph; build everything inside one graph or use graph.as_default())."
            );
    }

    public void add_to_collection(string key, object value)
    {
        if (!_collections.TryGetValue(key, out List<object>? list)) _collections[key] = list = [];
        list.Add(value);
    }

    public IReadOnlyList<T> get_collection<T>(string key) =>
        _collections.TryGetValue(key, out List<object>? list) ? list.OfType<T>().ToList() : [];

    public IReadOnlyList<object> get_collection(string key) =>
        _collections.TryGetValue(key, out List<object>? list) ? list.ToList() : [];
}

/// <summary>Standard collection names.</summary>
public static class GraphKeys
{
    public const string GLOBAL_VARIABLES = "variables";
    public const string TRAINABLE_VARIABLES = "trainable_variables";
    public const string UPDATE_OPS = "update_ops";
    public const string SUMMARIES = "summaries";
    public const string LOSSES = "losses";
    public const string REGULARIZATION_LOSSES = "regularization_losses";
}
