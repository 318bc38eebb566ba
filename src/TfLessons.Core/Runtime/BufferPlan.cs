using TfLessons.Runtime.Kernels;

namespace TfLessons.Runtime;

/// <summary>
/// Output buffers for one plan, reused by liveness: once every consumer of a tensor has run (and every tensor that
/// may alias it through a view), its buffer goes back to a pool and a later output of the same dtype and element count
/// takes it. Only ops whose kernels overwrite their whole output on every run share buffers; the rest, and outputs a
/// kernel fills when it is planned, keep their own.
/// </summary>
internal sealed class BufferPlan : IOutputBuffers
{
    // Kernels of these ops write every element of every output on every run (the elementwise, matmul, reduction and
    // softmax kernels), so a buffer a dead tensor held can serve them without stale data showing through.
    private static readonly HashSet<string> Overwriting =
    [
        "Add", "Sub", "Mul", "RealDiv", "Maximum", "Minimum", "Pow", "Neg", "Square", "Sqrt", "Exp", "Log", "Abs", "Sign",
        "Log1p", "Expm1", "Reciprocal", "Relu", "ReluGrad", "Sigmoid", "SigmoidGrad", "Tanh", "TanhGrad", "MatMul",
        "BatchMatMulV2", "BiasAdd", "BiasAddGrad", "Softmax", "LogSoftmax", "SoftmaxCrossEntropyWithLogits",
        "SigmoidCrossEntropyWithLogits", "Sum", "Mean", "Max", "Min", "Transpose", "SumToShape", "BroadcastToLike",
        "AddN", "Cast", "Select", "Greater", "Less", "Equal", "NotEqual", "GreaterEqual", "LessEqual",
    ];

    private readonly Dictionary<Tensor, int> _lastUse;
    private readonly Dictionary<Tensor, Group> _groups = [];
    private readonly Dictionary<(DType, int), Stack<Array>> _free = [];
    private readonly List<(int Start, int End, long Bytes)> _lifetimes = [];
    private readonly HashSet<Tensor> _rented = [];
    private Operation? _op;
    private int _index;

    /// <summary>Plans buffers for <paramref name="ops"/> in order; <paramref name="fetched"/> tensors live to the end.</summary>
    public BufferPlan(Operation[] ops, IEnumerable<Tensor> fetched, bool reuse)
    {
        Reuse = reuse;
        _lastUse = [];
        for (int k = 0; k < ops.Length; k++)
        {
            foreach (Tensor t in ops[k].Outputs) _lastUse.TryAdd(t, k);
            foreach (Tensor t in ops[k].Inputs) _lastUse[t] = k;
        }
        foreach (Tensor t in fetched) _lastUse[t] = int.MaxValue;
    }

    public bool Reuse { get; }

    /// <summary>Bytes of the output buffers this plan allocated.</summary>
    public long AllocatedBytes { get; private set; }

    /// <summary>The most bytes of outputs that are alive (produced and still to be read) at any one op.</summary>
    public long PeakLiveBytes
    {
        get
        {
            long peak = 0;
            foreach (int k in _lifetimes.Select(l => l.Start).Distinct())
                peak = Math.Max(peak, _lifetimes.Where(l => l.Start <= k && k <= l.End).Sum(l => l.Bytes));
            return peak;
        }
    }

    public void Begin(Operation op, int index)
    {
        _op = op;
        _index = index;
        _rented.Clear();
    }

    /// <summary>A buffer for output <paramref name="tensor"/>: a free one of its dtype and size when the op allows it.</summary>
    public NDArray Rent(Tensor tensor, DType dtype, int[] shape)
    {
        int size = NDArray.ShapeSize(shape);
        long bytes = (long)size * dtype.Size();
        _lifetimes.Add((_index, _lastUse.GetValueOrDefault(tensor, _index), bytes));
        Group group = GroupOf(tensor);
        bool shared = Reuse && _op is not null && Overwriting.Contains(_op.Type);
        if (!shared) group.Permanent = true;
        Array? data = shared && _free.TryGetValue((dtype, size), out var stack) && stack.Count > 0 ? stack.Pop() : null;
        if (data is null)
        {
            data = dtype.NewArray(size);
            AllocatedBytes += bytes;
        }
        group.Owned.Add((dtype, size, data));
        _rented.Add(tensor);
        return new NDArray(dtype, shape, data);
    }

    /// <summary>Output <paramref name="tensor"/> is a view of one of the op's inputs: they die together.</summary>
    public void Alias(Tensor tensor)
    {
        foreach (Tensor input in _op!.Inputs) Union(tensor, input);
    }

    /// <summary>
    /// After the op's kernel is built: its buffers stay if it did its work now; an output it did not ask a buffer for
    /// may be one of its inputs passed through (identity, a flag's choice, a registered op's SetOutput), so it lives
    /// as long as they do; dead buffers return to the pool.
    /// </summary>
    public void End(bool plannedNow)
    {
        Operation op = _op!;
        if (plannedNow) foreach (Tensor t in op.Outputs) GroupOf(t).Permanent = true;
        foreach (Tensor t in op.Outputs.Where(t => !_rented.Contains(t))) Alias(t);
        foreach (Tensor t in op.Inputs.Concat(op.Outputs)) TryRelease(GroupOf(t));
        _op = null;
    }

    private void TryRelease(Group group)
    {
        if (group.Released || group.Permanent) return;
        if (group.Members.Any(m => _lastUse.GetValueOrDefault(m, _index) > _index)) return;
        group.Released = true;
        foreach (var (dtype, size, data) in group.Owned)
        {
            if (!_free.TryGetValue((dtype, size), out var stack)) _free[(dtype, size)] = stack = new Stack<Array>();
            stack.Push(data);
        }
    }

    private Group GroupOf(Tensor t)
    {
        if (!_groups.TryGetValue(t, out Group? g)) _groups[t] = g = new Group { Members = { t } };
        return g;
    }

    private void Union(Tensor a, Tensor b)
    {
        Group ga = GroupOf(a), gb = GroupOf(b);
        if (ReferenceEquals(ga, gb)) return;
        ga.Members.AddRange(gb.Members);
        ga.Owned.AddRange(gb.Owned);
        ga.Permanent |= gb.Permanent;
        foreach (Tensor m in gb.Members) _groups[m] = ga;
    }

    private sealed class Group
    {
        public List<Tensor> Members { get; } = [];
        public List<(DType DType, int Size, Array Data)> Owned { get; } = [];
        public bool Permanent { get; set; }
        public bool Released { get; set; }
    }
}
