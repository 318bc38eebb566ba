using TfLessons.Autodiff;
using TfLessons.Ops;

namespace TfLessons.Train;

/// <summary>
/// TensorFlow 1's optimizer protocol: <see cref="compute_gradients"/> (symbolic gradients of a loss for
/// each variable), <see cref="apply_gradients"/> (one fused update op per variable, grouped, with an
/// optional global-step increment) and <see cref="minimize"/> (both). Subclasses only create slots and
/// the per-variable update.
/// </summary>
public abstract class Optimizer(string name)
{
    private readonly Dictionary<(Variable, string), Variable> _slots = [];

    public string Name { get; } = name;

    public IReadOnlyList<(Tensor? Gradient, Variable Variable)> compute_gradients(
        Tensor loss,
        IEnumerable<Variable>? var_list = null
    )
    {
        if (!loss.DType.IsFloating())
            throw new ArgumentException(
                $"{Name}: the loss {loss.Name} must be float32 or float64, not {loss.DType.Name()}"
            );
        var variables = (var_list ?? loss.Graph.get_collection<Variable>(GraphKeys.TRAINABLE_VARIABLES)).ToList();
        if (variables.Count == 0) throw new ArgumentException("No variables to optimize.");
        Tensor?[] grads = Gradients.Compute([loss], variables.Cast<Tensor>().ToList());
        return variables.Select((v, i) => (grads[i], v)).ToList();
    }

    public Operation apply_gradients(
        IEnumerable<(Tensor? Gradient, Variable Variable)> grads_and_vars,
        Variable? global_step = null,
        string? name = null
    )
    {
        var pairs = grads_and_vars.Where(p => p.Gradient is not null).ToList();
        if (pairs.Count == 0)
            throw new ArgumentException(
                $"No gradients provided for any variable, check your graph for ops that do not support gradients, "
                    + $"between variables {string.Join(", ", grads_and_vars.Select(p => p.Variable.Name))} and loss."
            );
        Graph graph = pairs[0].Variable.Graph;
        foreach (var (_, v) in pairs) CreateSlots(v);
        var updates = new List<Operation>();
        using (graph.NameScope(name ?? Name))
        {
            Prepare(pairs[0].Variable);
            foreach (var (g, v) in pairs)
            {
                using (graph.NameScope("update_" + v.OpName.Replace(':', '_')))
                {
                    updates.Add(ApplyDense(g!, v).Op);
                }
            }
            Operation finish = Finish(updates, "update");
            if (global_step is null) return finish;
            using (graph.ControlDependencies([finish]))
            {
                return StateOps.Assign(global_step.Ref, Constants.Like(global_step, 1), "AssignAdd", name ?? Name).Op;
            }
        }
    }

    /// <summary>
    /// Gradients of <paramref name="loss"/> applied to its variables. The UPDATE_OPS the loss depends on (batch-norm
    /// moving averages) run as part of the returned op, so TensorFlow 1's forgotten-dependency trap cannot happen.
    /// </summary>
    public Operation minimize(
        Tensor loss,
        Variable? global_step = null,
        IEnumerable<Variable>? var_list = null,
        string? name = null
    )
    {
        var grads = compute_gradients(loss, var_list);
        List<Operation> updates = UpdateOpsFeeding(loss);
        if (updates.Count == 0) return apply_gradients(grads, global_step, name);
        using (loss.Graph.ControlDependencies(updates))
        {
            return apply_gradients(grads, global_step, name);
        }
    }

    private static List<Operation> UpdateOpsFeeding(Tensor loss)
    {
        var ancestors = new HashSet<Operation>();
        var stack = new Stack<Operation>([loss.Op]);
        while (stack.Count > 0)
        {
            Operation op = stack.Pop();
            if (!ancestors.Add(op)) continue;
            foreach (Tensor input in op.Inputs) stack.Push(input.Op);
        }
        return loss
            .Graph.get_collection<Operation>(GraphKeys.UPDATE_OPS)
            .Where(u =>
                u.Inputs.Skip(1)
                    .Any(t =>
                        ancestors.Contains(t.Op)
                        && t.Op.Type != "VariableV2"
                        && t.Op.Type != "Placeholder"
                        && t.Op.Type != "Const"
                    )
            )
            .ToList();
    }

    /// <summary>The slot variable (<c>var/Momentum</c>, <c>var/Adam</c>, ...) made for a variable.</summary>
    public Variable get_slot(Variable var, string slotName) =>
        _slots.TryGetValue((var, slotName), out Variable? slot)
            ? slot
            : throw new KeyError($"{Name} has no slot '{slotName}' for {var.Name}");

    public IReadOnlyList<string> get_slot_names() => _slots.Keys.Select(k => k.Item2).Distinct().ToList();

    public IReadOnlyList<Variable> variables() => _nonSlots.Values.Concat(_slots.Values).ToList();

    /// <summary>A slot variable keyed by <paramref name="slotName"/> (TensorFlow's "m", "v", "momentum"), named after
    /// the optimizer (<c>var/Adam</c>, <c>var/Adam_1</c>).</summary>
    protected Variable ZerosSlot(Variable var, string slotName) => FilledSlot(var, slotName, 0);

    protected Variable FilledSlot(Variable var, string slotName, double value)
    {
        if (_slots.TryGetValue((var, slotName), out Variable? existing)) return existing;
        Graph graph = var.Graph;
        using (graph.NameScope(var.OpName + "/"))
        {
            Variable slot = Variable.Create(
                () =>
                    ArrayOps.Fill(
                        var.Shape.ToArray(),
                        value,
                        var.DType,
                        value == 0 ? "Initializer/zeros" : "Initializer/ones"
                    ),
                Name,
                trainable: false,
                dtype: null
            );
            _slots[(var, slotName)] = slot;
            return slot;
        }
    }

    protected virtual void CreateSlots(Variable var) { }

    /// <summary>A non-slot variable (beta1_power, a step counter) made once per optimizer, outside any name
    /// scope.</summary>
    protected Variable NonSlot(Variable first, string name, double initial)
    {
        if (_nonSlots.TryGetValue(name, out Variable? existing)) return existing;
        Graph graph = first.Graph;
        using (graph.NameScope(null))
        using (graph.ControlDependencies(null))
        {
            Variable v = Variable.Create(
                () => StateOps.Const(Constants.Scalar(first.DType, initial), "initial_value", graph),
                name,
                trainable: false,
                dtype: null
            );
            _nonSlots[name] = v;
            return v;
        }
    }

    private readonly Dictionary<string, Variable> _nonSlots = [];

    /// <summary>Builds tensors shared by all updates (learning rate, betas) before the per-variable updates.</summary>
    protected virtual void Prepare(Variable first) { }

    protected abstract Tensor ApplyDense(Tensor grad, Variable var);

    protected virtual Operation Finish(List<Operation> updates, string name) => tf.group(updates, name);

    /// <summary>A hyperparameter as a tensor of the variable's dtype (a float, or a schedule tensor cast).</summary>
    protected static Tensor AsTensor(Hyper h, Variable like) => h.Tensor is Tensor t
        ? MathOps.Cast(t, like.DType)
        : Constants.Like(like, h.Value);
}

/// <summary>A hyperparameter given as a number or as a tensor (a learning-rate schedule, a placeholder).</summary>
public readonly struct Hyper
{
    public Hyper(double value) { Value = value; Tensor = null; }
    public Hyper(Tensor tensor) { Value = double.NaN; Tensor = tensor; }

    public double Value { get; }
    public Tensor? Tensor { get; }

    public static implicit operator Hyper(double value) => new(value);
    public static implicit operator Hyper(float value) => new(value);
    public static implicit operator Hyper(Tensor tensor) => new(tensor);
}

/// <summary>Plain gradient descent: var -= learning_rate * grad.</summary>
public sealed class GradientDescentOptimizer(Hyper learning_rate, string name = "GradientDescent") : Optimizer(name)
{
    protected override Tensor ApplyDense(Tensor grad, Variable var) =>
        TrainOps.ApplyGradientDescent(var.Ref, AsTensor(learning_rate, var), grad);
}
