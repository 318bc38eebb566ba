using TfLessons.Runtime.Kernels;
using TfLessons.Runtime.Kernels.Layer;

namespace TfLessons.Ops;

/// <summary>Abs, Sign, Log1p and Expm1 (math_ops.cc), with TensorFlow's gradients (math_grad.py).</summary>
internal static partial class MathOps
{
    private static void RegisterTfNet(Action<OpDef> add)
    {
        // Abs: |x|, every numeric dtype.  grad: dy * sign(x)
        add(Unary<AbsOp>("Abs",
            (op, dy) => [Mul(dy[0]!, Sign(op.Inputs[0]))]));

        // Sign: -1, 0 or 1, every numeric dtype.  grad: zeros like x (TensorFlow's _SignGrad)
        add(Unary<SignOp>("Sign",
            (op, dy) => [ArrayOps.ZerosLike(op.Inputs[0])]));

        // Log1p: log(1 + x).  grad: dy / (1 + x)
        add(Unary<Log1pOp>("Log1p",
            (op, dy) => [RealDiv(dy[0]!, Add(Constants.Like(op.Inputs[0], 1), op.Inputs[0]))]));

        // Expm1: exp(x) - 1.  grad: dy * exp(x)
        add(Unary<Expm1Op>("Expm1", (op, dy) => [Mul(dy[0]!, Exp(op.Inputs[0]))]));
    }

    public static Tensor Abs(Tensor x, string? name = null) => UnaryOp("Abs", x, name);
    public static Tensor Sign(Tensor x, string? name = null) => UnaryOp("Sign", x, name);
    public static Tensor Log1p(Tensor x, string? name = null) => FloatUnary("Log1p", x, name);
    public static Tensor Expm1(Tensor x, string? name = null) => FloatUnary("Expm1", x, name);
}
