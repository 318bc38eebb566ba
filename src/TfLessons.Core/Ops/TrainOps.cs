using TfLessons.Runtime.Kernels;
using TfLessons.Runtime.Kernels.Layer;

namespace TfLessons.Ops;

/// <summary>Fused in-place optimizer updates (TensorFlow's Apply* kernels). Not differentiable.</summary>
internal static partial class TrainOps
{
    public static void Register(Action<OpDef> add)
    {
        // ApplyGradientDescent(var, alpha, delta): var -= delta * alpha
        add(new OpDef("ApplyGradientDescent", (op, s) => UpdateShape(op, s, slotCount: 0, scalarCount: 1), ctx => Bind.Update<GradientDescentOp>(ctx, 1), null)
        { NotDifferentiable = true, RefInputs = [0] });
        RegisterOptimizers(add);
    }

    public static Tensor ApplyGradientDescent(Tensor var, Tensor alpha, Tensor delta, string? name = null) =>
        Apply("ApplyGradientDescent", [var, alpha, delta], slotCount: 0, name);

    static partial void RegisterOptimizers(Action<OpDef> add);
}
