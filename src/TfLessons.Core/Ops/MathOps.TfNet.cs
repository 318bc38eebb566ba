using TfLessons.Kernels;

namespace TfLessons;

/// <summary>Abs, Sign, Log1p and Expm1 (math_ops.cc), with TensorFlow's gradients (math_grad.py).</summary>
internal static partial class MathOps
{
    private static void RegisterTfNet(Action<OpDef> add)
    {
        // Abs: |x|, every numeric dtype.  grad: dy * sign(x)
        add(NumericUnary<AbsOperator<float>, AbsOperator<double>, AbsOperator<int>, AbsOperator<long>>("Abs",
            (op, dy) => [Mul(dy[0]!, Sign(op.Inputs[0]))]));

        // Sign: -1, 0 or 1, every numeric dtype.  grad: zeros like x (TensorFlow's _SignGrad)
        add(NumericUnary<SignOperator<float>, SignOperator<double>, SignOperator<int>, SignOperator<long>>("Sign",
            (op, dy) => [ArrayOps.ZerosLike(op.Inputs[0])]));

        // Log1p: log(1 + x).  grad: dy / (1 + x)
        add(Unary<Log1pOperator<float>, Log1pOperator<double>>("Log1p",
            (op, dy) => [RealDiv(dy[0]!, Add(Constants.Like(op.Inputs[0], 1), op.Inputs[0]))]));

        // Expm1: exp(x) - 1.  grad: dy * exp(x)
        add(Unary<Expm1Operator<float>, Expm1Operator<double>>("Expm1", (op, dy) => [Mul(dy[0]!, Exp(op.Inputs[0]))]));
    }

    public static Tensor Abs(Tensor x, string? name = null) => UnaryOp("Abs", x, name);
    public static Tensor Sign(Tensor x, string? name = null) => UnaryOp("Sign", x, name);
    public static Tensor Log1p(Tensor x, string? name = null) => FloatUnary("Log1p", x, name);
    public static Tensor Expm1(Tensor x, string? name = null) => FloatUnary("Expm1", x, name);

    internal static OpDef NumericUnary<TF, TD, TI, TL>(string type, GradientFn grad)
        where TF : IUnaryOperator<float> where TD : IUnaryOperator<double> where TI : IUnaryOperator<int> where TL : IUnaryOperator<long> =>
        new(type, ShapeRules.Unchanged, ctx =>
        {
            NDArray d = ctx.Output(0);
            int xi = ctx.In[0];
            return ctx.InDType(0) switch
            {
                DType.Float32 => Kernel.From(v => TF.Invoke(v[xi]!.Span<float>(), d.Span<float>())),
                DType.Float64 => Kernel.From(v => TD.Invoke(v[xi]!.Span<double>(), d.Span<double>())),
                DType.Int32 => Kernel.From(v => TI.Invoke(v[xi]!.Span<int>(), d.Span<int>())),
                DType.Int64 => Kernel.From(v => TL.Invoke(v[xi]!.Span<long>(), d.Span<long>())),
                _ => throw ctx.Error($"no kernel for dtype {ctx.InDType(0).Name()}"),
            };
        }, grad);
}
