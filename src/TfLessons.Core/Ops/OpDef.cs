using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using TfLessons.Runtime.Kernels;

namespace TfLessons.Ops;

/// <summary>Builds the kernel for one op in one plan, with concrete shapes and value slots.</summary>
internal delegate Kernel KernelFactory(KernelContext ctx);

/// <summary>
/// One row of the op table as an op block registers it: shape rule, kernel and gradient. The graph keeps the schema
/// part (<see cref="OpSchema"/>); this table keeps the kernel.
/// </summary>
internal sealed record OpDef(string Type, ShapeFn InferShapes, KernelFactory CreateKernel, GradientFn? Gradient)
{
    /// <summary>Elementwise ops with NumPy broadcasting: the gradient driver undoes it with SumToShape.</summary>
    public bool Broadcasting { get; init; }

    /// <summary>Declared non-differentiable (TensorFlow's <c>NotDifferentiable</c>): no gradient flows, no error.</summary>
    public bool NotDifferentiable { get; init; }

    /// <summary>Inputs taken by reference (variables written by Assign or Apply*), which may be uninitialized.</summary>
    public int[] RefInputs { get; init; } = [];

    public OpSchema Schema() =>
        new(Type, InferShapes, Gradient) { Broadcasting = Broadcasting, NotDifferentiable = NotDifferentiable, RefInputs = RefInputs };
}

/// <summary>
/// The explicit table of op types: every family file registers its ops here, no reflection. Other assemblies add
/// rows through <see cref="CustomOps.Register"/>; the table is replaced, never mutated, so lookups need no lock.
/// </summary>
internal static class OpRegistry
{
    private static readonly Lock Writers = new();
    private static volatile Dictionary<string, OpDef> _defs = Build();

    public static OpDef Get(string type) =>
        _defs.TryGetValue(type, out OpDef? def) ? def : throw new KeyError($"Op type not registered '{type}'");

    public static IReadOnlyCollection<string> Types => _defs.Keys;

    public static bool Contains(string type) => _defs.ContainsKey(type);

    /// <summary>Registers an extra op type (other assemblies' ops, a test's op without a gradient); a known type is rejected.</summary>
    internal static void Register(OpDef def)
    {
        lock (Writers)
        {
            var next = new Dictionary<string, OpDef>(_defs, StringComparer.Ordinal);
            if (!next.TryAdd(def.Type, def)) throw new InvalidOperationException($"op {def.Type} is already registered");
            OpSchemas.Register([def.Schema()]);
            _defs = next;
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
        OpSchemas.Register(table.Values.Select(def => def.Schema()).ToList());
        return table;
    }

    /// <summary>
    /// Fills the graph's schema table when the assembly loads, as TensorFlow's static <c>REGISTER_OP</c> initializers
    /// do: a graph can be built before any op family is touched, and the graph layer never names one.
    /// </summary>
    [ModuleInitializer]
    [SuppressMessage("Usage", "CA2255", Justification = "the engine's op table must exist before the first graph op")]
    internal static void RegisterEngineOps() => _ = _defs;
}
