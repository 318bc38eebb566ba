using TfLessons.Runtime.Kernels;
using TfLessons.Runtime.Kernels.Layer;

namespace TfLessons.Ops;

/// <summary>Reductions over axes (keep_dims optional), their gradient helpers, ArgMax and ArgMin.</summary>
internal static partial class ReduceOps
{
    public static void Register(Action<OpDef> add)
    {
        // Sum.  grad: dy broadcast back over the reduced axes
        add(new OpDef("Sum", ReducedShape, ReduceKernel<SumReduce>, (op, dy) => [BroadcastReduced(dy[0]!, op.Inputs[0], op, mean: false)]));

        // Mean.  grad: dy broadcast back and divided by the number of reduced elements
        add(new OpDef("Mean", ReducedShape, ReduceKernel<MeanReduce>, (op, dy) => [BroadcastReduced(dy[0]!, op.Inputs[0], op, mean: true)]));

        // Max.  grad: dy shared equally among the positions that attain the maximum (TensorFlow's rule)
        add(new OpDef("Max", ReducedShape, ReduceKernel<MaxReduce>, (op, dy) => [ExtremumGrad(op, dy[0]!)]));

        // Min.  grad: as Max
        add(new OpDef("Min", ReducedShape, ReduceKernel<MinReduce>, (op, dy) => [ExtremumGrad(op, dy[0]!)]));

        // BroadcastReduced(dy, like): dy re-expanded over `axes` to like's shape (divided by the count for a mean).
        // grad: (the matching reduction of g, none)
        // Engine-only: TensorFlow's _SumGrad and _MeanGrad reshape dy to the kept-dims shape (Reshape of a shape
        // computed with DynamicStitch) and Tile it back, then divide for a mean; one op with the reduction's axes
        // does both without the shape arithmetic.
        add(new OpDef("BroadcastReduced", (op, s) => [s[1]], BroadcastReducedKernel, (op, g) =>
        {
            (ReduceAttrs reduction, bool mean) = BroadcastReducedAttrs.Of(op);
            Tensor summed = Reduce(mean ? "Mean" : "Sum", g[0]!, reduction.AxesOrAll, reduction.KeepDims, null);
            return [summed, null];
        }));

        // Prod.  grad: ProdGrad(dy, x) = dy times the product of the other elements of each reduced group
        add(new OpDef("Prod", ReducedShape, ProdKernel, (op, dy) =>
            [Build.One("ProdGrad", [dy[0]!, op.Inputs[0]], dy[0]!.DType, null, ReduceAttrs.Of(op))]));

        // ProdGrad(dy, x): exact for zeros (prefix and suffix products, no division).  No second derivative.
        // Engine-only: TensorFlow's _ProdGrad composes cumprod (exclusive, forward and reverse) over the reduced
        // axes moved to the front with Transpose and Reshape; one op with the reduction's attributes does it.
        add(new OpDef("ProdGrad", (op, s) => [s[1]], ProdGradKernel, null));

        // ArgMax / ArgMin: index of the largest / smallest value along an axis (first on ties).  Not differentiable.
        foreach (string type in new[] { "ArgMax", "ArgMin" })
        {
            add(new OpDef(type, ArgShape, ctx =>
            {
                NDArray d = ctx.Output(0);
                int xi = ctx.In[0], axis = ArgAttrs.Of(ctx.Op).Axis;
                if (axis < 0) axis += ctx.InShapes[0].Length;
                bool min = type == "ArgMin";
                if (d.DType == DType.Int64) return Kernel.From(v => Reductions.ArgMax(v[xi]!, axis, d.Span<long>(), min));
                var wide = new long[d.Size];
                return Kernel.From(v =>
                {
                    Reductions.ArgMax(v[xi]!, axis, wide, min);
                    Span<int> narrow = d.Span<int>();
                    for (int i = 0; i < wide.Length; i++) narrow[i] = (int)wide[i];
                });
            }, null)
            { NotDifferentiable = true });
        }
    }

    /// <summary>
    /// A reduction over <paramref name="axes"/> (all axes when null). With an unknown input rank the axes are kept as
    /// given (negative ones too) and resolved against the runtime rank when the session plans the op.
    /// </summary>
    public static Tensor Reduce(string type, Tensor x, int[]? axes, bool keepDims, string? name)
    {
        Build.Numeric(type, x);
        int[] stored = x.Shape.IsUnknownRank ? (int[])(axes ?? []).Clone() : Canonical(type, x.Name, x.Shape.Rank, axes);
        return Build.One(type, [x], x.DType, name, new ReduceAttrs(stored, keepDims, AllAxes: axes is null));
    }

    /// <summary>
    /// A reduction's attributes (Sum, Mean, Max, Min, Prod and the gradient helper ProdGrad): its axes (TensorFlow
    /// passes them as the input "reduction_indices"), keep_dims (TensorFlow's attribute) and whether every axis is
    /// reduced whatever the rank (engine-only: axes=None, resolved at plan time for an unknown rank).
    /// </summary>
    internal readonly record struct ReduceAttrs(int[] Axes, bool KeepDims, bool AllAxes) : IOpAttrs
    {
        public static ReduceAttrs Of(Operation op) =>
            new(op.Attr<int[]>("axes"), op.Attr<bool>("keep_dims"), op.Attr("all_axes", false));

        /// <summary>The engine form of TensorFlow's node: axes from its input; keep_dims false unless set.</summary>
        public static ReduceAttrs FromTf(IReadOnlyDictionary<string, object> tf, int[] axes, string type) =>
            new(axes, OpAttrs.Get(tf, "keep_dims", false, type), AllAxes: false);

        /// <summary>The axes as the builder takes them: null for all axes.</summary>
        public int[]? AxesOrAll => AllAxes ? null : Axes;

        public void WriteTo(IDictionary<string, object> attrs)
        {
            attrs["axes"] = Axes;
            attrs["keep_dims"] = KeepDims;
            attrs["all_axes"] = AllAxes;
        }

        public void WriteTf(IDictionary<string, object> attrs) => attrs["keep_dims"] = KeepDims;
    }

    /// <summary>BroadcastReduced's attributes: the reduction it undoes, and whether that was a mean.</summary>
    internal readonly record struct BroadcastReducedAttrs(ReduceAttrs Reduction, bool Mean) : IOpAttrs
    {
        public static BroadcastReducedAttrs Of(Operation op) => new(ReduceAttrs.Of(op), op.Attr<bool>("mean"));

        public void WriteTo(IDictionary<string, object> attrs)
        {
            Reduction.WriteTo(attrs);
            attrs["mean"] = Mean;
        }
    }

    /// <summary>
    /// ArgMax's and ArgMin's axis (TensorFlow's input "dimension") and output_type (its attribute, int64 by default).
    /// </summary>
    internal readonly record struct ArgAttrs(int Axis, DType OutputType) : IOpAttrs
    {
        public static ArgAttrs Of(Operation op) => new(op.Attr<int>("axis"), op.Attr("output_type", DType.Int64));

        /// <summary>The engine form of TensorFlow's node: axis from its input; output_type int64 unless set.</summary>
        public static ArgAttrs FromTf(IReadOnlyDictionary<string, object> tf, int axis, string type) =>
            new(axis, OpAttrs.Get(tf, "output_type", DType.Int64, type));

        public void WriteTo(IDictionary<string, object> attrs)
        {
            attrs["axis"] = Axis;
            attrs["output_type"] = OutputType;
        }

        public void WriteTf(IDictionary<string, object> attrs) => attrs["output_type"] = OutputType;
    }

    public static Tensor ArgMax(Tensor x, int axis, string? name = null, DType? outputType = null) => Arg("ArgMax", x, axis, name, outputType);
    public static Tensor ArgMin(Tensor x, int axis, string? name = null, DType? outputType = null) => Arg("ArgMin", x, axis, name, outputType);

    private static Tensor Arg(string type, Tensor x, int axis, string? name, DType? outputType)
    {
        Build.Numeric(type, x);
        DType output = outputType ?? DType.Int64;
        if (output is not (DType.Int32 or DType.Int64)) throw new ArgumentException($"{type}: output_type must be int32 or int64, not {output.Name()}");
        if (!x.Shape.IsUnknownRank) axis = CanonicalAxis(type, x.Name, x.Shape.Rank, axis);
        return Build.One(type, [x], output, name, new ArgAttrs(axis, output));
    }

    /// <summary>The reduced axes of <paramref name="op"/> (a reduction or a gradient helper) for an input of rank <paramref name="rank"/>.</summary>
    internal static int[] Axes(Operation op, int rank)
    {
        ReduceAttrs r = ReduceAttrs.Of(op);
        return r.AllAxes ? Enumerable.Range(0, rank).ToArray() : Canonical(op.Type, op.Name, rank, r.Axes);
    }

    private static int[] Canonical(string type, string name, int rank, int[]? axes)
    {
        if (axes is null) return Enumerable.Range(0, rank).ToArray();
        return axes.Select(a => CanonicalAxis(type, name, rank, a)).Distinct().Order().ToArray();
    }

    private static int CanonicalAxis(string type, string name, int rank, int axis)
    {
        if (axis < -rank || axis >= Math.Max(rank, 1)) throw new ArgumentException($"{type}: Invalid reduction dimension {axis} for input {name} with {rank} dimensions.");
        return axis < 0 ? axis + rank : axis;
    }


    private static Shape[] ReducedShape(Operation op, Shape[] inputs)
    {
        Shape x = inputs[0];
        ReduceAttrs r = ReduceAttrs.Of(op);
        bool keep = r.KeepDims;
        if (x.IsUnknownRank) return [r.AllAxes && !keep ? Shape.Scalar : Shape.Unknown];
        int[] axes;
        try { axes = Axes(op, x.Rank); }
        catch (ArgumentException e) { throw ShapeRules.ShapeError(op, e.Message, inputs); }
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
        int axis = ArgAttrs.Of(op).Axis;
        if (axis < -x.Rank || axis >= Math.Max(x.Rank, 1)) throw ShapeRules.ShapeError(op, $"Expected dimension in the range [{-x.Rank}, {x.Rank}), but got {axis}", inputs);
        if (axis < 0) axis += x.Rank;
        return [new Shape(Enumerable.Range(0, x.Rank).Where(a => a != axis).Select(a => x[a]).ToArray())];
    }

    private static Kernel ReduceKernel<TOp>(KernelContext ctx) where TOp : IReduceOp =>
        Bind.Reduce<TOp>(ctx, ReduceLayout.Create(ctx.InShapes[0], Axes(ctx.Op, ctx.InShapes[0].Length)), TypeSet.Numeric);

    internal static Tensor BroadcastReduced(Tensor dy, Tensor like, Operation reduction, bool mean) =>
        Build.One("BroadcastReduced", [dy, like], dy.DType, null,
            new BroadcastReducedAttrs(ReduceAttrs.Of(reduction), mean));

    private static Kernel BroadcastReducedKernel(KernelContext ctx)
    {
        int[] likeShape = ctx.InShapes[1];
        int[] axes = Axes(ctx.Op, likeShape.Length);
        int[] kept = likeShape.Select((d, a) => Array.IndexOf(axes, a) >= 0 ? 1 : d).ToArray();
        var layout = BroadcastLayout.Create(kept, kept, likeShape);
        int count = likeShape.Where((d, a) => Array.IndexOf(axes, a) >= 0).Aggregate(1, (p, d) => p * d);
        return Bind.Broadcast(ctx, layout, BroadcastReducedAttrs.Of(ctx.Op).Mean ? count : 1);
    }

    /// <summary>dy split equally among the positions equal to the extremum.</summary>
    private static Tensor ExtremumGrad(Operation op, Tensor dy)
    {
        Tensor x = op.Inputs[0];
        Tensor yFull = BroadcastReduced(op.Outputs[0], x, op, mean: false);
        Tensor indicators = MathOps.Cast(MathOps.Compare("Equal", yFull, x), x.DType);
        ReduceAttrs r = ReduceAttrs.Of(op);
        Tensor count = Reduce("Sum", indicators, r.AxesOrAll, r.KeepDims, null);
        Tensor share = MathOps.RealDiv(dy, count);
        return MathOps.Mul(indicators, BroadcastReduced(share, x, op, mean: false));
    }
}
