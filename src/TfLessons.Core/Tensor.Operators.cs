using TfLessons.Ops;

namespace TfLessons;

// Tensor's operators build graph ops, as TensorFlow's Python overloads do through math_ops; they live with the public
// surface at the assembly's root so the graph layer (Graph/) names no op family.
public partial class Tensor
{
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
    public Tensor this[int index] =>
        ArrayOps.StridedSlice(this, [index], [index + 1], [1], beginMask: 0, endMask: 0, shrinkAxisMask: 1);

    /// <summary><c>x[start:stop]</c> along the first axis (null means open).</summary>
    public Tensor this[int? start, int? stop] =>
        ArrayOps.StridedSlice(
            this,
            [start ?? 0],
            [stop ?? 0],
            [1],
            beginMask: start is null ? 1 : 0,
            endMask: stop is null ? 1 : 0,
            shrinkAxisMask: 0
        );
}
