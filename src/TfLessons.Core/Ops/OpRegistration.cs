using TfLessons.Runtime.Kernels;

namespace TfLessons.Ops;

/// <summary>Output shapes from input shapes: partial when the graph is built, concrete when a plan is made.</summary>
public delegate Shape[] OpShapeRule(Operation op, Shape[] inputs);

/// <summary>Binds an op's kernel once per plan (dtypes, concrete shapes known); the result runs each step.</summary>
public delegate OpKernel OpKernelFactory(OpKernelContext context);

/// <summary>One run of a bound kernel: read the inputs, write or set the outputs.</summary>
public delegate void OpKernel(OpKernelValues values);

/// <summary>TensorFlow's <c>RegisterGradient</c>: one gradient per input (null where none flows).</summary>
public delegate Tensor?[] OpGradient(Operation op, Tensor?[] dy);

/// <summary>
/// An op defined outside the engine, as one block: shape rule, kernel and gradient (its builder is the caller's
/// function that calls <see cref="CustomOps.Create"/>). Registered once, it is a row of the engine's single op table
/// and is planned, run, differentiated, exported and imported like a built-in op.
/// </summary>
public sealed record OpRegistration(string Type, OpShapeRule InferShapes, OpKernelFactory Kernel, OpGradient? Gradient)
{
    /// <summary>Declared non-differentiable: no gradient flows, asking is no error (Gradient must be null).</summary>
    public bool NotDifferentiable { get; init; }

    /// <summary>Inputs taken by reference (variables the kernel updates in place), maybe uninitialized.</summary>
    public IReadOnlyList<int> RefInputs { get; init; } = [];
}

/// <summary>The op table's public extension point: register an op from another assembly, build its nodes.</summary>
public static class CustomOps
{
    /// <summary>Adds <paramref name="op"/> to the op table; registering a known type is an error.</summary>
    public static void Register(OpRegistration op)
    {
        ArgumentNullException.ThrowIfNull(op);
        if (string.IsNullOrWhiteSpace(op.Type)) throw new ArgumentException("an op registration needs a type name");
        if (op.NotDifferentiable && op.Gradient is not null)
            throw new ArgumentException($"op {op.Type}: declared non-differentiable but given a gradient");
        int[] refs = [.. op.RefInputs];
        OpRegistry.Register(new OpDef(op.Type, (o, s) => op.InferShapes(o, s), ctx => Bind(op, ctx, refs),
            op.Gradient is OpGradient g ? (o, dy) => g(o, dy) : null)
        { NotDifferentiable = op.NotDifferentiable, RefInputs = refs });
    }

    public static bool IsRegistered(string type) => OpRegistry.Contains(type);

    /// <summary>A node of a registered type in the inputs' graph (or the default), in the current name scope.</summary>
    public static Operation Create(string type, Tensor[] inputs, DType[] outputs, string? name = null,
        IReadOnlyDictionary<string, object>? attrs = null)
    {
        if (!IsRegistered(type))
            throw new KeyError($"Op type not registered '{type}' (register it with CustomOps.Register first)");
        return Build.Raw(type, inputs, outputs, name, attrs?.ToDictionary());
    }

    /// <summary>The engine's shape error, naming the op and its input shapes, for shape rules to throw.</summary>
    public static ArgumentException ShapeError(Operation op, string message, Shape[] inputs) =>
        ShapeRules.ShapeError(op, message, inputs);

    private static Kernel Bind(OpRegistration op, KernelContext ctx, int[] refs)
    {
        // Ref inputs read the session's variable, not the plan slot: an update must see (and write) the live value.
        var variables = new VariableSlot?[ctx.Op.Inputs.Count];
        foreach (int i in refs)
        {
            if (ctx.Op.Inputs[i].Op.Type == "VariableV2") variables[i] = ctx.Variable(i);
        }
        var binding = new OpKernelBinding(ctx.Op, ctx.In, ctx.Out, variables);
        OpKernel run = op.Kernel(new OpKernelContext(ctx));
        return new BoundKernel(run, binding);
    }

    private sealed class BoundKernel(OpKernel run, OpKernelBinding binding) : Kernel
    {
        public override void Run(NDArray?[] values) => run(new OpKernelValues(values, binding));
    }
}

/// <summary>What a registered op's kernel factory sees at plan time.</summary>
public sealed class OpKernelContext
{
    private readonly KernelContext _ctx;

    internal OpKernelContext(KernelContext ctx) => _ctx = ctx;

    public Operation Op => _ctx.Op;
    public DType InputDType(int i) => _ctx.InDType(i);
    public DType OutputDType(int i) => _ctx.OutDType(i);
    public ReadOnlySpan<int> InputShape(int i) => _ctx.InShapes[i];
    public ReadOnlySpan<int> OutputShape(int i) => _ctx.OutShapes[i];

    /// <summary>Output <paramref name="i"/>'s buffer, allocated once per plan (written in place each run).</summary>
    public NDArray AllocateOutput(int i) => _ctx.Output(i);

    /// <summary>An error naming the op, for dtypes or shapes the kernel does not support.</summary>
    public Exception Error(string message) => _ctx.Error(message);
}

internal sealed record OpKernelBinding(Operation Op, int[] In, int[] Out, VariableSlot?[] Variables);

/// <summary>The values one run of a registered kernel reads and writes.</summary>
public readonly struct OpKernelValues
{
    private readonly NDArray?[] _values;
    private readonly OpKernelBinding _binding;

    internal OpKernelValues(NDArray?[] values, OpKernelBinding binding)
    {
        _values = values;
        _binding = binding;
    }

    /// <summary>Input <paramref name="i"/>; for a ref input the variable's current value (writes update it).</summary>
    public NDArray Input(int i)
    {
        if (_binding.Variables[i] is VariableSlot slot) return slot.Value ?? throw slot.Uninitialized();
        return _values[_binding.In[i]]
            ?? throw new InvalidOperationException($"{_binding.Op.Type} '{_binding.Op.Name}': input {i} has no value");
    }

    /// <summary>Sets output <paramref name="i"/> of this run: a buffer, or an input it aliases.</summary>
    public void SetOutput(int i, NDArray value) => _values[_binding.Out[i]] = value;
}
