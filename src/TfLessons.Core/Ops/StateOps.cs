using TfLessons.Runtime.Kernels;

namespace TfLessons.Ops;

/// <summary>Graph inputs and state: constants, placeholders, variables and assignments, NoOp.</summary>
internal static class StateOps
{
    public static void Register(Action<OpDef> add)
    {
        // Const: a value baked into the graph; its buffer is shared, never written.
        add(new OpDef("Const", (op, s) => [op.Attr<NDArray>("value").Shape], ctx =>
        {
            NDArray value = ctx.Op.Attr<NDArray>("value");
            int yi = ctx.Out[0];
            return Kernel.From(v => v[yi] = value);
        }, null)
        { NotDifferentiable = true });

        // Placeholder: must be fed; the session validates dtype and shape against the declaration.
        add(new OpDef("Placeholder", (op, s) => [op.Attr<Shape>("shape")], ctx => throw UnfedPlaceholder(ctx.Op), null)
        { NotDifferentiable = true });

        // VariableV2: the session-held value of a variable (a reference).
        add(new OpDef("VariableV2", (op, s) => [op.Attr<Shape>("shape")], VariableKernel, null) { NotDifferentiable = true });

        // Assign / AssignAdd / AssignSub: update the variable in place and output it.  Not differentiable.
        add(new OpDef("Assign", AssignShape, ctx => AssignKernel(ctx, AssignMode.Set), null) { NotDifferentiable = true, RefInputs = [0] });
        add(new OpDef("AssignAdd", AssignShape, ctx => AssignKernel(ctx, AssignMode.Add), null) { NotDifferentiable = true, RefInputs = [0] });
        add(new OpDef("AssignSub", AssignShape, ctx => AssignKernel(ctx, AssignMode.Sub), null) { NotDifferentiable = true, RefInputs = [0] });

        // NoOp: does nothing; used for its control inputs (tf.group, initializers).
        add(new OpDef("NoOp", ShapeRules.None, _ => Kernel.Nothing, null) { NotDifferentiable = true });
    }

    /// <summary>A constant holding a copy of <paramref name="value"/>: later edits of the caller's array do not reach the graph.</summary>
    public static Tensor Const(NDArray value, string? name = null, Graph? graph = null) =>
        (graph ?? Graph.Default).CreateOp("Const", [], [value.DType], name ?? "Const", new() { ["value"] = value.Copy() }).Outputs[0];

    public static Tensor Placeholder(DType dtype, Shape? shape, string? name = null) =>
        Graph.Default.CreateOp("Placeholder", [], [dtype], name ?? "Placeholder", new() { ["shape"] = shape ?? Shape.Unknown }).Outputs[0];

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
        Shape shape = placeholder.Attr<Shape>("shape");
        string shapePart = shape.IsUnknownRank ? "" : $" and shape {shape.ToListString()}";
        string hint = placeholder.Attr<string?>("feed_hint", null) is string h ? $" ({h})" : "";
        return new InvalidArgumentError(
            $"You must feed a value for placeholder tensor '{placeholder.Name}' with dtype {placeholder.Outputs[0].DType.TfTypeString()}{shapePart}{hint}", op: placeholder);
    }
}
