using TfLessons.Runtime.Kernels;

namespace TfLessons.Ops;

/// <summary>
/// The shape arithmetic TF1's Python writes into gradient subgraphs (Shape, Size, Rank, Range, Prod, FloorDiv,
/// FloorMod, DynamicStitch, BroadcastGradientArgs, Slice) and the value-shaped forms of Reshape, Fill, Sum and
/// Mean (".dynamic": the target comes from a tensor, not an attribute). Their values are computed by
/// <see cref="Evaluate"/>, both at run time and, through <see cref="ShapeValues"/>, at plan time.
/// </summary>
internal static partial class ShapeOps
{
    private static readonly HashSet<string> EvaluableTypes = new(StringComparer.Ordinal)
    {
        "Shape", "Size", "Rank", "Identity", "Cast", "Range", "Prod.dynamic", "Tile.dynamic", "FloorDiv", "FloorMod", "DynamicStitch",
        "BroadcastGradientArgs", "Slice", "Add", "Sub", "Mul", "Maximum", "Minimum", "Pack", "ConcatV2",
        "Reshape.dynamic", "Fill.dynamic", "Sum.dynamic", "Fill", "Reshape",
    };

    public static bool Evaluable(string type) => EvaluableTypes.Contains(type);

    public static void Register(Action<OpDef> add)
    {
        add(new OpDef("Shape", (op, s) => { ShapeValues.Record(op, s[0]); return [s[0].IsUnknownRank ? new Shape(-1) : new Shape(s[0].Rank)]; },
            ShapeOfKernel, null)
        { NotDifferentiable = true });
        add(new OpDef("Size", (op, s) => { ShapeValues.Record(op, s[0]); return [Shape.Scalar]; }, ShapeOfKernel, null) { NotDifferentiable = true });
        add(new OpDef("Rank", (op, s) => { ShapeValues.Record(op, s[0]); return [Shape.Scalar]; }, ShapeOfKernel, null) { NotDifferentiable = true });
        add(new OpDef("Range", (op, s) => [ValueShape(op, s, 0, fallbackRank: 1)], EvaluateKernel, null) { NotDifferentiable = true });
        add(new OpDef("Prod.dynamic", (op, s) => [ValueShape(op, s, 0, ReducedRank(op, s))], EvaluateKernel, null) { NotDifferentiable = true });
        add(new OpDef("FloorDiv", ShapeRules.Broadcast, EvaluateKernel, null) { NotDifferentiable = true, Broadcasting = true });
        add(new OpDef("FloorMod", ShapeRules.Broadcast, EvaluateKernel, (op, dy) =>
            [dy[0], MathOps.Neg(MathOps.Mul(dy[0]!, Build.One("FloorDiv", [op.Inputs[0], op.Inputs[1]], op.Inputs[0].DType, null)))])
        { Broadcasting = true });
        add(new OpDef("DynamicStitch", (op, s) => [ValueShape(op, s, 0, fallbackRank: -1)], EvaluateKernel, null) { NotDifferentiable = true });
        add(new OpDef("BroadcastGradientArgs", (op, s) => [ValueShape(op, s, 0, 1), ValueShape(op, s, 1, 1)], EvaluateKernel, null) { NotDifferentiable = true });
        add(new OpDef("Slice", (op, s) => [ValueShape(op, s, 0, s[0].IsUnknownRank ? -1 : s[0].Rank)], EvaluateKernel, null) { NotDifferentiable = true });
        add(new OpDef("Reshape.dynamic", (op, s) => [ValueShape(op, s, 0, -1)], EvaluateKernel, (op, dy) => [ArrayOps.ReshapeLike(dy[0]!, op.Inputs[0]), null]));
        add(new OpDef("Fill.dynamic", (op, s) => [ValueShape(op, s, 0, -1)], EvaluateKernel, null) { NotDifferentiable = true });
        // No gradient here (TensorFlow has one): asking for it raises "No gradient defined" rather than passing none.
        add(new OpDef("Tile.dynamic", (op, s) => [ValueShape(op, s, 0, s[0].IsUnknownRank ? -1 : s[0].Rank)], EvaluateKernel, null));
        add(new OpDef("Sum.dynamic", (op, s) => [ValueShape(op, s, 0, ReducedRank(op, s))], EvaluateKernel, null));
        add(new OpDef("Mean.dynamic", (op, s) => [ValueShape(op, s, 0, ReducedRank(op, s))], EvaluateKernel, null));

        // PreventGradient: an identity whose gradient is an error (TF puts it on the labels of the softmax loss).
        add(new OpDef("PreventGradient", ShapeRules.Unchanged, ctx => Alias(ctx), (op, dy) =>
            throw new InvalidOperationException(
                $"Gradient explicitly disabled. Reason: {MessageAttrs.Of(op).Message} (op '{op.Name}')")));
    }

    /// <summary>PreventGradient's message (TensorFlow's attribute, empty by default).</summary>
    internal readonly record struct MessageAttrs(string Message) : IOpAttrs
    {
        public static MessageAttrs Of(Operation op) => new(op.Attr("message", ""));

        public void WriteTo(IDictionary<string, object> attrs) => attrs["message"] = Message;
    }

    /// <summary>Shape's and Size's output dtype, TensorFlow's out_type (int32 by default); Rank has none.</summary>
    internal readonly record struct ShapeOfAttrs(DType OutType) : IOpAttrs
    {
        public static ShapeOfAttrs Of(Operation op) => new(op.Attr("out_type", DType.Int32));

        /// <summary>out_type of a NodeDef being imported (it gives the node's output dtype).</summary>
        public static ShapeOfAttrs FromTf(IReadOnlyDictionary<string, object> tf, string type) =>
            new(OpAttrs.Get(tf, "out_type", DType.Int32, type));

        public void WriteTo(IDictionary<string, object> attrs) => attrs["out_type"] = OutType;
    }

    /// <summary>keep_dims of Sum, Mean and Prod in TensorFlow's form (".dynamic": axes from a tensor).</summary>
    internal readonly record struct DynamicReduceAttrs(bool KeepDims) : IOpAttrs
    {
        public static DynamicReduceAttrs Of(Operation op) => new(op.Attr("keep_dims", false));

        public void WriteTo(IDictionary<string, object> attrs) => attrs["keep_dims"] = KeepDims;
    }

    /// <summary>The output shape from the value this op would compute, else a shape of the fallback rank (-1: unknown).</summary>
    private static Shape ValueShape(Operation op, Shape[] shapes, int output, int fallbackRank)
    {
        var inputs = new NDArray[op.Inputs.Count];
        bool known = true;
        for (int i = 0; i < inputs.Length && known; i++)
        {
            // Only the value inputs matter for these ops' output shapes; a data input stands in with its shape.
            NDArray? value = ShapeValues.TryGet(op.Inputs[i]);
            if (value is null && IsDataInput(op, i) && shapes[i].IsFullyDefined) value = new NDArray(op.Inputs[i].DType, shapes[i].ToArray());
            if (value is null) known = false;
            else inputs[i] = value;
        }
        if (known && Evaluate(op, inputs) is NDArray[] outputs) return outputs[output].Shape;
        return fallbackRank < 0 ? Shape.Unknown : new Shape(Enumerable.Repeat(-1, fallbackRank).ToArray());
    }

    // Inputs whose values do not change the output shape: evaluated from a placeholder array of the right shape.
    private static bool IsDataInput(Operation op, int i) => op.Type switch
    {
        "Slice" or "Reshape.dynamic" or "Sum.dynamic" or "Mean.dynamic" or "Prod.dynamic" or "Tile.dynamic" => i == 0,
        "Fill.dynamic" => i == 1,
        "DynamicStitch" => i >= op.Inputs.Count / 2,
        _ => false,
    };

    private static int ReducedRank(Operation op, Shape[] s) =>
        DynamicReduceAttrs.Of(op).KeepDims && !s[0].IsUnknownRank ? s[0].Rank : -1;

    private static Kernel ShapeOfKernel(KernelContext ctx)
    {
        NDArray value = ShapeOf(ctx.Op, ctx.InShapes[0]);
        int yi = ctx.Out[0];
        return Kernel.From(v => v[yi] = value);
    }

    private static Kernel EvaluateKernel(KernelContext ctx)
    {
        Operation op = ctx.Op;
        int[] ins = ctx.In, outs = ctx.Out;
        return Kernel.From(v =>
        {
            var inputs = new NDArray[ins.Length];
            for (int i = 0; i < ins.Length; i++) inputs[i] = v[ins[i]]!;
            NDArray[] results = Evaluate(op, inputs) ?? throw new InvalidOperationException($"{op.Type} '{op.Name}': cannot evaluate");
            for (int i = 0; i < outs.Length; i++) v[outs[i]] = results[i];
        });
    }

    private static Kernel Alias(KernelContext ctx)
    {
        int xi = ctx.In[0], yi = ctx.Out[0];
        return Kernel.From(v => v[yi] = v[xi]);
    }

    internal static NDArray ShapeOf(Operation op, int[] shape)
    {
        DType dtype = ShapeOfAttrs.Of(op).OutType;
        NDArray result = op.Type switch
        {
            "Shape" => new NDArray(dtype, [shape.Length]),
            _ => new NDArray(op.Type == "Rank" ? DType.Int32 : dtype, []),
        };
        if (op.Type == "Shape") for (int i = 0; i < shape.Length; i++) result.SetDouble(i, shape[i]);
        else result.SetDouble(0, op.Type == "Rank" ? shape.Length : NDArray.ShapeSize(shape));
        return result;
    }
}
