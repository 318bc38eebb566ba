using TfLessons.Runtime.Kernels;
using TfLessons.Runtime.Kernels.Layer;

namespace TfLessons.Ops;

/// <summary>Activations. Each is a TensorFlow primitive with a fused gradient op that reuses a forward value.</summary>
internal static class NnOps
{
    public static void Register(Action<OpDef> add)
    {
        // Relu: max(x, 0).  grad: ReluGrad(dy, x) = dy where x > 0
        add(MathOps.Unary<ReluOp>("Relu", (op, dy) => [GradOp("ReluGrad", dy[0]!, op.Inputs[0])]));

        // ReluGrad(dy, x).  grad: (ReluGrad(g, x), none: zero almost everywhere)
        add(MathOps.GradBinary<ReluGradOp>("ReluGrad",
            (op, g) => [GradOp("ReluGrad", g[0]!, op.Inputs[1]), null]));

        // Sigmoid: 1 / (1 + e^-x).  grad: SigmoidGrad(y, dy) = dy * y * (1 - y) (reuses y)
        add(MathOps.Unary<SigmoidOp>("Sigmoid", (op, dy) => [GradOp("SigmoidGrad", op.Outputs[0], dy[0]!)]));

        // SigmoidGrad(y, dy).  grad: (g * dy * (1 - 2y), SigmoidGrad(y, g))
        add(MathOps.GradBinary<SigmoidGradOp>("SigmoidGrad", (op, g) =>
        {
            Tensor y = op.Inputs[0], dy = op.Inputs[1];
            Tensor oneMinus2y = MathOps.Sub(Constants.Like(y, 1), MathOps.Mul(Constants.Like(y, 2), y));
            return [MathOps.Mul(MathOps.Mul(g[0]!, dy), oneMinus2y), GradOp("SigmoidGrad", y, g[0]!)];
        }));

        // Tanh.  grad: TanhGrad(y, dy) = dy * (1 - y^2) (reuses y)
        add(MathOps.Unary<TanhOp>("Tanh", (op, dy) => [GradOp("TanhGrad", op.Outputs[0], dy[0]!)]));

        // TanhGrad(y, dy).  grad: (-2 * y * dy * g, TanhGrad(y, g))
        add(MathOps.GradBinary<TanhGradOp>("TanhGrad", (op, g) =>
        {
            Tensor y = op.Inputs[0], dy = op.Inputs[1];
            return [MathOps.Mul(Constants.Like(y, -2), MathOps.Mul(MathOps.Mul(y, dy), g[0]!)), GradOp("TanhGrad", y, g[0]!)];
        }));
    }

    public static Tensor Relu(Tensor x, string? name = null) => Float("Relu", x, name);
    public static Tensor Sigmoid(Tensor x, string? name = null) => Float("Sigmoid", x, name);
    public static Tensor Tanh(Tensor x, string? name = null) => Float("Tanh", x, name);

    private static Tensor GradOp(string type, Tensor a, Tensor b) => Build.One(type, [a, b], a.DType, null);

    private static Tensor Float(string type, Tensor x, string? name)
    {
        Build.Floating(type, x);
        return Build.One(type, [x], x.DType, name);
    }
}
