using System.Numerics;
using TfLessons.Runtime.Kernels;
using TfLessons.Runtime.Kernels.Layer;

namespace TfLessons.Ops;

/// <summary>Softmax, log-softmax, fused softmax cross-entropy, one-hot and ExpandDims.</summary>
internal static class SoftmaxOps
{
    public static void Register(Action<OpDef> add)
    {
        // Softmax over the last axis.  grad: (dy - sum(dy * y, -1, keep)) * y (reuses y)
        add(new OpDef("Softmax", LastAxisShape, ctx => RowsKernel(ctx, log: false), (op, dy) =>
        {
            Tensor y = op.Outputs[0], g = dy[0]!;
            Tensor dot = ReduceOps.Reduce("Sum", MathOps.Mul(g, y), [-1], true, null);
            return [MathOps.Mul(MathOps.Sub(g, dot), y)];
        }));

        // LogSoftmax over the last axis.  grad: dy - sum(dy, -1, keep) * exp(y)
        add(new OpDef("LogSoftmax", LastAxisShape, ctx => RowsKernel(ctx, log: true), (op, dy) =>
        {
            Tensor g = dy[0]!;
            return [MathOps.Sub(g, MathOps.Mul(ReduceOps.Reduce("Sum", g, [-1], true, null), MathOps.Exp(op.Outputs[0])))];
        }));

        // SoftmaxCrossEntropyWithLogits(logits, labels) -> (loss [batch], backprop [batch, classes]), fused and stable.
        // grad: (dloss[:, None] * backprop, dloss[:, None] * -log_softmax(logits))
        add(new OpDef("SoftmaxCrossEntropyWithLogits", CrossEntropyShape, CrossEntropyKernel, (op, dy) =>
        {
            Tensor g = ExpandDims(dy[0]!, -1);
            return [MathOps.Mul(g, op.Outputs[1]), MathOps.Mul(g, MathOps.Neg(Build.One("LogSoftmax", [op.Inputs[0]], op.Inputs[0].DType, null)))];
        }));

        // OneHot(indices): on where index == position along a new axis, off elsewhere.  Not differentiable.
        add(new OpDef("OneHot", OneHotShape, OneHotKernel, null) { NotDifferentiable = true });

        // ExpandDims: a view with a new axis of size 1.  grad: dy reshaped like x
        add(new OpDef("ExpandDims", ExpandShape, ExpandKernel, (op, dy) => [ArrayOps.ReshapeLike(dy[0]!, op.Inputs[0])]));
    }

    public static Tensor Softmax(Tensor logits, string type, string? name = null)
    {
        Build.Floating(type, logits);
        return Build.One(type, [logits], logits.DType, name);
    }

    public static (Tensor Loss, Tensor Backprop) CrossEntropy(Tensor labels, Tensor logits, string? name = null)
    {
        Build.SameDType("SoftmaxCrossEntropyWithLogits", logits, labels, "logits", "labels");
        Build.Floating("SoftmaxCrossEntropyWithLogits", logits);
        Operation op = Build.Op("SoftmaxCrossEntropyWithLogits", [logits, labels], [logits.DType, logits.DType], name);
        return (op.Outputs[0], op.Outputs[1]);
    }

    public static Tensor OneHot(Tensor indices, int depth, double on, double off, int axis, DType dtype, string? name = null, bool requireInRange = false)
    {
        if (indices.DType is not (DType.Int32 or DType.Int64)) throw new ArgumentException($"OneHot: indices {indices.Name} must be int32 or int64, not {indices.DType.Name()}");
        if (depth < 0) throw new ArgumentException($"OneHot: depth must be non-negative, got {depth}");
        return Build.One("OneHot", [indices], dtype, name, new OneHotAttrs(depth, on, off, axis, requireInRange));
    }

    /// <summary>
    /// OneHot's attributes: depth, on and off values (TensorFlow passes these three as inputs), the new axis
    /// (TensorFlow's attribute), and require_in_range (engine-only, not exported: a label outside [0, depth) is an
    /// error instead of TensorFlow's all-off row).
    /// </summary>
    internal readonly record struct OneHotAttrs(
        int Depth, double OnValue, double OffValue, int Axis, bool RequireInRange) : IOpAttrs
    {
        public static OneHotAttrs Of(Operation op) => new(op.Attr<int>("depth"), op.Attr<double>("on_value"),
            op.Attr<double>("off_value"), op.Attr<int>("axis"), op.Attr("require_in_range", false));

        public void WriteTo(IDictionary<string, object> attrs)
        {
            attrs["depth"] = Depth;
            attrs["on_value"] = OnValue;
            attrs["off_value"] = OffValue;
            attrs["axis"] = Axis;
            attrs["require_in_range"] = RequireInRange;
        }

        /// <summary>The engine form of TensorFlow's node: depth, on, off from its constant inputs; axis -1.</summary>
        public static OneHotAttrs FromTf(IReadOnlyDictionary<string, object> tf, int depth, double on, double off) =>
            new(depth, on, off, checked((int)OpAttrs.GetInt64(tf, "axis", -1, "OneHot")), RequireInRange: false);

        public void WriteTf(IDictionary<string, object> attrs) => attrs["axis"] = Axis;
    }

    public static Tensor ExpandDims(Tensor x, int axis, string? name = null) =>
        Build.One("ExpandDims", [x], x.DType, name, new ExpandDimsAttrs(axis));

    /// <summary>ExpandDims' new axis; TensorFlow passes it as the input "dim".</summary>
    internal readonly record struct ExpandDimsAttrs(int Axis) : IOpAttrs
    {
        public static ExpandDimsAttrs Of(Operation op) => new(op.Attr<int>("axis"));

        public void WriteTo(IDictionary<string, object> attrs) => attrs["axis"] = Axis;

        public void WriteTf(IDictionary<string, object> attrs) { }
    }

    private static Shape[] LastAxisShape(Operation op, Shape[] s)
    {
        if (!s[0].IsUnknownRank && s[0].Rank < 1) throw ShapeRules.ShapeError(op, "Shape must be at least rank 1 but is rank 0", s);
        return [s[0]];
    }

    private static Kernel RowsKernel(KernelContext ctx, bool log)
    {
        NDArray d = ctx.Output(0);
        int xi = ctx.In[0], classes = ctx.InShapes[0][^1];
        return Bind.Floating(ctx, new RowsRun(xi, d, classes, log));
    }

    private static Shape[] CrossEntropyShape(Operation op, Shape[] s)
    {
        Shape logits = s[0], labels = s[1];
        if (!logits.IsCompatibleWith(labels))
            throw ShapeRules.ShapeError(op, $"logits and labels must be broadcastable: logits_size={logits.ToListString()} labels_size={labels.ToListString()}", s);
        Shape merged = logits.MergeWith(labels);
        if (merged.IsUnknownRank) return [new Shape(-1), new Shape(-1, -1)];
        if (merged.Rank != 2) throw ShapeRules.ShapeError(op, $"logits and labels must be 2-dimensional, got rank {merged.Rank}", s);
        return [new Shape(merged[0]), merged];
    }

    private static Kernel CrossEntropyKernel(KernelContext ctx)
    {
        NDArray loss = ctx.Output(0), backprop = ctx.Output(1);
        int li = ctx.In[0], yi = ctx.In[1], classes = ctx.InShapes[0][1];
        return Bind.Floating(ctx, new CrossEntropyRun(li, yi, loss, backprop, classes));
    }

    private static Shape[] OneHotShape(Operation op, Shape[] s)
    {
        if (s[0].IsUnknownRank) return [Shape.Unknown];
        var dims = s[0].ToArray().ToList();
        OneHotAttrs a = OneHotAttrs.Of(op);
        int axis = a.Axis;
        if (axis < -1 || axis > dims.Count) throw ShapeRules.ShapeError(op, $"Expected axis to be -1 or between [0, {dims.Count}), but got {axis}", s);
        dims.Insert(axis == -1 ? dims.Count : axis, a.Depth);
        return [new Shape(dims.ToArray())];
    }

    private static Kernel OneHotKernel(KernelContext ctx)
    {
        NDArray d = ctx.Output(0);
        int xi = ctx.In[0];
        (int depth, double on, double off, int axis, bool strict) = OneHotAttrs.Of(ctx.Op);
        int[] inShape = ctx.InShapes[0];
        if (axis == -1) axis = inShape.Length;
        int outer = 1, inner = 1;
        for (int a = 0; a < axis; a++) outer *= inShape[a];
        for (int a = axis; a < inShape.Length; a++) inner *= inShape[a];
        return Kernel.From(v =>
        {
            NDArray idx = v[xi]!;
            for (int i = 0; i < d.Size; i++) d.SetDouble(i, off);
            for (int o = 0; o < outer; o++)
            {
                for (int i = 0; i < inner; i++)
                {
                    long k = (long)idx.GetDouble(o * inner + i);
                    if (k >= 0 && k < depth) d.SetDouble((o * depth + (int)k) * inner + i, on);
                    else if (strict) throw new InvalidArgumentError($"Received a label value of {k} which is outside the valid range of [0, {depth}) (labels fed to '{ctx.Op.Name}')");
                }
            }
        });
    }

    private static Shape[] ExpandShape(Operation op, Shape[] s)
    {
        if (s[0].IsUnknownRank) return [Shape.Unknown];
        var dims = s[0].ToArray().ToList();
        int axis = ExpandDimsAttrs.Of(op).Axis;
        if (axis < -dims.Count - 1 || axis > dims.Count) throw ShapeRules.ShapeError(op, $"Tried to expand dim index {axis} for tensor with {dims.Count} dimensions", s);
        dims.Insert(axis < 0 ? dims.Count + 1 + axis : axis, 1);
        return [new Shape(dims.ToArray())];
    }

    private static Kernel ExpandKernel(KernelContext ctx)
    {
        NDArray view = ctx.View(0);
        int xi = ctx.In[0];
        return Kernel.From(v => view.Data = v[xi]!.Data);
    }

    private readonly struct RowsRun(int x, NDArray d, int classes, bool log) : IFloatingRun
    {
        public void Run<T>(NDArray?[] v) where T : unmanaged, IFloatingPointIeee754<T> => Runtime.Kernels.Softmax.Rows(v[x]!.Span<T>(), d.Span<T>(), classes, log);
    }

    private readonly struct CrossEntropyRun(int logits, int labels, NDArray loss, NDArray backprop, int classes) : IFloatingRun
    {
        public void Run<T>(NDArray?[] v) where T : unmanaged, IFloatingPointIeee754<T> =>
            Runtime.Kernels.Softmax.CrossEntropy(v[logits]!.Span<T>(), v[labels]!.Span<T>(), loss.Span<T>(), backprop.Span<T>(), classes);
    }
}
