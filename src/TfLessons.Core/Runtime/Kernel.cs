namespace TfLessons;

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

/// <summary>What a kernel factory sees: the op, concrete shapes, value slots, and the session.</summary>
internal sealed class KernelContext
{
    private readonly NDArray?[] _values;
    private readonly BufferPlan _buffers;

    internal KernelContext(Operation op, int[][] inShapes, int[][] outShapes, int[] inSlots, int[] outSlots, Session session, NDArray?[] values, BufferPlan buffers)
    {
        _buffers = buffers;
        Op = op;
        InShapes = inShapes;
        OutShapes = outShapes;
        In = inSlots;
        Out = outSlots;
        Session = session;
        _values = values;
    }

    public Operation Op { get; }
    public int[][] InShapes { get; }
    public int[][] OutShapes { get; }
    public int[] In { get; }
    public int[] Out { get; }
    public Session Session { get; }

    public DType InDType(int i) => Op.Inputs[i].DType;

    /// <summary>The storage of the variable that input <paramref name="i"/> references (a ref input of Assign or Apply*).</summary>
    public VariableSlot Variable(int i) => Session.VariableSlot(Op.Inputs[i].Op);
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
