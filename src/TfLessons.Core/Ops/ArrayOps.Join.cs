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
        add(new OpDef("Pack", PackShape, PackKernel, (op, dy) =>
            Unpack(dy[0]!, op.Inputs.Count, PackAttrs.Of(op).Axis)));

        // Unpack: one tensor split along an axis into `num` outputs.  grad: stack(dys, axis) (missing dys are zeros)
        add(new OpDef("Unpack", UnpackShape, UnpackKernel, (op, dy) =>
            [Pack(dy.Select(g => g!).ToArray(), UnpackAttrs.Of(op).Axis)]));

        // ConcatV2: tensors joined along an existing axis.  grad: ConcatGrad(dy, inputs...) = the pieces of dy
        add(new OpDef("ConcatV2", ConcatShape, ConcatKernel, (op, dy) =>
        {
            Tensor[] likes = op.Inputs.ToArray();
            DType[] types = likes.Select(_ => dy[0]!.DType).ToArray();
            var axis = new AxisAttrs(ConcatAttrs.Of(op).Axis);
            Operation split = Build.Op("ConcatGrad", [dy[0]!, .. likes], types, null, axis);
            return split.Outputs.Select(t => (Tensor?)t).ToArray();
        }));

        // ConcatGrad(dy, likes...): dy cut along `axis` into pieces shaped like the likes.  grad: (concat(g), none...)
        // Engine-only: TensorFlow's _ConcatGrad slices dy with ConcatOffset and Slice (or SplitV with the sizes as a
        // tensor); taking the inputs themselves gives every piece's shape when the plan is built, with one kernel.
        add(new OpDef("ConcatGrad", (op, s) => s[1..], ConcatGradKernel, (op, g) =>
            [Concat(g.Select(t => t!).ToArray(), AxisAttrs.Of(op).Axis), .. op.Outputs.Select(_ => (Tensor?)null)]));

        // Squeeze: size-1 axes removed (all of them, or those in squeeze_dims).  grad: dy reshaped like x
        add(new OpDef("Squeeze", SqueezeShape, SqueezeKernel, (op, dy) => [ReshapeLike(dy[0]!, op.Inputs[0])]));

        // GatherV2(params, indices): slices of params along `axis` picked by indices.  grad: (GatherGrad(dy, indices, params), none)
        add(new OpDef("GatherV2", GatherShape, GatherKernel, (op, dy) =>
            [Build.One("GatherGrad", [dy[0]!, op.Inputs[1], op.Inputs[0]], dy[0]!.DType, null, AxisAttrs.Of(op)),
                null]));

        // GatherGrad(dy, indices, like): dy scatter-added into zeros of like's shape.  grad: (gather(g, indices), none, none)
        // Engine-only: TensorFlow's _GatherV2Grad returns IndexedSlices, made dense by UnsortedSegmentSum(values,
        // indices, num_segments) for axis 0 (other axes through transposes). UnsortedSegmentSum takes a segment
        // count tensor and no axis; `like` gives the whole output shape at plan time, for any axis.
        add(new OpDef("GatherGrad", (op, s) => [s[2]], GatherGradKernel, (op, g) =>
            [Gather(g[0]!, op.Inputs[1], AxisAttrs.Of(op).Axis), null, null]));

        // Tile: x repeated multiples[i] times along each axis.  grad: TileGrad(dy, x) = the copies summed
        add(new OpDef("Tile", TileShape, TileKernel, (op, dy) =>
            [Build.One("TileGrad", [dy[0]!, op.Inputs[0]], dy[0]!.DType, null, TileAttrs.Of(op))]));

        // TileGrad(dy, like): the copies of dy summed back to like's shape.  grad: (tile(g, multiples), none)
        // Engine-only: TensorFlow 1's _TileGrad reshapes dy to [m0, d0, m1, d1, ...] and sums the multiples' axes
        // (its old TileGrad op, deprecated in GraphDef version 3, took the multiples as an input and no `like`).
        add(new OpDef("TileGrad", (op, s) => [s[1]], TileGradKernel, (op, g) =>
            [Tile(g[0]!, TileAttrs.Of(op).Multiples), null]));
    }

    public static Tensor Pack(Tensor[] values, int axis = 0, string? name = null)
    {
        if (values.Length == 0) throw new ArgumentException("stack: needs at least one tensor");
        foreach (Tensor t in values) Build.SameDType("Pack", values[0], t, "values[0]", t.Name);
        return Build.One("Pack", values, values[0].DType, name ?? "stack", new PackAttrs(axis, values.Length));
    }

    /// <summary>Pack's axis and input count N (TensorFlow's attributes).</summary>
    internal readonly record struct PackAttrs(int Axis, int N) : IOpAttrs
    {
        public static PackAttrs Of(Operation op) => new(op.Attr<int>("axis"), op.Attr<int>("N"));

        /// <summary>The engine form of TensorFlow's node: TensorFlow 1.0 leaves the axis out when it is 0.</summary>
        public static PackAttrs FromTf(IReadOnlyDictionary<string, object> tf, int n) =>
            new(checked((int)OpAttrs.GetInt64(tf, "axis", 0, "Pack")), n);

        public void WriteTo(IDictionary<string, object> attrs)
        {
            attrs["axis"] = Axis;
            attrs["N"] = N;
        }
    }

    /// <summary>Unpack's axis and output count num (TensorFlow's attributes).</summary>
    internal readonly record struct UnpackAttrs(int Axis, int Num) : IOpAttrs
    {
        public static UnpackAttrs Of(Operation op) => new(op.Attr<int>("axis"), op.Attr<int>("num"));

        public void WriteTo(IDictionary<string, object> attrs)
        {
            attrs["axis"] = Axis;
            attrs["num"] = Num;
        }
    }

    public static Tensor[] Unpack(Tensor value, int? num = null, int axis = 0, string? name = null)
    {
        Shape s = value.Shape;
        if (!s.IsUnknownRank && (axis < -s.Rank || axis >= s.Rank))
            throw new ArgumentException($"unstack: axis = {axis} not in [{-s.Rank}, {s.Rank}) for {value.Name} with shape {s}");
        int n = num ?? (s.IsUnknownRank ? -1 : s[axis]);
        if (n < 0) throw new ArgumentException($"Cannot infer num from shape {s} of {value.Name}; pass num");
        DType[] outputs = Enumerable.Repeat(value.DType, n).ToArray();
        Operation op = Build.Op("Unpack", [value], outputs, name ?? "unstack", new UnpackAttrs(axis, n));
        return op.Outputs.ToArray();
    }

    public static Tensor Concat(Tensor[] values, int axis, string? name = null)
    {
        if (values.Length == 0) throw new ArgumentException("concat: needs at least one tensor");
        foreach (Tensor t in values) Build.SameDType("ConcatV2", values[0], t, "values[0]", t.Name);
        // TensorFlow's array_ops.concat returns a lone input unchanged (through identity).
        if (values.Length == 1) return Identity(values[0], name ?? "concat");
        return Build.One("ConcatV2", values, values[0].DType, name ?? "concat", new ConcatAttrs(axis, values.Length));
    }

    /// <summary>ConcatV2's axis (TensorFlow's last input) and input count N (its attribute).</summary>
    internal readonly record struct ConcatAttrs(int Axis, int N) : IOpAttrs
    {
        public static ConcatAttrs Of(Operation op) => new(op.Attr<int>("axis"), op.Attr<int>("N"));

        public void WriteTo(IDictionary<string, object> attrs)
        {
            attrs["axis"] = Axis;
            attrs["N"] = N;
        }

        public void WriteTf(IDictionary<string, object> attrs) => attrs["N"] = N;
    }

    /// <summary>
    /// One axis: GatherV2's (TensorFlow's input "axis") and its gradient GatherGrad's, and ConcatGrad's (engine-only
    /// ops, exported with the attribute).
    /// </summary>
    internal readonly record struct AxisAttrs(int Axis) : IOpAttrs
    {
        public static AxisAttrs Of(Operation op) => new(op.Attr<int>("axis"));

        public void WriteTo(IDictionary<string, object> attrs) => attrs["axis"] = Axis;

        public void WriteTf(IDictionary<string, object> attrs) { }
    }

    public static Tensor Squeeze(Tensor x, int[]? axis = null, string? name = null) =>
        Build.One("Squeeze", [x], x.DType, name ?? "Squeeze", new SqueezeAttrs((int[])(axis ?? []).Clone()));

    /// <summary>Squeeze's axes to remove (all size-1 axes when empty), TensorFlow's squeeze_dims.</summary>
    internal readonly record struct SqueezeAttrs(int[] SqueezeDims) : IOpAttrs
    {
        public static SqueezeAttrs Of(Operation op) => new(op.Attr<int[]>("squeeze_dims"));

        public void WriteTo(IDictionary<string, object> attrs) => attrs["squeeze_dims"] = SqueezeDims;
    }

    public static Tensor Gather(Tensor parameters, Tensor indices, int axis = 0, string? name = null)
    {
        if (indices.DType is not (DType.Int32 or DType.Int64))
            throw new ArgumentException($"Value passed to parameter 'indices' of 'GatherV2' Op has DataType {indices.DType.Name()} not in list of allowed values: int32, int64 ({indices.Name})");
        return Build.One("GatherV2", [parameters, indices], parameters.DType, name ?? "GatherV2", new AxisAttrs(axis));
    }

    public static Tensor Tile(Tensor x, int[] multiples, string? name = null)
    {
        if (multiples.Any(m => m < 0)) throw new ArgumentException($"Tile: multiples must be non-negative, got [{string.Join(",", multiples)}] for {x.Name}");
        return Build.One("Tile", [x], x.DType, name ?? "Tile", new TileAttrs((int[])multiples.Clone()));
    }

    /// <summary>Tile's (and TileGrad's) multiples; TensorFlow passes them as Tile's input "multiples".</summary>
    internal readonly record struct TileAttrs(int[] Multiples) : IOpAttrs
    {
        public static TileAttrs Of(Operation op) => new(op.Attr<int[]>("multiples"));

        public void WriteTo(IDictionary<string, object> attrs) => attrs["multiples"] = Multiples;

        public void WriteTf(IDictionary<string, object> attrs) { }
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
        int axis = Axis(op, PackAttrs.Of(op).Axis, merged.Rank + 1, s);
        var dims = merged.ToArray().ToList();
        dims.Insert(axis, s.Length);
        return [new Shape(dims.ToArray())];
    }

    private static Kernel PackKernel(KernelContext ctx)
    {
        int[] shape = ctx.InShapes[0];
        int axis = Norm(PackAttrs.Of(ctx.Op).Axis, shape.Length + 1);
        int outer = JoinKernels.Span(shape, 0, axis), inner = JoinKernels.Span(shape, axis, shape.Length);
        int[] sizes = ctx.In.Select(_ => inner).ToArray();
        NDArray d = ctx.Output(0);
        int[] slots = ctx.In;
        return Kernel.From(v => JoinKernels.Join(v, slots, sizes, outer, d));
    }

    private static int Norm(int axis, int rank) => axis < 0 ? axis + rank : axis;

    private static Shape[] UnpackShape(Operation op, Shape[] s)
    {
        (int unpackAxis, int num) = UnpackAttrs.Of(op);
        if (s[0].IsUnknownRank) return Enumerable.Repeat(Shape.Unknown, num).ToArray();
        int axis = Axis(op, unpackAxis, s[0].Rank, s);
        if (s[0][axis] != -1 && s[0][axis] != num) throw ShapeRules.ShapeError(op, $"Dimension {axis} must be {num} but is {s[0][axis]}", s);
        var dims = s[0].ToArray().Where((_, a) => a != axis).ToArray();
        return Enumerable.Repeat(new Shape(dims), num).ToArray();
    }

    private static Kernel UnpackKernel(KernelContext ctx)
    {
        int[] shape = ctx.InShapes[0];
        int axis = Norm(UnpackAttrs.Of(ctx.Op).Axis, shape.Length);
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
        int axis = Axis(op, ConcatAttrs.Of(op).Axis, rank, s);
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
        int axis = Norm(ConcatAttrs.Of(ctx.Op).Axis, first.Length);
        int outer = JoinKernels.Span(first, 0, axis);
        int[] sizes = ctx.InShapes.Select(s => JoinKernels.Span(s, axis, s.Length)).ToArray();
        NDArray d = ctx.Output(0);
        int[] slots = ctx.In;
        return Kernel.From(v => JoinKernels.Join(v, slots, sizes, outer, d));
    }

    private static Kernel ConcatGradKernel(KernelContext ctx)
    {
        int[] dyShape = ctx.InShapes[0];
        int axis = Norm(AxisAttrs.Of(ctx.Op).Axis, dyShape.Length);
        int outer = JoinKernels.Span(dyShape, 0, axis);
        int[] sizes = ctx.InShapes.Skip(1).Select(s => JoinKernels.Span(s, axis, s.Length)).ToArray();
        if (sizes.Sum() * outer != NDArray.ShapeSize(dyShape)) throw ctx.Error($"gradient {Shape.Format(dyShape)} does not match the concatenated inputs");
        NDArray[] parts = Enumerable.Range(0, ctx.Out.Length).Select(ctx.Output).ToArray();
        int gi = ctx.In[0];
        return Kernel.From(v => JoinKernels.Split(v[gi]!, sizes, outer, parts));
    }

    private static Shape[] SqueezeShape(Operation op, Shape[] s)
    {
        int[] squeeze = SqueezeAttrs.Of(op).SqueezeDims;
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
        int axis = Axis(op, AxisAttrs.Of(op).Axis, p.Rank, s);
        int[] pd = p.ToArray();
        return [new Shape([.. pd[..axis], .. idx.ToArray(), .. pd[(axis + 1)..]])];
    }

    private static (int Outer, int N, int Inner) GatherLayout(Operation o, int[] shape)
    {
        int axis = Norm(AxisAttrs.Of(o).Axis, shape.Length);
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
        int[] m = TileAttrs.Of(op).Multiples;
        if (s[0].IsUnknownRank) return [new Shape(m.Select(_ => -1).ToArray())];
        if (s[0].Rank != m.Length) throw ShapeRules.ShapeError(op, $"Shape must be rank {s[0].Rank} but is rank {m.Length} (multiples)", s);
        return [new Shape(m.Select((k, a) => s[0][a] < 0 ? -1 : s[0][a] * k).ToArray())];
    }

    private static Kernel TileKernel(KernelContext ctx)
    {
        int[] sources = JoinKernels.TileSources(ctx.InShapes[0], TileAttrs.Of(ctx.Op).Multiples);
        NDArray d = ctx.Output(0);
        int xi = ctx.In[0];
        return Kernel.From(v => ArrayKernels.Gather(v[xi]!, sources, d));
    }

    private static Kernel TileGradKernel(KernelContext ctx)
    {
        int[] sources = JoinKernels.TileSources(ctx.InShapes[1], TileAttrs.Of(ctx.Op).Multiples);
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
