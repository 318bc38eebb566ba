using TfLessons.Random;

namespace TfLessons.Runtime.Kernels;

/// <summary>One op's compiled step in a plan: reads and writes the plan's value slots.</summary>
internal abstract class Kernel
{
    public abstract void Run(NDArray?[] values);

    public static Kernel From(Action<NDArray?[]> run) => new ActionKernel(run);

    public static readonly Kernel Nothing = new ActionKernel(_ => { });

    private sealed class ActionKernel(Action<NDArray?[]> run) : Kernel
    {
        public override void Run(NDArray?[] values) => run(values);
    }
}

/// <summary>
/// The session state a kernel may touch, and only that: variable storage, random streams, and whether the plan being
/// built reads a variable. Session implements it; kernels never see the Session itself.
/// </summary>
internal interface IKernelHost
{
    VariableSlot VariableSlot(Operation variableOp);

    TfRandomOpState RandomOpState(Operation op);

    bool PlanReadsVariable(Operation variableOp);
}

/// <summary>Where a plan's output buffers come from (the planner's liveness-based buffer sharing).</summary>
internal interface IOutputBuffers
{
    /// <summary>A buffer for <paramref name="tensor"/>, possibly shared with tensors dead by the time it is written.</summary>
    NDArray Rent(Tensor tensor, DType dtype, int[] shape);

    /// <summary>Marks <paramref name="tensor"/> as a view or pass-through of its inputs, which must stay alive.</summary>
    void Alias(Tensor tensor);
}

/// <summary>What a kernel factory sees: the op, concrete shapes, value slots, and the session state it may touch.</summary>
internal sealed class KernelContext
{
    private readonly NDArray?[] _values;
    private readonly IOutputBuffers _buffers;
    private readonly IKernelHost _host;

    internal KernelContext(Operation op, int[][] inShapes, int[][] outShapes, int[] inSlots, int[] outSlots, IKernelHost host, NDArray?[] values, IOutputBuffers buffers)
    {
        _buffers = buffers;
        Op = op;
        InShapes = inShapes;
        OutShapes = outShapes;
        In = inSlots;
        Out = outSlots;
        _host = host;
        _values = values;
    }

    public Operation Op { get; }
    public int[][] InShapes { get; }
    public int[][] OutShapes { get; }
    public int[] In { get; }
    public int[] Out { get; }

    public DType InDType(int i) => Op.Inputs[i].DType;

    /// <summary>The storage of the variable that input <paramref name="i"/> references (a ref input of Assign or Apply*).</summary>
    public VariableSlot Variable(int i) => _host.VariableSlot(Op.Inputs[i].Op);

    /// <summary>The storage of the variable this op is (VariableV2).</summary>
    public VariableSlot OwnVariable() => _host.VariableSlot(Op);

    /// <summary>Whether the plan being built reads this variable op's value (so it must be initialized).</summary>
    public bool PlanReadsThisVariable() => _host.PlanReadsVariable(Op);

    /// <summary>This random op's stream state, kept by the session across runs.</summary>
    public TfRandomOpState RandomState() => _host.RandomOpState(Op);
    public DType OutDType(int i) => Op.Outputs[i].DType;

    /// <summary>
    /// Output <paramref name="i"/>'s buffer for the plan, its slot keeps it across runs; it may share storage with
    /// tensors that are dead by the time this op runs (<see cref="BufferPlan"/>).
    /// </summary>
    public NDArray Output(int i)
    {
        NDArray buffer = _buffers.Rent(Op.Outputs[i], OutDType(i), OutShapes[i]);
        _values[Out[i]] = buffer;
        return buffer;
    }

    /// <summary>Binds output <paramref name="i"/> to an existing array for the plan's lifetime (constants).</summary>
    public void Bind(int i, NDArray value) => _values[Out[i]] = value;

    /// <summary>A reusable view for aliasing kernels: the output shape over a buffer swapped in at run time.</summary>
    public NDArray View(int i)
    {
        NDArray view = NDArray.View(OutDType(i), OutShapes[i]);
        _buffers.Alias(Op.Outputs[i]);
        _values[Out[i]] = view;
        return view;
    }

    internal Exception Error(string message) => new InvalidOperationException($"{Op.Type} '{Op.Name}': {message}");
}
