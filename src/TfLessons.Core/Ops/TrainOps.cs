using TfLessons.Kernels;

namespace TfLessons;

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

    internal static NDArray Var(VariableSlot slot) => slot.Value ?? throw slot.Uninitialized();

    static partial void RegisterOptimizers(Action<OpDef> add);
}
