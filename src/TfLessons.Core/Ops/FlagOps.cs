using TfLessons.Runtime.Kernels;

namespace TfLessons.Ops;

/// <summary>
/// Ops driven by a scalar bool flag (a training switch): picking one of two values, and updating a moving
/// average only while the flag is true. They stand in for TensorFlow's tf.cond in batch normalization.
/// </summary>
internal static class FlagOps
{
    public static void Register(Action<OpDef> add)
    {
        // SelectByFlag(flag, a, b): a when the scalar flag is true, else b.  grad: (none, flag ? g : 0, flag ? 0 : g)
        add(new OpDef("SelectByFlag", (op, s) => [s[1].IsCompatibleWith(s[2]) ? s[1].MergeWith(s[2]) : throw ShapeRules.ShapeError(op, "Shapes of a and b must be equal", s)],
            ctx =>
            {
                int fi = ctx.In[0], ai = ctx.In[1], bi = ctx.In[2], yi = ctx.Out[0];
                return Kernel.From(v => v[yi] = v[fi]!.Span<bool>()[0] ? v[ai] : v[bi]);
            }, (op, dy) =>
            {
                Tensor flag = op.Inputs[0], g = dy[0]!, zeros = ArrayOps.ZerosLike(g);
                return [null, SelectByFlag(flag, g, zeros), SelectByFlag(flag, zeros, g)];
            }));

        // AssignMovingAverage(var, value, decay, flag): var -= (var - value) * decay while flag is true.  Not differentiable.
        add(new OpDef("AssignMovingAverage", (op, s) => s[0].IsCompatibleWith(s[1]) ? [s[0]] : throw ShapeRules.ShapeError(op, $"the moving average of shape {s[0].ToListString()} cannot track a value of shape {s[1].ToListString()}", s), ctx =>
        {
            VariableSlot slot = ctx.Variable(0);
            int vi = ctx.In[1], di = ctx.In[2], fi = ctx.In[3], yi = ctx.Out[0];
            return ctx.OutDType(0) == DType.Float32
                ? Kernel.From(v => { if (v[fi]!.Span<bool>()[0]) Update(slot.Live().Span<float>(), v[vi]!.Span<float>(), v[di]!.Span<float>()[0]); v[yi] = slot.Value; })
                : Kernel.From(v => { if (v[fi]!.Span<bool>()[0]) Update(slot.Live().Span<double>(), v[vi]!.Span<double>(), v[di]!.Span<double>()[0]); v[yi] = slot.Value; });
        }, null)
        { NotDifferentiable = true, RefInputs = [0] });
    }

    public static Tensor SelectByFlag(Tensor flag, Tensor a, Tensor b, string? name = null)
    {
        CheckFlag(flag);
        Build.SameDType("SelectByFlag", a, b, "a", "b");
        return Build.One("SelectByFlag", [flag, a, b], a.DType, name);
    }

    public static Tensor AssignMovingAverage(Variable variable, Tensor value, Tensor decay, Tensor flag, string? name = null)
    {
        CheckFlag(flag);
        Build.SameDType("AssignMovingAverage", variable, value, "variable", "value");
        Build.SameDType("AssignMovingAverage", variable, decay, "variable", "decay");
        return Build.One("AssignMovingAverage", [variable.Ref, value, decay, flag], variable.DType, name ?? "AssignMovingAvg");
    }

    private static void CheckFlag(Tensor flag)
    {
        if (flag.DType != DType.Bool || (!flag.Shape.IsUnknownRank && flag.Shape.Rank != 0))
            throw new ArgumentException($"the training flag {flag.Name} must be a scalar bool (got {flag.DType.Name()} {flag.Shape})");
    }

    private static void Update<T>(Span<T> variable, ReadOnlySpan<T> value, T decay) where T : unmanaged, System.Numerics.INumber<T>
    {
        for (int i = 0; i < variable.Length; i++) variable[i] -= (variable[i] - value[i]) * decay;
    }
}
