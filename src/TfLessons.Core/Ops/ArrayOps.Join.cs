using System.Numerics;
using TfLessons.Runtime.Kernels;
using TfLessons.Runtime.Kernels.Layer;

namespace TfLessons.Ops;

/// <summary>Pack, Unpack, ConcatV2, Squeeze, GatherV2 and Tile (array_ops.cc) with TensorFlow's gradients (array_grad.py).</summary>
internal static partial class ArrayOps
{
    private static void RegisterJoin(Action<OpDef> add)
    {
        // Pack: N tensors of one shape stacked along a new axis.  grad: unstack(dy, N, axis)
        add(new OpDef("Pack", PackShape, PackKernel, (op, dy) => Unpack(dy[0]!, op.Inputs.Count, op.Attr<int>("axis"))));

        // Unpack: one tensor split along an axis into `num` outputs.  grad: stack(dys, axis) (missing dys are zeros)
        add(new OpDef("Unpack", UnpackShape, UnpackKernel, (op, dy) => [Pack(dy.Select(g => g!).ToArray(), op.Attr<int>("axis"))]));

        // ConcatV2: tensors joined along an existing axis.  grad: ConcatGrad(dy, inputs...) = the pieces of dy
        add(new OpDef("ConcatV2", ConcatShape, ConcatKernel, (op, dy) =>
        {
            Tensor[] likes = op.Inputs.ToArray();
            Operation split = Build.Op("ConcatGrad", [dy[0]!, .. likes], likes.Select(_ => dy[0]!.DType).ToArray(), null, new() { ["axis"] = op.Attr<int>("axis") });
            return split.Outputs.Select(t => (Tensor?)t).ToArray();
        }));

        // ConcatGrad(dy, likes...): dy cut along `axis` into pieces shaped like the likes.  grad: (concat(g), none...)
        add(new OpDef("ConcatGrad", (op, s) => s[1..], ConcatGradKernel, (op, g) =>
            [Concat(g.Select(t => t!).ToArray(), op.Attr<int>("axis")), .. op.Outputs.Select(_ => (Tensor?)null)]));

        // Squeeze: size-1 axes removed (all of them, or those in squeeze_dims).  grad: dy reshaped like x
        add(new OpDef("Squeeze", SqueezeShape, SqueezeKernel, (op, dy) => [ReshapeLike(dy[0]!, op.Inputs[0])]));

        // GatherV2(params, indices): slices of params along `axis` picked by indices.  grad: (GatherGrad(dy, indices, params), none)
        add(new OpDef("GatherV2", GatherShape, GatherKernel, (op, dy) =>
            [Build.One("GatherGrad", [dy[0]!, op.Inputs[1], op.Inputs[0]], dy[0]!.DType, null, new() { ["axis"] = op.Attr<int>("axis") }), null]));

        // GatherGrad(dy, indices, like): dy scatter-added into zeros of like's shape.  grad: (gather(g, indices), none, none)
        add(new OpDef("GatherGrad", (op, s) => [s[2]], GatherGradKernel, (op, g) =>
            [Gather(g[0]!, op.Inputs[1], op.Attr<int>("axis")), null, null]));

        // Tile: x repeated multiples[i] times along each axis.  grad: TileGrad(dy, x) = the copies summed
        add(new OpDef("Tile", TileShape, TileKernel, (op, dy) =>
            [Build.One("TileGrad", [dy[0]!, op.Inputs[0]], dy[0]!.DType, null, new() { ["multiples"] = op.Attr<int[]>("multiples") })]));

        // TileGrad(dy, like).  grad: (tile(g, multiples), none)
        add(new OpDef("TileGrad", (op, s) => [s[1]], TileGradKernel, (op, g) => [Tile(g[0]!, op.Attr<int[]>("multiples")), null]));
    }

    public static Tensor Pack(Tensor[] values, int axis = 0, string? name = null)
    {
        if (values.Length == 0) throw new ArgumentException("stack: needs at least one tensor");
        foreach (Tensor t in values) Build.SameDType("Pack", values[0], t, "values[0]", t.Name);
        return Build.One("Pack", values, values[0].DType, name ?? "stack", new() { ["axis"] = axis, ["N"] = values.Length });
    }

    public static Tensor[] Unpack(Tensor value, int? num = null, int axis = 0, string? name = null)
    {
        Shape s = value.Shape;
        if (!s.IsUnknownRank && (axis < -s.Rank || axis >= s.Rank))
            throw new ArgumentException($"unstack: axis = {axis} not in [{-s.Rank}, {s.Rank}) for {value.Name} with shape {s}");
        int n = num ?? (s.IsUnknownRank ? -1 : s[axis]);
        if (n < 0) throw new ArgumentException($"Cannot infer num from shape {s} of {value.Name}; pass num");
        Operation op = Build.Op("Unpack", [value], Enumerable.Repeat(value.DType, n).ToArray(), name ?? "unstack", new() { ["axis"] = axis, ["num"] = n });
        return op.Outputs.ToArray();
    }

    public static Tensor Concat(Tensor[] values, int axis, string? name = null)
    {
        if (values.Length == 0) throw new ArgumentException("concat: needs at least one tensor");
        foreach (Tensor t in values) Build.SameDType("ConcatV2", values[0], t, "values[0]", t.Name);
        // TensorFlow's array_ops.concat returns a lone input unchanged (through identity).
        if (values.Length == 1) return Identity(values[0], name ?? "concat");
        return Build.One("ConcatV2", values, values[0].DType, name ?? "concat", new() { ["axis"] = axis, ["N"] = values.Length });
    }

    public static Tensor Squeeze(Tensor x, int[]? axis = null, string? name = null) =>
        Build.One("Squeeze", [x], x.DType, name ?? "Squeeze", new() { ["squeeze_dims"] = (int[])(axis ?? []).Clone() });

    public static Tensor Gather(Tensor parameters, Tensor indices, int axis = 0, string? name = null)
    {
        if (indices.DType is not (DType.Int32 or DType.Int64))
            throw new ArgumentException($"Value passed to parameter 'indices' of 'GatherV2' Op has DataType {indices.DType.Name()} not in list of allowed values: int32, int64 ({indices.Name})");
        return Build.One("GatherV2", [parameters, indices], parameters.DType, name ?? "GatherV2", new() { ["axis"] = axis });
    }

    public static Tensor Tile(Tensor x, int[] multiples, string? name = null)
    {
        if (multiples.Any(m => m < 0)) throw new ArgumentException($"Tile: multiples must be non-negative, got [{string.Join(",", multiples)}] for {x.Name}");
        return Build.One("Tile", [x], x.DType, name ?? "Tile", new() { ["multiples"] = (int[])multiples.Clone() });
    }

    private static int Axis(Operation op, int axis, int rank, Shape[] s)
    {
        if (axis < -rank || axis >= rank) throw ShapeRules.ShapeError(op, $"Expected axis in the range [{-rank}, {rank}), but got {axis}", s);
        return axis < 0 ? axis + rank : axis;
    }

    private static Shape[] PackShape(Operation op, Shape[] s)
    {
        Shape merged = ShapeRules.SameAsAll(op, s)[0];
        if (merged.IsUnknownRank) return [Shape.Unknown];
        int axis = Axis(op, op.Attr<int>("axis"), merged.Rank + 1, s);
        var dims = merged.ToArray().ToList();
        dims.Insert(axis, s.Length);
        return [new Shape(dims.ToArray())];
    }

    private static Kernel PackKernel(KernelContext ctx)
    {
        int[] shape = ctx.InShapes[0];
        int axis = Norm(ctx.Op.Attr<int>("axis"), shape.Length + 1);
        int outer = JoinKernels.Span(shape, 0, axis), inner = JoinKernels.Span(shape, axis, shape.Length);
        int[] sizes = ctx.In.Select(_ => inner).ToArray();
        NDArray d = ctx.Output(0);
        int[] slots = ctx.In;
        return Kernel.From(v => JoinKernels.Join(v, slots, sizes, outer, d));
    }

    private static int Norm(int axis, int rank) => axis < 0 ? axis + rank : axis;

    private static Shape[] UnpackShape(Operation op, Shape[] s)
    {
        int num = op.Attr<int>("num");
        if (s[0].IsUnknownRank) return Enumerable.Repeat(Shape.Unknown, num).ToArray();
        int axis = Axis(op, op.Attr<int>("axis"), s[0].Rank, s);
        if (s[0][axis] != -1 && s[0][axis] != num) throw ShapeRules.ShapeError(op, $"Dimension {axis} must be {num} but is {s[0][axis]}", s);
        var dims = s[0].ToArray().Where((_, a) => a != axis).ToArray();
        return Enumerable.Repeat(new Shape(dims), num).ToArray();
    }

    private static Kernel UnpackKernel(KernelContext ctx)
    {
        int[] shape = ctx.InShapes[0];
        int axis = Norm(ctx.Op.Attr<int>("axis"), shape.Length);
        int outer = JoinKernels.Span(shape, 0, axis), inner = JoinKernels.Span(shape, axis + 1, shape.Length);
        NDArray[] parts = Enumerable.Range(0, ctx.Out.Length).Select(ctx.Output).ToArray();
        int[] sizes = parts.Select(_ => inner).ToArray();
        int xi = ctx.In[0];
        return Kernel.From(v => JoinKernels.Split(v[xi]!, sizes, outer, parts));
    }

    private static Shape[] ConcatShape(Operation op, Shape[] s)
    {
        Shape? known = s.FirstOrDefault(x => !x.IsUnknownRank);
        if (known is null) return [Shape.Unknown];
        int rank = known.Rank;
        int axis = Axis(op, op.Attr<int>("axis"), rank, s);
        var dims = new int[rank];
        for (int a = 0; a < rank; a++) dims[a] = a == axis ? 0 : -1;
        foreach (Shape x in s)
        {
            if (x.IsUnknownRank) { dims[axis] = -1; continue; }
            if (x.Rank != rank) throw ShapeRules.ShapeError(op, $"Shape must be rank {rank} but is rank {x.Rank}", s);
            for (int a = 0; a < rank; a++)
            {
                if (a == axis) { dims[a] = dims[a] < 0 || x[a] < 0 ? -1 : dims[a] + x[a]; continue; }
                if (dims[a] != -1 && x[a] != -1 && dims[a] != x[a]) throw ShapeRules.ShapeError(op, $"Dimension {a} in both shapes must be equal, but are {dims[a]} and {x[a]}", s);
                if (dims[a] == -1) dims[a] = x[a];
            }
        }
        return [new Shape(dims)];
    }

    private static Kernel ConcatKernel(KernelContext ctx)
    {
        int[] first = ctx.InShapes[0];
        int axis = Norm(ctx.Op.Attr<int>("axis"), first.Length);
        int outer = JoinKernels.Span(first, 0, axis);
        int[] sizes = ctx.InShapes.Select(s => JoinKernels.Span(s, axis, s.Length)).ToArray();
        NDArray d = ctx.Output(0);
        int[] slots = ctx.In;
        return Kernel.From(v => JoinKernels.Join(v, slots, sizes, outer, d));
    }

    private static Kernel ConcatGradKernel(KernelContext ctx)
    {
        int[] dyShape = ctx.InShapes[0];
        int axis = Norm(ctx.Op.Attr<int>("axis"), dyShape.Length);
        int outer = JoinKernels.Span(dyShape, 0, axis);
        int[] sizes = ctx.InShapes.Skip(1).Select(s => JoinKernels.Span(s, axis, s.Length)).ToArray();
        if (sizes.Sum() * outer != NDArray.ShapeSize(dyShape)) throw ctx.Error($"gradient {Shape.Format(dyShape)} does not match the concatenated inputs");
        NDArray[] parts = Enumerable.Range(0, ctx.Out.Length).Select(ctx.Output).ToArray();
        int gi = ctx.In[0];
        return Kernel.From(v => JoinKernels.Split(v[gi]!, sizes, outer, parts));
    }

    private static Shape[] SqueezeShape(Operation op, Shape[] s)
    {
        int[] squeeze = op.Attr<int[]>("squeeze_dims");
        Shape x = s[0];
        if (x.IsUnknownRank) return [Shape.Unknown];
        int rank = x.Rank;
        int[] axes = squeeze.Select(a => Axis(op, a, rank, s)).ToArray();
        var dims = new List<int>();
        for (int a = 0; a < rank; a++)
        {
            bool listed = axes.Contains(a);
            if (listed && x[a] != 1 && x[a] != -1) throw ShapeRules.ShapeError(op, $"Can not squeeze dim[{a}], expected a dimension of 1, got {x[a]}", s);
            if (axes.Length == 0 && x[a] == -1) return [Shape.Unknown];
            if (listed || (axes.Length == 0 && x[a] == 1)) continue;
            dims.Add(x[a]);
        }
        return [new Shape(dims.ToArray())];
    }

    private static Kernel SqueezeKernel(KernelContext ctx)
    {
        int[] outShape = SqueezeShape(ctx.Op, [new Shape(ctx.InShapes[0])])[0].ToArray();
        NDArray view = ctx.View(0);
        view.SetShape(outShape);
        int xi = ctx.In[0];
        return Kernel.From(v => view.Data = v[xi]!.Data);
    }

    private static Shape[] GatherShape(Operation op, Shape[] s)
    {
        Shape p = s[0], idx = s[1];
        if (p.IsUnknownRank || idx.IsUnknownRank) return [Shape.Unknown];
        if (p.Rank < 1) throw ShapeRules.ShapeError(op, "Shape must be at least rank 1 but is rank 0", s);
        int axis = Axis(op, op.Attr<int>("axis"), p.Rank, s);
        int[] pd = p.ToArray();
        return [new Shape([.. pd[..axis], .. idx.ToArray(), .. pd[(axis + 1)..]])];
    }

    private static (int Outer, int N, int Inner) GatherLayout(Operation o, int[] shape)
    {
        int axis = Norm(o.Attr<int>("axis"), shape.Length);
        return (JoinKernels.Span(shape, 0, axis), shape[axis], JoinKernels.Span(shape, axis + 1, shape.Length));
    }

    private static Kernel GatherKernel(KernelContext ctx)
    {
        var (outer, n, inner) = GatherLayout(ctx.Op, ctx.InShapes[0]);
        NDArray d = ctx.Output(0);
        int pi = ctx.In[0], ii = ctx.In[1];
        string name = ctx.Op.Name;
        return Kernel.From(v => JoinKernels.Gather(v[pi]!, v[ii]!, outer, n, inner, d, name));
    }

    private static Kernel GatherGradKernel(KernelContext ctx)
    {
        var (outer, n, inner) = GatherLayout(ctx.Op, ctx.InShapes[2]);
        NDArray d = ctx.Output(0);
        int gi = ctx.In[0], ii = ctx.In[1];
        return Bind.Typed(ctx, new GatherGradRun(gi, ii, outer, n, inner, d), TypeSet.Floating, "gradients flow only through float32 and float64");
    }

    private static Shape[] TileShape(Operation op, Shape[] s)
    {
        int[] m = op.Attr<int[]>("multiples");
        if (s[0].IsUnknownRank) return [new Shape(m.Select(_ => -1).ToArray())];
        if (s[0].Rank != m.Length) throw ShapeRules.ShapeError(op, $"Shape must be rank {s[0].Rank} but is rank {m.Length} (multiples)", s);
        return [new Shape(m.Select((k, a) => s[0][a] < 0 ? -1 : s[0][a] * k).ToArray())];
    }

    private static Kernel TileKernel(KernelContext ctx)
    {
        int[] sources = JoinKernels.TileSources(ctx.InShapes[0], ctx.Op.Attr<int[]>("multiples"));
        NDArray d = ctx.Output(0);
        int xi = ctx.In[0];
        return Kernel.From(v => ArrayKernels.Gather(v[xi]!, sources, d));
    }

    private static Kernel TileGradKernel(KernelContext ctx)
    {
        int[] sources = JoinKernels.TileSources(ctx.InShapes[1], ctx.Op.Attr<int[]>("multiples"));
        if (sources.Length != NDArray.ShapeSize(ctx.InShapes[0])) throw ctx.Error($"gradient {Shape.Format(ctx.InShapes[0])} does not match the tiled shape");
        NDArray d = ctx.Output(0);
        int gi = ctx.In[0];
        return Bind.Typed(ctx, new TileGradRun(gi, sources, d), TypeSet.Floating, "gradients flow only through float32 and float64");
    }

    private readonly struct GatherGradRun(int g, int indices, int outer, int n, int inner, NDArray d) : ITypedRun
    {
        public void Run<T>(NDArray?[] v) where T : unmanaged, INumber<T>, IMinMaxValue<T> =>
            JoinKernels.GatherGrad(v[g]!.Span<T>(), v[indices]!, outer, n, inner, d.Span<T>());
    }

    private readonly struct TileGradRun(int g, int[] sources, NDArray d) : ITypedRun
    {
        public void Run<T>(NDArray?[] v) where T : unmanaged, INumber<T>, IMinMaxValue<T> => JoinKernels.TileGrad(v[g]!.Span<T>(), sources, d.Span<T>());
    }
}
