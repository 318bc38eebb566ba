using TfLessons.Ops;
using TfLessons.Runtime;
using TfLessons.Runtime.Kernels;

namespace TfLessons;

public partial class Session : IKernelHost
{
    VariableSlot IKernelHost.VariableSlot(Operation variableOp) => VariableSlot(variableOp);

    Random.TfRandomOpState IKernelHost.RandomOpState(Operation op) => RandomOpState(op);

    bool IKernelHost.PlanReadsVariable(Operation variableOp) => PlanReadsVariable(variableOp);

    /// <summary>Validates the request, prunes, orders, sizes every value and builds each kernel.</summary>
    private Plan AddPlan(ReadOnlySpan<ITensorOrOperation> fetchSpan, ReadOnlySpan<(Tensor Tensor, NDArray Value)> feedSpan)
    {
        ITensorOrOperation[] fetches = fetchSpan.ToArray();
        Tensor[] feedKeys = feedSpan.ToArray().Select(f => f.Tensor).ToArray();
        (Tensor Tensor, NDArray Value)[] feeds = feedSpan.ToArray().Select(f => (f.Tensor.Canonical, f.Value)).ToArray();
        if (fetches.Length == 0) throw new InvalidArgumentError("Must specify at least one target to fetch or execute.");
        var fed = new Dictionary<Tensor, NDArray>();
        foreach (var (tensor, value) in feeds)
        {
            if (tensor.Graph != Graph) throw new InvalidArgumentError($"Cannot interpret feed_dict key as Tensor: Tensor {tensor} is not an element of this graph.");
            if (!fed.TryAdd(tensor, value)) throw new InvalidArgumentError($"Endpoint \"{tensor.Name}\" fed more than once.");
            if (value.DType != tensor.DType)
                throw new InvalidArgumentError($"Cannot feed value of dtype {value.DType.Name()} for Tensor '{tensor.Name}', which has dtype {tensor.DType.Name()}");
            if (!tensor.Shape.IsCompatibleWith(value.Shape))
                throw new InvalidArgumentError($"Cannot feed value of shape {value.Shape} for Tensor '{tensor.Name}', which has shape '{tensor.Shape}'");
        }
        foreach (ITensorOrOperation f in fetches)
        {
            if (f.Op.Graph != Graph) throw new InvalidArgumentError($"Fetch argument {f} cannot be interpreted as a Tensor. ({f} is not an element of this graph.)");
            if (f is Tensor t && fed.ContainsKey(Canonical(t))) throw new InvalidArgumentError($"{t.Name} is both fed and fetched.");
        }
        Operation[] ops = Prune(fetches, fed);
        // Before any shape inference, so a partially known placeholder shape gives TensorFlow's message, not ours.
        foreach (Operation op in ops)
        {
            if (op.Type == "Placeholder" && !fed.ContainsKey(op.Outputs[0])) throw StateOps.UnfedPlaceholder(op);
        }
        var slots = new Dictionary<Tensor, int>();
        foreach (Operation op in ops)
            foreach (Tensor t in op.Outputs) slots[t] = slots.Count;
        foreach (Tensor t in fed.Keys) slots.TryAdd(t, slots.Count);
        var values = new NDArray?[slots.Count];
        var shapes = new Dictionary<Tensor, int[]>();
        foreach (var (tensor, value) in feeds) shapes[tensor] = value.Dims;
        var kernels = new List<Kernel>();
        var kernelOps = new List<Operation>();
        var buffers = new BufferPlan(ops, fetches.OfType<Tensor>().Select(Canonical), ReuseBuffers);
        _planning = [.. ops];
        try
        {
            for (int k = 0; k < ops.Length; k++)
            {
                Operation op = ops[k];
                if (op.Outputs.Count > 0 && op.Outputs.All(fed.ContainsKey)) continue;
                int[][] inShapes = op.Inputs.Select(t => shapes[t]).ToArray();
                int[][] outShapes = ConcreteShapes(op, inShapes);
                for (int i = 0; i < op.Outputs.Count; i++)
                {
                    if (!fed.ContainsKey(op.Outputs[i])) shapes[op.Outputs[i]] = outShapes[i];
                }
                var ctx = new KernelContext(op, inShapes, outShapes, op.Inputs.Select(t => slots[t]).ToArray(), op.Outputs.Select(t => slots[t]).ToArray(), this, values, buffers);
                buffers.Begin(op, k);
                Kernel kernel = OpRegistry.Get(op.Type).CreateKernel(ctx);
                buffers.End(plannedNow: ReferenceEquals(kernel, Kernel.Nothing));
                // Plan-time work (constants, fills, NoOps) leaves nothing to do per run.
                if (ReferenceEquals(kernel, Kernel.Nothing)) continue;
                // A constant's kernel only puts its value in its slot, and nothing else writes that slot (a fed
                // constant has no kernel): do it once here rather than on every run (26 of a moons step's ~80 kernels).
                if (op.Type == "Const" && op.Inputs.Count == 0 && op.ControlInputs.Count == 0)
                {
                    kernel.Run(values);
                    continue;
                }
                kernels.Add(kernel);
                kernelOps.Add(op);
            }
        }
        finally
        {
            _planning = null;
        }
        var plan = new Plan
        {
            Fetches = fetches,
            FeedTensors = feedKeys,
            FeedShapes = feeds.Select(f => f.Value.Dims).ToArray(),
            FeedSlots = feeds.Select(f => slots[f.Tensor]).ToArray(),
            FetchSlots = fetches.Select(f => f is Tensor t ? slots[Canonical(t)] : -1).ToArray(),
            Kernels = kernels.ToArray(),
            Ops = kernelOps.ToArray(),
            Values = values,
            Buffers = buffers,
        };
        _plans.Insert(0, plan);
        if (_plans.Count > MaxPlans) _plans.RemoveAt(_plans.Count - 1);
        return plan;
    }

    /// <summary>The graph's own tensor object for a handle (a <see cref="Variable"/> stands for its read output).</summary>
    private static Tensor Canonical(Tensor t) => t.Canonical;

    /// <summary>Ops reverse-reachable from the fetches through data and control inputs, stopping at fed tensors, in creation order.</summary>
    private static Operation[] Prune(ITensorOrOperation[] fetches, Dictionary<Tensor, NDArray> fed)
    {
        var needed = new HashSet<Operation>();
        var stack = new Stack<Operation>();
        foreach (ITensorOrOperation f in fetches)
        {
            if (f is Tensor t && fed.ContainsKey(Canonical(t))) continue;
            stack.Push(f.Op);
        }
        while (stack.Count > 0)
        {
            Operation op = stack.Pop();
            if (!needed.Add(op)) continue;
            foreach (Tensor input in op.Inputs)
            {
                if (!fed.ContainsKey(input)) stack.Push(input.Op);
            }
            foreach (Operation control in op.ControlInputs) stack.Push(control);
        }
        return needed.OrderBy(op => op.Id).ToArray();
    }

    /// <summary>Runs the op's shape rule on concrete input shapes; every output must come out fully known.</summary>
    private static int[][] ConcreteShapes(Operation op, int[][] inShapes)
    {
        Shape[] outs;
        try
        {
            outs = op.Schema.InferShapes(op, inShapes.Select(s => new Shape(s)).ToArray());
        }
        catch (ArgumentException e)
        {
            throw new InvalidArgumentError(e.Message, e);
        }
        var result = new int[outs.Length][];
        for (int i = 0; i < outs.Length; i++)
        {
            Shape s = op.Type == "Reshape" && !outs[i].IsFullyDefined
                ? new Shape(NDArray.ResolveReshape(NDArray.ShapeSize(inShapes[0]), ArrayOps.ReshapeAttrs.Of(op).Shape,
                    op.Name))
                : outs[i];
            if (!s.IsFullyDefined) throw new InvalidArgumentError($"{op.Type} '{op.Name}': output {i} has shape {s} even with all inputs known");
            result[i] = s.ToArray();
        }
        return result;
    }
}
