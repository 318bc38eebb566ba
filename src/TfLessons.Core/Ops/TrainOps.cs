namespace TfLessons;

/// <summary>Fused in-place optimizer updates (TensorFlow's Apply* kernels). Not differentiable.</summary>
internal static partial class TrainOps
{
    public static void Register(Action<OpDef> add)
    {
        // ApplyGradientDescent(var, alpha, delta): var -= delta * alpha
        add(new OpDef("ApplyGradientDescent", (op, s) => UpdateShape(op, s, slotCount: 0, scalarCount: 1), ctx =>
        {
            VariableSlot slot = ctx.Session.VariableSlot(ctx.Op.Inputs[0].Op);
            int alpha = ctx.In[1], delta = ctx.In[2], yi = ctx.Out[0];
            return ctx.OutDType(0) switch
            {
                DType.Float32 => Kernel.From(v => { Kernels.Updates.GradientDescent(Var(slot).Span<float>(), v[alpha]!.Span<float>()[0], v[delta]!.Span<float>()); v[yi] = slot.Value; }),
                DType.Float64 => Kernel.From(v => { Kernels.Updates.GradientDescent(Var(slot).Span<double>(), v[alpha]!.Span<double>()[0], v[delta]!.Span<double>()); v[yi] = slot.Value; }),
                _ => throw ctx.Error("variables updated by optimizers are float32 or float64"),
            };
        }, null)
        { NotDifferentiable = true, RefInputs = [0] });
        RegisterOptimizers(add);
    }

    public static Tensor ApplyGradientDescent(Tensor var, Tensor alpha, Tensor delta, string? name = null) =>
        Apply("ApplyGradientDescent", [var, alpha, delta], slotCount: 0, name);

    internal static NDArray Var(VariableSlot slot) => slot.Value ?? throw slot.Uninitialized();

    static partial void RegisterOptimizers(Action<OpDef> add);
}
