namespace TfLessons;

/// <summary>Computes output shapes from input shapes (partial at build time, concrete at plan time).</summary>
internal delegate Shape[] ShapeFn(Operation op, Shape[] inputs);

/// <summary>Builds the kernel for one op in one plan, with concrete shapes and value slots.</summary>
internal delegate Kernel KernelFactory(KernelContext ctx);

/// <summary>
/// The gradient contract (TensorFlow's <c>RegisterGradient</c>): given the op and one gradient per
/// output (null where none flows), returns exactly one gradient per input, null where not differentiable.
/// Broadcasting ops return gradients in the output's shape; the driver sums them to each input's shape.
/// </summary>
internal delegate Tensor?[] GradientFn(Operation op, Tensor?[] dy);

/// <summary>Everything the engine knows about one op type: shape rule, kernel and gradient.</summary>
internal sealed record OpDef(string Type, ShapeFn InferShapes, KernelFactory CreateKernel, GradientFn? Gradient)
{
    /// <summary>Elementwise ops with NumPy broadcasting: the gradient driver undoes it with SumToShape.</summary>
    public bool Broadcasting { get; init; }

    /// <summary>Declared non-differentiable (TensorFlow's <c>NotDifferentiable</c>): no gradient flows, no error.</summary>
    public bool NotDifferentiable { get; init; }

    /// <summary>Inputs taken by reference (variables written by Assign or Apply*), which may be uninitialized.</summary>
    public int[] RefInputs { get; init; } = [];
}

/// <summary>The explicit table of op types: every family file registers its ops here, no reflection.</summary>
internal static class OpRegistry
{
    private static readonly Dictionary<string, OpDef> Defs = Build();

    public static OpDef Get(string type) =>
        Defs.TryGetValue(type, out OpDef? def) ? def : throw new KeyError($"Op type not registered '{type}'");

    public static IReadOnlyCollection<string> Types => Defs.Keys;

    /// <summary>Registers an extra op type (tests use it for an op without a gradient); a known type is rejected.</summary>
    internal static void Register(OpDef def)
    {
        lock (Defs)
        {
            if (!Defs.TryAdd(def.Type, def)) throw new InvalidOperationException($"op {def.Type} is already registered");
        }
    }

    private static Dictionary<string, OpDef> Build()
    {
        var table = new Dictionary<string, OpDef>(StringComparer.Ordinal);
        void Add(OpDef def)
        {
            if (!table.TryAdd(def.Type, def)) throw new InvalidOperationException($"op {def.Type} registered twice");
        }
        MathOps.Register(Add);
        ReduceOps.Register(Add);
        MatMulOps.Register(Add);
        ArrayOps.Register(Add);
        NnOps.Register(Add);
        StateOps.Register(Add);
        TrainOps.Register(Add);
        LogicOps.Register(Add);
        LossOps.Register(Add);
        RandomOps.Register(Add);
        SoftmaxOps.Register(Add);
        FlagOps.Register(Add);
        SummaryOps.Register(Add);
        ShapeOps.Register(Add);
        SaverOps.Register(Add);
        NnGraphOps.Register(Add);
        return table;
    }
}
