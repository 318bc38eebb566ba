using TfLessons.Ops;

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

    public static Tensor operator +(Tensor x, Tensor y) => MathOps.Add(x, y, "add");
    public static Tensor operator -(Tensor x, Tensor y) => MathOps.Sub(x, y, "sub");
    public static Tensor operator *(Tensor x, Tensor y) => MathOps.Mul(x, y, "mul");
    public static Tensor operator /(Tensor x, Tensor y) => MathOps.TrueDiv(x, y, "truediv");
    public static Tensor operator -(Tensor x) => MathOps.Neg(x, "Neg");

    public static Tensor operator +(Tensor x, double y) => x + Constants.Like(x, y);
    public static Tensor operator +(double x, Tensor y) => Constants.Like(y, x) + y;
    public static Tensor operator -(Tensor x, double y) => x - Constants.Like(x, y);
    public static Tensor operator -(double x, Tensor y) => Constants.Like(y, x) - y;
    public static Tensor operator *(Tensor x, double y) => x * Constants.Like(x, y);
    public static Tensor operator *(double x, Tensor y) => Constants.Like(y, x) * y;
    public static Tensor operator /(Tensor x, double y) => x / Constants.Like(x, y);
    public static Tensor operator /(double x, Tensor y) => Constants.Like(y, x) / y;

    /// <summary><c>x[i]</c>: a strided slice that drops the first axis, like TensorFlow's <c>__getitem__</c>.</summary>
    public Tensor this[int index] => ArrayOps.StridedSlice(this, [index], [index + 1], [1], beginMask: 0, endMask: 0, shrinkAxisMask: 1);

    /// <summary><c>x[start:stop]</c> along the first axis (null means open).</summary>
    public Tensor this[int? start, int? stop] => ArrayOps.StridedSlice(
        this, [start ?? 0], [stop ?? 0], [1], beginMask: start is null ? 1 : 0, endMask: stop is null ? 1 : 0, shrinkAxisMask: 0);
}
