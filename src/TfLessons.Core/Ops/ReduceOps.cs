using TfLessons.Kernels;

namespace TfLessons;

/// <summary>Reductions over axes (keep_dims optional), their gradient helper, and ArgMax.</summary>
internal static class ReduceOps
{
    public static void Register(Action<OpDef> add)
    {
        // Sum.  grad: dy broadcast back over the reduced axes
        add(new OpDef("Sum", ReducedShape, ctx => ReduceKernel(ctx, ReduceKind.Sum), (op, dy) => [BroadcastReduced(dy[0]!, op.Inputs[0], op, mean: false)]));

        // Mean.  grad: dy broadcast back and divided by the number of reduced elements
        add(new OpDef("Mean", ReducedShape, ctx => ReduceKernel(ctx, ReduceKind.Mean), (op, dy) => [BroadcastReduced(dy[0]!, op.Inputs[0], op, mean: true)]));

        // Max.  grad: dy shared equally among the positions that attain the maximum (TensorFlow's rule)
        add(new OpDef("Max", ReducedShape, ctx => ReduceKernel(ctx, ReduceKind.Max), (op, dy) => [ExtremumGrad(op, dy[0]!)]));

        // Min.  grad: as Max
        add(new OpDef("Min", ReducedShape, ctx => ReduceKernel(ctx, ReduceKind.Min), (op, dy) => [ExtremumGrad(op, dy[0]!)]));

        // BroadcastReduced(dy, like): dy re-expanded over `axes` to like's shape (divided by the count for a mean).
        // grad: (the matching reduction of g, none)
        add(new OpDef("BroadcastReduced", (op, s) => [s[1]], BroadcastReducedKernel, (op, g) =>
        {
            int[] axes = op.Attr<int[]>("axes");
            Tensor summed = Reduce(op.Attr<bool>("mean") ? "Mean" : "Sum", g[0]!, axes, op.Attr<bool>("keep_dims"), null);
            return [summed, null];
        }));

        // ArgMax: index of the largest value along an axis (int64).  Not differentiable.
        add(new OpDef("ArgMax", ArgShape, ctx =>
        {
            NDArray d = ctx.Output(0);
            int xi = ctx.In[0], axis = ctx.Op.Attr<int>("axis");
            return Kernel.From(v => Reductions.ArgMax(v[xi]!, axis, d.Span<long>()));
        }, null)
        { NotDifferentiable = true });
    }

    public static Tensor Reduce(string type, Tensor x, int[]? axes, bool keepDims, string? name)
    {
        Build.Numeric(type, x);
        int[] canonical = Canonical(type, x, axes);
        return Build.One(type, [x], x.DType, name, new() { ["axes"] = canonical, ["keep_dims"] = keepDims, ["all_axes"] = axes is null });
    }

    public static Tensor ArgMax(Tensor x, int axis, string? name = null)
    {
        if (!x.Shape.IsUnknownRank) axis = CanonicalAxis("ArgMax", x, axis);
        return Build.One("ArgMax", [x], DType.Int64, name, new() { ["axis"] = axis });
    }

    private static int[] Canonical(string type, Tensor x, int[]? axes)
    {
        if (x.Shape.IsUnknownRank)
        {
            if (axes is null || axes.Any(a => a < 0)) throw new ArgumentException($"{type}: input {x.Name} has unknown rank, so axes must be given and non-negative");
            return axes;
        }
        if (axes is null) return Enumerable.Range(0, x.Shape.Rank).ToArray();
        return axes.Select(a => CanonicalAxis(type, x, a)).Distinct().Order().ToArray();
    }

    private static int CanonicalAxis(string type, Tensor x, int axis)
    {
        int rank = x.Shape.Rank;
        if (axis < -rank || axis >= Math.Max(rank, 1)) throw new ArgumentException($"{type}: Invalid reduction dimension {axis} for input {x.Name} with {rank} dimensions.");
        return axis < 0 ? axis + rank : axis;
    }

    private static Shape[] ReducedShape(Operation op, Shape[] inputs)
    {
        Shape x = inputs[0];
        if (x.IsUnknownRank) return [Shape.Unknown];
        int[] axes = op.Attr<int[]>("axes");
        bool keep = op.Attr<bool>("keep_dims");
        var dims = new List<int>();
        for (int a = 0; a < x.Rank; a++)
        {
            if (Array.IndexOf(axes, a) < 0) dims.Add(x[a]);
            else if (keep) dims.Add(1);
        }
        foreach (int a in axes)
        {
            if (a >= x.Rank) throw ShapeRules.ShapeError(op, $"Invalid reduction dimension {a} for input with {x.Rank} dimensions", inputs);
        }
        return [new Shape(dims.ToArray())];
    }

    private static Shape[] ArgShape(Operation op, Shape[] inputs)
    {
        Shape x = inputs[0];
        if (x.IsUnknownRank) return [Shape.Unknown];
        int axis = op.Attr<int>("axis");
        return [new Shape(Enumerable.Range(0, x.Rank).Where(a => a != axis).Select(a => x[a]).ToArray())];
    }

    private static Kernel ReduceKernel(KernelContext ctx, ReduceKind kind)
    {
        var layout = ReduceLayout.Create(ctx.InShapes[0], ctx.Op.Attr<int[]>("axes"));
        NDArray d = ctx.Output(0);
        int xi = ctx.In[0];
        return ctx.InDType(0) switch
        {
            DType.Float32 => Kernel.From(v => Reductions.Reduce(layout, kind, v[xi]!.Span<float>(), d.Span<float>())),
            DType.Float64 => Kernel.From(v => Reductions.Reduce(layout, kind, v[xi]!.Span<double>(), d.Span<double>())),
            DType.Int32 => Kernel.From(v => Reductions.Reduce(layout, kind, v[xi]!.Span<int>(), d.Span<int>())),
            DType.Int64 => Kernel.From(v => Reductions.Reduce(layout, kind, v[xi]!.Span<long>(), d.Span<long>())),
            _ => throw ctx.Error("no kernel for bool"),
        };
    }

    internal static Tensor BroadcastReduced(Tensor dy, Tensor like, Operation reduction, bool mean) =>
        Build.One("BroadcastReduced", [dy, like], dy.DType, null, new()
        {
            ["axes"] = reduction.Attr<int[]>("axes"),
            ["keep_dims"] = reduction.Attr<bool>("keep_dims"),
            ["mean"] = mean,
        });

    private static Kernel BroadcastReducedKernel(KernelContext ctx)
    {
        int[] likeShape = ctx.InShapes[1];
        int[] axes = ctx.Op.Attr<int[]>("axes");
        int[] kept = likeShape.Select((d, a) => Array.IndexOf(axes, a) >= 0 ? 1 : d).ToArray();
        var layout = BroadcastLayout.Create(kept, kept, likeShape);
        int count = likeShape.Where((d, a) => Array.IndexOf(axes, a) >= 0).Aggregate(1, (p, d) => p * d);
        bool mean = ctx.Op.Attr<bool>("mean");
        NDArray d = ctx.Output(0);
        int gi = ctx.In[0];
        return ctx.OutDType(0) switch
        {
            DType.Float32 => Kernel.From(v =>
            {
                Elementwise.BroadcastCopy(layout, v[gi]!.Span<float>(), d.Span<float>());
                if (mean) System.Numerics.Tensors.TensorPrimitives.Divide(d.Span<float>(), count, d.Span<float>());
            }),
            DType.Float64 => Kernel.From(v =>
            {
                Elementwise.BroadcastCopy(layout, v[gi]!.Span<double>(), d.Span<double>());
                if (mean) System.Numerics.Tensors.TensorPrimitives.Divide(d.Span<double>(), count, d.Span<double>());
            }),
            _ => throw ctx.Error("gradients flow only through float32 and float64"),
        };
    }

    /// <summary>dy split equally among the positions equal to the extremum.</summary>
    private static Tensor ExtremumGrad(Operation op, Tensor dy)
    {
        Tensor x = op.Inputs[0];
        Tensor yFull = BroadcastReduced(op.Outputs[0], x, op, mean: false);
        Tensor indicators = MathOps.Cast(MathOps.Compare("Equal", yFull, x), x.DType);
        Tensor count = Reduce("Sum", indicators, op.Attr<int[]>("axes"), op.Attr<bool>("keep_dims"), null);
        Tensor share = MathOps.RealDiv(dy, count);
        return MathOps.Mul(indicators, BroadcastReduced(share, x, op, mean: false));
    }
}
