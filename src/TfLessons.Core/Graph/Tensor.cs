namespace TfLessons;

/// <summary>A symbolic handle to one output of an <see cref="Operation"/>: named <c>"op:index"</c>.</summary>
public partial class Tensor : ITensorOrOperation
{
    internal Tensor(Operation op, int index, DType dtype, Shape shape)
    {
        Op = op;
        Index = index;
        DType = dtype;
        Shape = shape;
    }

    public Operation Op { get; }
    public int Index { get; }
    public DType DType { get; }

    /// <summary>The statically known shape; <see cref="set_shape"/> refines it.</summary>
    public Shape Shape { get; private set; }

    public Graph Graph => Op.Graph;

    /// <summary>The graph's own handle for this output (a <see cref="Variable"/> stands for its read output).</summary>
    internal Tensor Canonical => Op.Outputs.Count > Index ? Op.Outputs[Index] : this;
    public virtual string Name => $"{Op.Name}:{Index}";

    // TensorFlow's Python names, so TF1 Python code ports as written.
    public DType dtype => DType;
    public virtual string name => Name;
    public Operation op => Op;
    public Graph graph => Graph;

    /// <summary>Like TensorFlow: <c>Tensor("Mul:0", shape=(), dtype=float32)</c>.</summary>
    public override string ToString() => $"Tensor(\"{Name}\", shape={Shape}, dtype={DType.Name()})";
}
