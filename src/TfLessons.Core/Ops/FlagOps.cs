using TfLessons.Runtime.Kernels;

namespace TfLessons.Ops;

/// <summary>
/// The ops batch normalization and dropout drive with a scalar bool flag (a training switch), where TensorFlow writes
/// tf.cond: picking one of two values (TensorFlow's Select with a scalar condition), and updating a moving average
/// only while the flag is true.
/// </summary>
internal static class FlagOps
{
    public static void Register(Action<OpDef> add)
    {
        // AssignMovingAverage(var, value, decay, flag): var -= (var - value) * decay while flag is true.  Not differentiable.
        // Engine-only: TensorFlow's assign_moving_average composes the same update from Sub, Mul and AssignSub, and
        // batch normalization runs it under tf.cond (Switch and Merge, which the engine has no ops for); taking the
        // flag as an input keeps the update one op that does nothing while the flag is false.
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

    /// <summary>a when the scalar flag is true, else b: TensorFlow's Select with a scalar condition.</summary>
    public static Tensor SelectByFlag(Tensor flag, Tensor a, Tensor b, string? name = null)
    {
        CheckFlag(flag);
        return LogicOps.Select(flag, a, b, name);
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
