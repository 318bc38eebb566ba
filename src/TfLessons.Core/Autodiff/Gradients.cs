using TfLessons.Ops;

namespace TfLessons.Autodiff;

/// <summary>
/// Symbolic reverse-mode differentiation with TensorFlow's algorithm (<c>gradients_util.py</c>): mark the
/// ops between xs and ys, count pending consumers, process ops when all their consumers have reported,
/// aggregate multiple incoming gradients with AddN (in arrival order), and undo broadcasting in one place.
/// </summary>
internal sealed class Gradients
{
    private readonly Graph _graph;
    private readonly HashSet<Operation> _between = [];
    private readonly Dictionary<Operation, int> _pending = [];
    private readonly Dictionary<Tensor, List<Tensor>> _grads = [];
    private readonly HashSet<Operation> _stopOps = [];
    private readonly HashSet<Operation> _xOps = [];

    private Gradients(Graph graph) => _graph = graph;

    public static Tensor?[] Compute(
        IReadOnlyList<Tensor> ys,
        IReadOnlyList<Tensor> xs,
        IReadOnlyList<Tensor?>? gradYs = null,
        IReadOnlyList<Tensor>? stopGradients = null
    )
    {
        if (ys.Count == 0) throw new ArgumentException("gradients: ys is empty");
        Graph graph = ys[0].Graph;
        foreach (Tensor t in ys.Concat(xs))
            graph.CheckSameGraph(t.Op, "gradients");
        if (gradYs is not null && gradYs.Count != ys.Count)
            throw new ArgumentException($"gradients: {ys.Count} ys but {gradYs.Count} grad_ys");
        ys = ys.Select(t => t.Canonical).ToList();
        xs = xs.Select(t => t.Canonical).ToList();
        var driver = new Gradients(graph);
        using (graph.NameScope("gradients"))
        {
            return driver.Run(ys, xs, gradYs, stopGradients ?? []);
        }
    }

    private Tensor?[] Run(
        IReadOnlyList<Tensor> ys,
        IReadOnlyList<Tensor> xs,
        IReadOnlyList<Tensor?>? gradYs,
        IReadOnlyList<Tensor> stops
    )
    {
        MarkBetween(ys.Select(y => y.Op), xs.Select(x => x.Op));
        foreach (Tensor s in stops) _stopOps.Add(s.Op);
        foreach (Tensor x in xs) _xOps.Add(x.Op);
        for (int i = 0; i < ys.Count; i++)
        {
            Tensor y = ys[i];
            Tensor seed = gradYs?[i] ?? ArrayOps.OnesLike(y, $"grad_ys_{i}");
            if (seed.DType != y.DType)
                throw new ArgumentException(
                    $"gradients: grad_ys[{i}] has dtype {seed.DType.Name()} but ys[{i}] ({y.Name}) has {y.DType.Name()}"
                );
            Add(y, seed);
        }
        var queue = new Queue<Operation>();
        var queued = new HashSet<Operation>();
        foreach (Tensor y in ys)
        {
            if (_between.Contains(y.Op) && _pending.GetValueOrDefault(y.Op) == 0 && queued.Add(y.Op))
                queue.Enqueue(y.Op);
        }
        while (queue.Count > 0)
        {
            Operation op = queue.Dequeue();
            Tensor?[] outGrads = op.Outputs.Select(Aggregate).ToArray();
            Tensor?[] inGrads = new Tensor?[op.Inputs.Count];
            // Like TensorFlow's stop_ops: an op that produces one of the xs and takes nothing in between is not
            // differentiated.
            bool producesX = _xOps.Contains(op) && op.Inputs.All(t => !_between.Contains(t.Op));
            if (
                outGrads.Any(g => g is not null)
                && !_stopOps.Contains(op)
                && !op.Schema.NotDifferentiable
                && !producesX
            )
            {
                inGrads = Differentiate(op, outGrads);
            }
            for (int i = 0; i < op.Inputs.Count; i++)
            {
                if (inGrads[i] is Tensor g) Add(op.Inputs[i], g);
                Operation producer = op.Inputs[i].Op;
                if (!_between.Contains(producer)) continue;
                _pending[producer]--;
                if (_pending[producer] == 0 && queued.Add(producer)) queue.Enqueue(producer);
            }
        }
        return xs.Select(Aggregate).ToArray();
    }

    private Tensor?[] Differentiate(Operation op, Tensor?[] outGrads)
    {
        GradientFn fn = op.Schema.Gradient
            ?? throw new KeyError($"No gradient defined for operation '{op.Name}' (op type: {op.Type})");
        if (op.Outputs.Count > 1)
        {
            for (int i = 0; i < outGrads.Length; i++) outGrads[i] ??= ArrayOps.ZerosLike(op.Outputs[i]);
        }
        using var scope = _graph.NameScope(op.Name + "_grad");
        Tensor?[] inGrads = fn(op, outGrads);
        if (inGrads.Length != op.Inputs.Count)
            throw new InvalidOperationException(
                $"Num gradients {inGrads.Length} generated for op {op.Name} "
                    + $"({op.Type}) do not match num inputs {op.Inputs.Count}"
            );
        for (int i = 0; i < inGrads.Length; i++)
        {
            if (inGrads[i] is not Tensor g) continue;
            Tensor input = op.Inputs[i];
            if (op.Schema.Broadcasting && !(g.Shape.IsFullyDefined && g.Shape.Equals(input.Shape)))
            {
                g = ArrayOps.SumToShape(g, input);
            }
            if (!g.Shape.IsCompatibleWith(input.Shape))
                throw new InvalidOperationException(
                    $"Incompatible shapes between op input and calculated input gradient "
                        + $"for '{op.Name}' ({op.Type}) input {i}: {input.Shape} vs {g.Shape}"
                );
            inGrads[i] = g;
        }
        return inGrads;
    }

    private void Add(Tensor t, Tensor g)
    {
        if (!_grads.TryGetValue(t, out List<Tensor>? list)) _grads[t] = list = [];
        list.Add(g);
    }

    private Tensor? Aggregate(Tensor t)
    {
        if (!_grads.TryGetValue(t, out List<Tensor>? list) || list.Count == 0) return null;
        if (list.Count == 1) return list[0];
        Tensor sum = MathOps.AddN(list);
        _grads[t] = [sum];
        return sum;
    }

    /// <summary>Ops reachable from xs that also reach ys, and each one's count of consumers among them.</summary>
    private void MarkBetween(IEnumerable<Operation> toOps, IEnumerable<Operation> fromOps)
    {
        var reached = new HashSet<Operation>();
        var stack = new Stack<Operation>(fromOps);
        while (stack.Count > 0)
        {
            Operation op = stack.Pop();
            if (!reached.Add(op)) continue;
            foreach (Tensor output in op.Outputs)
                foreach (Operation consumer in ConsumersOf(output)) stack.Push(consumer);
        }
        var back = new Stack<Operation>(toOps);
        while (back.Count > 0)
        {
            Operation op = back.Pop();
            if (!reached.Contains(op) || !_between.Add(op)) continue;
            foreach (Tensor input in op.Inputs) back.Push(input.Op);
        }
        foreach (Operation op in _between)
        {
            foreach (Tensor input in op.Inputs)
            {
                if (_between.Contains(input.Op)) _pending[input.Op] = _pending.GetValueOrDefault(input.Op) + 1;
            }
        }
    }

    private static List<Operation> ConsumersOf(Tensor output) => output.Op.Consumers;
}
