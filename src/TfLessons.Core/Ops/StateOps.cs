using TfLessons.Runtime.Kernels;

namespace TfLessons.Ops;

/// <summary>Graph inputs and state: constants, placeholders, variables and assignments, NoOp.</summary>
internal static class StateOps
{
    public static void Register(Action<OpDef> add)
    {
        // Const: a value baked into the graph; its buffer is shared, never written.
        add(new OpDef("Const", (op, s) => [ConstAttrs.Of(op).Value.Shape], ctx =>
        {
            NDArray value = ConstAttrs.Of(ctx.Op).Value;
            int yi = ctx.Out[0];
            return Kernel.From(v => v[yi] = value);
        }, null)
        { NotDifferentiable = true });

        // Placeholder: must be fed; the session validates dtype and shape against the declaration.
        add(new OpDef("Placeholder", (op, s) => [PlaceholderAttrs.Of(op).Shape],
            ctx => throw UnfedPlaceholder(ctx.Op), null)
        { NotDifferentiable = true });

        // VariableV2: the session-held value of a variable (a reference).
        add(new OpDef("VariableV2", (op, s) => [VariableAttrs.Of(op).Shape], VariableKernel, null)
        { NotDifferentiable = true });

        // Assign / AssignAdd / AssignSub: update the variable in place and output it.  Not differentiable.
        add(new OpDef("Assign", AssignShape, ctx => AssignKernel(ctx, AssignMode.Set), null) { NotDifferentiable = true, RefInputs = [0] });
        add(new OpDef("AssignAdd", AssignShape, ctx => AssignKernel(ctx, AssignMode.Add), null) { NotDifferentiable = true, RefInputs = [0] });
        add(new OpDef("AssignSub", AssignShape, ctx => AssignKernel(ctx, AssignMode.Sub), null) { NotDifferentiable = true, RefInputs = [0] });

        // NoOp: does nothing; used for its control inputs (tf.group, initializers).
        add(new OpDef("NoOp", ShapeRules.None, _ => Kernel.Nothing, null) { NotDifferentiable = true });
    }

    /// <summary>A constant holding a copy of <paramref name="value"/>: later edits of the caller's array do not reach the graph.</summary>
    public static Tensor Const(NDArray value, string? name = null, Graph? graph = null) =>
        (graph ?? Graph.Default).CreateOp("Const", [], [value.DType], name ?? "Const",
            new ConstAttrs(value.Copy()).ToAttrs()).Outputs[0];

    /// <summary>Const's value (TensorFlow's attribute; its dtype attribute is the exporter's).</summary>
    internal readonly record struct ConstAttrs(NDArray Value) : IOpAttrs
    {
        public static ConstAttrs Of(Operation op) => new(op.Attr<NDArray>("value"));

        public void WriteTo(IDictionary<string, object> attrs) => attrs["value"] = Value;
    }

    public static Tensor Placeholder(DType dtype, Shape? shape, string? name = null) =>
        Graph.Default.CreateOp("Placeholder", [], [dtype], name ?? "Placeholder",
            new PlaceholderAttrs(shape ?? Shape.Unknown).ToAttrs()).Outputs[0];

    /// <summary>
    /// Placeholder's declared shape (TensorFlow's attribute) and an engine-only hint added to the unfed-placeholder
    /// error (the batch-norm training flag's), which is not exported.
    /// </summary>
    internal readonly record struct PlaceholderAttrs(Shape Shape, string? FeedHint = null) : IOpAttrs
    {
        public static PlaceholderAttrs Of(Operation op) =>
            new(op.Attr<Shape>("shape"), op.Attr<string?>("feed_hint", null));

        /// <summary>
        /// The engine form of TensorFlow's node: no shape is any shape, and before GraphDef version 22 an empty
        /// shape meant any shape too (TensorFlow's legacy rule).
        /// </summary>
        public static PlaceholderAttrs FromTf(IReadOnlyDictionary<string, object> tf, int producer)
        {
            Shape shape = OpAttrs.Get(tf, "shape", Shape.Unknown, "Placeholder");
            return new(producer <= 21 && shape is { IsUnknownRank: false, Rank: 0 } ? Shape.Unknown : shape);
        }

        /// <summary>Adds the hint to an existing placeholder's unfed error.</summary>
        public static void SetFeedHint(Operation placeholder, string hint) => placeholder.SetAttr("feed_hint", hint);

        public void WriteTo(IDictionary<string, object> attrs)
        {
            attrs["shape"] = Shape;
            if (FeedHint is not null) attrs["feed_hint"] = FeedHint;
        }

        public void WriteTf(IDictionary<string, object> attrs) => attrs["shape"] = Shape;
    }

    /// <summary>VariableV2's shape (TensorFlow's attribute; the exporter adds container and shared_name).</summary>
    internal readonly record struct VariableAttrs(Shape Shape) : IOpAttrs
    {
        public static VariableAttrs Of(Operation op) => new(op.Attr<Shape>("shape"));

        public void WriteTo(IDictionary<string, object> attrs) => attrs["shape"] = Shape;
    }

    public static Operation NoOp(string? name = null, Graph? graph = null) => (graph ?? Graph.Default).CreateOp("NoOp", [], [], name ?? "NoOp");

    public static Tensor Assign(Tensor reference, Tensor value, string type = "Assign", string? name = null)
    {
        if (reference.Op.Type != "VariableV2")
            throw new ArgumentException($"{type}: input 'ref' must be a variable's reference, but {reference.Name} comes from a {reference.Op.Type} op");
        Build.SameDType(type, reference, value, "ref", "value");
        return Build.One(type, [reference, value], value.DType, name ?? type);
    }

    private static Shape[] AssignShape(Operation op, Shape[] s)
    {
        if (!s[0].IsCompatibleWith(s[1])) throw ShapeRules.ShapeError(op, $"Shapes must be equal, but are {s[0].ToListString()} and {s[1].ToListString()}", s);
        return [s[0]];
    }

    private static Kernel VariableKernel(KernelContext ctx)
    {
        VariableSlot slot = ctx.OwnVariable();
        int yi = ctx.Out[0];
        bool mustExist = ctx.PlanReadsThisVariable();
        return Kernel.From(v =>
        {
            NDArray? value = slot.Value;
            if (value is null && mustExist) throw slot.Uninitialized();
            v[yi] = value;
        });
    }

    private enum AssignMode { Set, Add, Sub }

    private static Kernel AssignKernel(KernelContext ctx, AssignMode mode)
    {
        VariableSlot slot = ctx.Variable(0);
        int xi = ctx.In[1], yi = ctx.Out[0];
        return Kernel.From(v =>
        {
            NDArray value = v[xi]!;
            if (mode == AssignMode.Set)
            {
                slot.Set(value);
            }
            else
            {
                NDArray current = slot.Value ?? throw slot.Uninitialized();
                StateKernels.Accumulate(current, value, subtract: mode == AssignMode.Sub);
            }
            v[yi] = slot.Value;
        });
    }

    /// <summary>TensorFlow's "You must feed a value for placeholder tensor 'x' with dtype float and shape [?,3]".</summary>
    internal static InvalidArgumentError UnfedPlaceholder(Operation placeholder)
    {
        (Shape shape, string? feedHint) = PlaceholderAttrs.Of(placeholder);
        string shapePart = shape.IsUnknownRank ? "" : $" and shape {shape.ToListString()}";
        string hint = feedHint is string h ? $" ({h})" : "";
        return new InvalidArgumentError(
            $"You must feed a value for placeholder tensor '{placeholder.Name}' with dtype {placeholder.Outputs[0].DType.TfTypeString()}{shapePart}{hint}", op: placeholder);
    }
}
