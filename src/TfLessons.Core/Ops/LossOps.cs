using System.Numerics;

namespace TfLessons;

/// <summary>Fused, numerically stable losses with their own gradients.</summary>
internal static class LossOps
{
    public static void Register(Action<OpDef> add)
    {
        // SigmoidCrossEntropyWithLogits(labels z, logits x): max(x, 0) - x*z + log(1 + exp(-|x|)), stable for any x.
        // grad: (dy * -x for labels, dy * (sigmoid(x) - z) for logits)
        add(new OpDef("SigmoidCrossEntropyWithLogits", ShapeRules.SameAsAll, ctx =>
        {
            NDArray d = ctx.Output(0);
            int zi = ctx.In[0], xi = ctx.In[1];
            return ctx.OutDType(0) switch
            {
                DType.Float32 => Kernel.From(v => SigmoidCe(v[zi]!.Span<float>(), v[xi]!.Span<float>(), d.Span<float>())),
                DType.Float64 => Kernel.From(v => SigmoidCe(v[zi]!.Span<double>(), v[xi]!.Span<double>(), d.Span<double>())),
                _ => throw ctx.Error("losses are float32 or float64"),
            };
        }, (op, dy) =>
        {
            Tensor z = op.Inputs[0], x = op.Inputs[1], g = dy[0]!;
            return [MathOps.Mul(g, MathOps.Neg(x)), MathOps.Mul(g, MathOps.Sub(NnOps.Sigmoid(x), z))];
        }));
    }

    public static Tensor SigmoidCrossEntropyWithLogits(Tensor labels, Tensor logits, string? name = null)
    {
        Build.SameDType("SigmoidCrossEntropyWithLogits", logits, labels, "logits", "labels");
        Build.Floating("SigmoidCrossEntropyWithLogits", logits);
        return Build.One("SigmoidCrossEntropyWithLogits", [labels, logits], logits.DType, name);
    }

    private static void SigmoidCe<T>(ReadOnlySpan<T> z, ReadOnlySpan<T> x, Span<T> d) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < d.Length; i++)
        {
            T xi = x[i];
            d[i] = T.Max(xi, T.Zero) - xi * z[i] + T.LogP1(T.Exp(-T.Abs(xi)));
        }
    }
}
