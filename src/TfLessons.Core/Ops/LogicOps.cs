using TfLessons.Runtime.Kernels;
using TfLessons.Runtime.Kernels.Layer;

namespace TfLessons.Ops;

/// <summary>Selection and element tests: Select (tf.where), IsNan, IsFinite, Floor.</summary>
internal static class LogicOps
{
    public static void Register(Action<OpDef> add)
    {
        // Select(cond, x, y): x where cond else y; x and y of one shape, cond of that shape or a scalar (TensorFlow 1's
        // Select; a scalar cond picks x or y whole, passed through without a copy, as TensorFlow's ComputeScalar).
        // grad: (none, where(c, g, 0), where(c, 0, g))
        add(new OpDef("Select", SelectShape, SelectKernel, (op, dy) =>
        {
            Tensor c = op.Inputs[0], g = dy[0]!, zeros = ArrayOps.ZerosLike(g);
            return [null, Select(c, g, zeros), Select(c, zeros, g)];
        }));

        // IsNan: bool mask of NaN elements.  Not differentiable.
        add(new OpDef("IsNan", ShapeRules.Unchanged, Bind.Predicate<IsNanOp>, null)
        { NotDifferentiable = true });

        // IsFinite: bool mask of elements that are neither infinite nor NaN.  Not differentiable.
        add(new OpDef("IsFinite", ShapeRules.Unchanged, Bind.Predicate<IsFiniteOp>, null)
        { NotDifferentiable = true });

        // Floor: largest integer <= x.  Not differentiable (zero gradient almost everywhere; TensorFlow gives none).
        add(MathOps.Unary<FloorOp>("Floor", null) with { NotDifferentiable = true });
    }

    public static Tensor Select(Tensor condition, Tensor x, Tensor y, string? name = null)
    {
        if (condition.DType != DType.Bool) throw new ArgumentException($"Select: condition {condition.Name} must be bool, not {condition.DType.Name()}");
        Build.SameDType("Select", x, y, "x", "y");
        return Build.One("Select", [condition, x, y], x.DType, name);
    }

    public static Tensor IsNan(Tensor x, string? name = null)
    {
        Build.Floating("IsNan", x);
        return Build.One("IsNan", [x], DType.Bool, name);
    }

    public static Tensor IsFinite(Tensor x, string? name = null)
    {
        Build.Floating("IsFinite", x);
        return Build.One("IsFinite", [x], DType.Bool, name);
    }

    public static Tensor Floor(Tensor x, string? name = null)
    {
        Build.Floating("Floor", x);
        return Build.One("Floor", [x], x.DType, name);
    }

    private static Shape[] SelectShape(Operation op, Shape[] s)
    {
        Shape merged = s[1].IsCompatibleWith(s[2]) ? s[1].MergeWith(s[2]) : throw ShapeRules.ShapeError(op, "Shapes of x and y must be equal", s);
        if (s[0] is { IsUnknownRank: false, Rank: 0 }) return [merged];
        if (!merged.IsCompatibleWith(s[0])) throw ShapeRules.ShapeError(op, "Shapes of condition and x must be equal", s);
        return [merged.MergeWith(s[0])];
    }

    private static Kernel SelectKernel(KernelContext ctx)
    {
        if (ctx.InShapes[0].Length != 0 || ctx.InShapes[1].Length == 0) return Bind.Select(ctx);
        int ci = ctx.In[0], xi = ctx.In[1], yi = ctx.In[2], oi = ctx.Out[0];
        return Kernel.From(v => v[oi] = v[ci]!.Span<bool>()[0] ? v[xi] : v[yi]);
    }
}
