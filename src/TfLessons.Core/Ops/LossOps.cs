using TfLessons.Runtime.Kernels;
using TfLessons.Runtime.Kernels.Layer;

namespace TfLessons.Ops;

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
        // Engine-only: TensorFlow has no op of this name (tf.nn.sigmoid_cross_entropy_with_logits is the composition
        // above, so TensorFlow cannot run an exported graph that holds it); fused here for the stable form and speed.
        add(new OpDef("SigmoidCrossEntropyWithLogits", ShapeRules.SameAsAll, Bind.Binary<SigmoidCrossEntropyOp>, (op, dy) =>
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
}
