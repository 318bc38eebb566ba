namespace TfLessons;

/// <summary>Fused, numerically stable losses with their own gradients.</summary>
internal static class LossOps
{
    public static void Register(Action<OpDef> add)
    {
        // SigmoidCrossEntropyWithLogits(labels z, logits x): max(x, 0) - x*z + log1p(exp(-|x|)), stable for any x.
        // NOTE: TensorFlow builds this from graph ops (nn_impl.py: where, sub, mul, exp, log1p, add), so in float32
        // every step is rounded to float32; the kernel rounds at the same points and uses a true log1p, which gives
        // the tutorial's printed digits (log(1 + e) in float32 is 1-2 ulp off).
        // grad: (dy * -x for labels, dy * (sigmoid(x) - z) for logits)
        add(new OpDef("SigmoidCrossEntropyWithLogits", ShapeRules.SameAsAll, ctx =>
        {
            NDArray d = ctx.Output(0);
            int zi = ctx.In[0], xi = ctx.In[1];
            return ctx.OutDType(0) switch
            {
                DType.Float32 => Kernel.From(v => SigmoidCeFloat(v[zi]!.Span<float>(), v[xi]!.Span<float>(), d.Span<float>())),
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

    private static void SigmoidCeFloat(ReadOnlySpan<float> z, ReadOnlySpan<float> x, Span<float> d)
    {
        for (int i = 0; i < d.Length; i++)
        {
            float xi = x[i];
            float relu = xi >= 0 ? xi : 0f;
            float negAbs = xi >= 0 ? -xi : xi;
            float e = (float)Math.Exp(negAbs);
            float log1p = (float)Kernels.MathExtra.Log1p(e);
            float first = relu - xi * z[i];
            d[i] = first + log1p;
        }
    }

    private static void SigmoidCe(ReadOnlySpan<double> z, ReadOnlySpan<double> x, Span<double> d)
    {
        for (int i = 0; i < d.Length; i++)
        {
            double xi = x[i];
            d[i] = (xi >= 0 ? xi : 0) - xi * z[i] + Kernels.MathExtra.Log1p(Math.Exp(xi >= 0 ? -xi : xi));
        }
    }
}
