using TfLessons.Runtime.Kernels;
using TfLessons.Runtime.Kernels.Layer;

namespace TfLessons.Ops;

/// <summary>Shape-moving ops: reshape, transpose, slicing, broadcasting helpers, identity, fills.</summary>
internal static partial class ArrayOps
{
    public static void Register(Action<OpDef> add)
    {
        // Identity: y = x (aliases the input buffer).  grad: dy
        add(new OpDef("Identity", ShapeRules.Unchanged, AliasKernel, (op, dy) => [dy[0]]));

        // StopGradient: y = x; no gradient flows back through it.
        add(new OpDef("StopGradient", ShapeRules.Unchanged, AliasKernel, null) { NotDifferentiable = true });

        // Reshape: same elements, static target shape (one -1 allowed).  grad: dy reshaped like x
        add(new OpDef("Reshape", ReshapeShape, ReshapeKernel, (op, dy) => [ReshapeLike(dy[0]!, op.Inputs[0])]));

        // ReshapeLike(x, like): x in like's runtime shape.  grad: (g reshaped like x, none)
        // Engine-only: TensorFlow's gradients write Reshape(dy, Shape(x)); taking x itself gives the target shape when
        // the plan is built, with no Shape op and no shape value to evaluate.
        add(new OpDef("ReshapeLike", (op, s) => [s[1]], ReshapeKernel, (op, g) => [ReshapeLike(g[0]!, op.Inputs[0]), null]));

        // Transpose: axes permuted by `perm`.  grad: dy transposed by the inverse permutation
        add(new OpDef("Transpose", TransposeShape, TransposeKernel, (op, dy) =>
        {
            int[] perm = TransposeAttrs.Of(op).Perm;
            var inverse = new int[perm.Length];
            for (int i = 0; i < perm.Length; i++) inverse[perm[i]] = i;
            return [Transpose(dy[0]!, inverse)];
        }));

        // StridedSlice: x[begin:end:stride] per axis, masks as TensorFlow's.  grad: StridedSliceGrad(dy, like x)
        add(new OpDef("StridedSlice", SliceShape, SliceKernel, (op, dy) =>
            [Build.One("StridedSliceGrad", [dy[0]!, op.Inputs[0]], dy[0]!.DType, null, StridedSliceAttrs.Of(op))]));

        // StridedSliceGrad(dy, like): zeros of like's shape with dy scattered into the slice.  grad: (slice of g, none)
        // TensorFlow's op of this name takes (shape, begin, end, strides, dy) as tensors; this form keeps the slice as
        // StridedSlice's attributes and takes like for the shape. Graph export and import translate the two forms.
        add(new OpDef("StridedSliceGrad", (op, s) => [s[1]], SliceGradKernel, (op, g) =>
            [Build.One("StridedSlice", [g[0]!], g[0]!.DType, null, StridedSliceAttrs.Of(op)), null]));

        // SumToShape(x, like): x summed over the axes that broadcasting added, giving like's shape.
        // The gradient driver's one place for undoing broadcasting.  grad: (g broadcast back, none)
        // Engine-only: TensorFlow's binary-op gradients compose Reshape(Sum(dy, BroadcastGradientArgs(Shape(x),
        // Shape(y))), Shape(x)); one op with like's shape does that at plan time (STYLE.md 4.3, convention 4).
        add(new OpDef("SumToShape", (op, s) => [s[1]], SumToShapeKernel, (op, g) => [BroadcastToLike(g[0]!, op.Inputs[0]), null]));

        // BroadcastToLike(x, like): x repeated along broadcast axes to like's shape.  grad: (SumToShape(g, x), none)
        // Engine-only: TensorFlow's BroadcastTo takes the target shape as a tensor (BroadcastTo(x, Shape(like))).
        add(new OpDef("BroadcastToLike", (op, s) => [s[1]], BroadcastKernel, (op, g) => [SumToShape(g[0]!, op.Inputs[0]), null]));

        // ZerosLike / OnesLike: constants in x's shape, filled once per plan.  Not differentiable.
        add(new OpDef("ZerosLike", ShapeRules.Unchanged, ctx => FillKernel(ctx, 0), null) { NotDifferentiable = true });
        add(new OpDef("OnesLike", ShapeRules.Unchanged, ctx => FillKernel(ctx, 1), null) { NotDifferentiable = true });

        // Fill: a static shape filled with `value`.  No inputs.
        add(new OpDef("Fill", (op, s) => [new Shape(FillAttrs.Of(op).Dims)],
            ctx => FillKernel(ctx, FillAttrs.Of(ctx.Op).Value), null)
        { NotDifferentiable = true });

        RegisterJoin(add);
    }

    public static Tensor Identity(Tensor x, string? name = null) => Build.One("Identity", [x], x.DType, name);
    public static Tensor StopGradient(Tensor x, string? name = null) => Build.One("StopGradient", [x], x.DType, name);

    public static Tensor Reshape(Tensor x, int[] shape, string? name = null)
    {
        if (shape.Count(d => d == -1) > 1) throw new ArgumentException($"Reshape: can only infer one dimension, got shape [{string.Join(",", shape)}] for {x.Name}");
        return Build.One("Reshape", [x], x.DType, name, new ReshapeAttrs((int[])shape.Clone()));
    }

    /// <summary>Reshape's static target shape (one -1 allowed); TensorFlow passes it as the input "shape".</summary>
    internal readonly record struct ReshapeAttrs(int[] Shape) : IOpAttrs
    {
        public static ReshapeAttrs Of(Operation op) => new(op.Attr<int[]>("shape"));

        public void WriteTo(IDictionary<string, object> attrs) => attrs["shape"] = Shape;

        public void WriteTf(IDictionary<string, object> attrs) { }
    }

    public static Tensor ReshapeLike(Tensor x, Tensor like) => Build.One("ReshapeLike", [x, like], x.DType, null);

    public static Tensor Transpose(Tensor x, int[]? perm = null, string? name = null)
    {
        if (perm is null)
        {
            if (x.Shape.IsUnknownRank) throw new ArgumentException($"Transpose: {x.Name} has unknown rank; pass perm");
            perm = Enumerable.Range(0, x.Shape.Rank).Reverse().ToArray();
        }
        if (!perm.Order().SequenceEqual(Enumerable.Range(0, perm.Length)))
            throw new ArgumentException($"Transpose: perm [{string.Join(",", perm)}] is not a permutation of 0..{perm.Length - 1}");
        return Build.One("Transpose", [x], x.DType, name, new TransposeAttrs(perm));
    }

    /// <summary>Transpose's permutation; TensorFlow passes it as the input "perm".</summary>
    internal readonly record struct TransposeAttrs(int[] Perm) : IOpAttrs
    {
        public static TransposeAttrs Of(Operation op) => new(op.Attr<int[]>("perm"));

        public void WriteTo(IDictionary<string, object> attrs) => attrs["perm"] = Perm;

        public void WriteTf(IDictionary<string, object> attrs) { }
    }

    public static Tensor SumToShape(Tensor x, Tensor like) => Build.One("SumToShape", [x, like], x.DType, null);
    public static Tensor BroadcastToLike(Tensor x, Tensor like) => Build.One("BroadcastToLike", [x, like], x.DType, null);
    public static Tensor ZerosLike(Tensor x, string? name = null) => Build.One("ZerosLike", [x], x.DType, name);
    public static Tensor OnesLike(Tensor x, string? name = null) => Build.One("OnesLike", [x], x.DType, name);

    public static Tensor Fill(int[] dims, double value, DType dtype, string? name = null) =>
        Build.One("Fill", [], dtype, name, new FillAttrs((int[])dims.Clone(), value));

    /// <summary>Fill's static shape and value; TensorFlow passes both as inputs ("dims", "value").</summary>
    internal readonly record struct FillAttrs(int[] Dims, double Value) : IOpAttrs
    {
        public static FillAttrs Of(Operation op) => new(op.Attr<int[]>("dims"), op.Attr<double>("value"));

        public void WriteTo(IDictionary<string, object> attrs)
        {
            attrs["dims"] = Dims;
            attrs["value"] = Value;
        }

        public void WriteTf(IDictionary<string, object> attrs) { }
    }

    private static Kernel AliasKernel(KernelContext ctx)
    {
        int xi = ctx.In[0], yi = ctx.Out[0];
        return Kernel.From(v => v[yi] = v[xi]);
    }

    private static Shape[] ReshapeShape(Operation op, Shape[] s)
    {
        int[] target = ReshapeAttrs.Of(op).Shape;
        Shape x = s[0];
        if (x.IsFullyDefined)
        {
            try { return [new Shape(NDArray.ResolveReshape(x.Size, target, "Reshape"))]; }
            catch (ArgumentException e) { throw ShapeRules.ShapeError(op, $"Cannot reshape a tensor with {x.Size} elements to shape [{string.Join(",", target)}]: {e.Message}", s); }
        }
        return [new Shape(target)];
    }

    private static Kernel ReshapeKernel(KernelContext ctx)
    {
        int inSize = NDArray.ShapeSize(ctx.InShapes[0]);
        int[] outShape = ctx.Op.Type == "Reshape"
            ? NDArray.ResolveReshape(inSize, ReshapeAttrs.Of(ctx.Op).Shape, ctx.Op.Name)
            : ctx.OutShapes[0];
        if (NDArray.ShapeSize(outShape) != inSize)
            throw ctx.Error($"Input to reshape is a tensor with {inSize} values, but the requested shape {Shape.Format(outShape)} has {NDArray.ShapeSize(outShape)}");
        NDArray view = ctx.View(0);
        view.SetShape(outShape);
        int xi = ctx.In[0];
        return Kernel.From(v => view.Data = v[xi]!.Data);
    }

    private static Shape[] TransposeShape(Operation op, Shape[] s)
    {
        int[] perm = TransposeAttrs.Of(op).Perm;
        if (s[0].IsUnknownRank) return [new Shape(perm.Select(_ => -1).ToArray())];
        if (s[0].Rank != perm.Length) throw ShapeRules.ShapeError(op, $"Dimension must be {s[0].Rank} but is {perm.Length}", s);
        return [new Shape(perm.Select(p => s[0][p]).ToArray())];
    }

    private static Kernel TransposeKernel(KernelContext ctx)
    {
        int[] perm = TransposeAttrs.Of(ctx.Op).Perm;
        NDArray d = ctx.Output(0);
        int xi = ctx.In[0];
        if (perm.Length == 2 && perm[0] == 1) return Kernel.From(v => ArrayKernels.TransposeInto(v[xi]!, perm, d));
        // Other permutations gather through source indices computed once per plan.
        int[] source = ArrayKernels.PermutedIndices(ctx.InShapes[0], perm);
        return Kernel.From(v => ArrayKernels.Gather(v[xi]!, source, d));
    }

    private static Kernel SumToShapeKernel(KernelContext ctx)
    {
        int[] from = ctx.InShapes[0], to = ctx.InShapes[1];
        if (from.AsSpan().SequenceEqual(to)) return AliasKernel(ctx);
        int[] padded = BroadcastLayout.Pad(to, from.Length);
        if (to.Length > from.Length) throw ctx.Error($"cannot sum shape {Shape.Format(from)} down to {Shape.Format(to)}");
        int[] axes = Enumerable.Range(0, from.Length).Where(a => padded[a] == 1 && from[a] != 1).ToArray();
        for (int a = 0; a < from.Length; a++)
        {
            if (padded[a] != 1 && padded[a] != from[a]) throw ctx.Error($"cannot sum shape {Shape.Format(from)} down to {Shape.Format(to)}");
        }
        return Bind.Reduce<SumReduce>(ctx, ReduceLayout.Create(from, axes), TypeSet.Floating, "gradients flow only through float32 and float64");
    }

    private static Kernel BroadcastKernel(KernelContext ctx)
    {
        int[] from = ctx.InShapes[0], to = ctx.InShapes[1];
        if (from.AsSpan().SequenceEqual(to)) return AliasKernel(ctx);
        return Bind.Broadcast(ctx, BroadcastLayout.Create(from, to, to));
    }

    private static Kernel FillKernel(KernelContext ctx, double value)
    {
        NDArray d = ctx.Output(0);
        for (int i = 0; i < d.Size; i++) d.SetDouble(i, value);
        return Kernel.Nothing;
    }
}
