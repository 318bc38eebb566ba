using TfLessons.Ops;
using TfLessons.Runtime;
using TfLessons.Runtime.Kernels;

namespace TfLessons;

/// <summary>
/// Runs a graph: validates feeds and fetches, prunes to what the fetches need, caches a plan per
/// (fetches, feeds, feed shapes), and holds the variables' values. Steady-state runs of a cached
/// plan allocate nothing beyond the fetched results.
/// </summary>
public partial class Session : IDisposable
{
    private const int MaxPlans = 64;
    private readonly Dictionary<Operation, VariableSlot> _variables = [];
    private readonly List<Plan> _plans = [];
    private readonly Dictionary<Operation, Random.TfRandomOpState> _randomStates = [];
    private readonly object _lock = new();
    private HashSet<Operation>? _planning;
    private bool _disposed;

    /// <summary>Whether plans share output buffers between tensors whose lifetimes do not overlap (on by default).</summary>
    internal bool ReuseBuffers { get; set; } = true;

    /// <summary>The plan the last run used or built.</summary>
    internal Plan? NewestPlan => _plans.Count > 0 ? _plans[0] : null;

    public Session(Graph? graph = null, ConfigProto? config = null)
    {
        Graph = graph ?? Graph.Default;
        Config = config ?? new ConfigProto();
        RegisterOpened();
    }

    /// <summary>The configuration the session was opened with (accepted, not acted on: see <see cref="ConfigProto"/>).</summary>
    public ConfigProto Config { get; }

    public Graph Graph { get; }
    public Graph graph => Graph;

    /// <summary>Runs one tensor and returns its value.</summary>
    public NDArray run(Tensor fetch, params ReadOnlySpan<(Tensor, NDArray)> feeds)
    {
        ITensorOrOperation f = fetch;
        return RunCore(new ReadOnlySpan<ITensorOrOperation>(ref f), feeds, collect: true)![0];
    }

    /// <summary>Runs an operation (a training step, an initializer) for its effects.</summary>
    public void run(Operation target, params ReadOnlySpan<(Tensor, NDArray)> feeds)
    {
        ITensorOrOperation f = target;
        RunCore(new ReadOnlySpan<ITensorOrOperation>(ref f), feeds, collect: false);
    }

    /// <summary>Runs several fetches; operations yield <see cref="NDArray.None"/>.</summary>
    public NDArray[] run(ITensorOrOperation[] fetches, params ReadOnlySpan<(Tensor, NDArray)> feeds) => RunCore(fetches, feeds, collect: true)!;

    public (NDArray, NDArray) run((ITensorOrOperation, ITensorOrOperation) fetches, params ReadOnlySpan<(Tensor, NDArray)> feeds)
    {
        NDArray[] r = RunCore([fetches.Item1, fetches.Item2], feeds, collect: true)!;
        return (r[0], r[1]);
    }

    public (NDArray, NDArray, NDArray) run((ITensorOrOperation, ITensorOrOperation, ITensorOrOperation) fetches, params ReadOnlySpan<(Tensor, NDArray)> feeds)
    {
        NDArray[] r = RunCore([fetches.Item1, fetches.Item2, fetches.Item3], feeds, collect: true)!;
        return (r[0], r[1], r[2]);
    }

    public NDArray run(Tensor fetch, FeedDict feeds) => run(fetch, feeds.AsSpan());
    public void run(Operation target, FeedDict feeds) => run(target, feeds.AsSpan());
    public NDArray[] run(ITensorOrOperation[] fetches, FeedDict feeds) => run(fetches, feeds.AsSpan());
    public (NDArray, NDArray) run((ITensorOrOperation, ITensorOrOperation) fetches, FeedDict feeds) => run(fetches, feeds.AsSpan());

    private NDArray[]? RunCore(ReadOnlySpan<ITensorOrOperation> fetches, ReadOnlySpan<(Tensor Tensor, NDArray Value)> feeds, bool collect)
    {
        if (_disposed) throw new InvalidOperationException("Attempted to use a closed Session.");
        feeds = ConvertFeeds(feeds);
        lock (_lock)
        {
            Plan plan = FindPlan(fetches, feeds) ?? AddPlan(fetches, feeds);
            ValidateFeedDTypes(plan, feeds);
            plan.Execute(feeds);
            if (!collect) return null;
            var results = new NDArray[fetches.Length];
            for (int i = 0; i < results.Length; i++)
            {
                int slot = plan.FetchSlots[i];
                if (slot < 0) { results[i] = NDArray.None; continue; }
                NDArray value = plan.Values[slot] ?? throw new InvalidArgumentError($"fetch {plan.Fetches[i]} produced no value");
                results[i] = value.Copy();
            }
            // A fetched feed would be cleared above; results copied out before that in Execute's finally are not needed
            // because fetching a fed tensor is rejected when the plan is built.
            return results;
        }
    }

    private Plan? FindPlan(ReadOnlySpan<ITensorOrOperation> fetches, ReadOnlySpan<(Tensor Tensor, NDArray Value)> feeds)
    {
        for (int i = 0; i < _plans.Count; i++)
        {
            Plan p = _plans[i];
            if (!p.Matches(fetches, feeds)) continue;
            if (i > 0)
            {
                _plans.RemoveAt(i);
                _plans.Insert(0, p);
            }
            return p;
        }
        return null;
    }

    private static void ValidateFeedDTypes(Plan plan, ReadOnlySpan<(Tensor Tensor, NDArray Value)> feeds)
    {
        for (int i = 0; i < feeds.Length; i++)
        {
            if (feeds[i].Value.DType != feeds[i].Tensor.DType)
                throw new InvalidArgumentError($"Cannot feed value of dtype {feeds[i].Value.DType.Name()} for Tensor '{feeds[i].Tensor.Name}', which has dtype {feeds[i].Tensor.DType.Name()}");
        }
    }

    internal VariableSlot VariableSlot(Operation variableOp)
    {
        lock (_lock)
        {
            if (!_variables.TryGetValue(variableOp, out VariableSlot? slot))
            {
                Shape shape = StateOps.VariableAttrs.Of(variableOp).Shape;
                _variables[variableOp] = slot = new VariableSlot(variableOp.Name, shape);
            }
            return slot;
        }
    }

    /// <summary>Writes a variable's value between runs (never during one: runs hold the same lock).</summary>
    internal void LoadVariable(Operation variableOp, NDArray value)
    {
        lock (_lock)
        {
            VariableSlot(variableOp).Set(value);
        }
    }

    /// <summary>The Philox state of a random op in this session: created once, advanced by every run.</summary>
    internal Random.TfRandomOpState RandomOpState(Operation op)
    {
        if (!_randomStates.TryGetValue(op, out Random.TfRandomOpState? state))
        {
            (long seed, long seed2) = RandomOps.SeedAttrs.Of(op);
            _randomStates[op] = state = new Random.TfRandomOpState(seed, seed2);
        }
        return state;
    }

    /// <summary>True when the plan being built reads the variable's value, not only writes it.</summary>
    internal bool PlanReadsVariable(Operation variableOp)
    {
        foreach (Operation consumer in variableOp.Consumers)
        {
            if (_planning is not null && !_planning.Contains(consumer)) continue;
            for (int i = 0; i < consumer.Inputs.Count; i++)
            {
                if (consumer.Inputs[i].Op == variableOp && Array.IndexOf(consumer.Schema.RefInputs, i) < 0) return true;
            }
        }
        return false;
    }

    /// <summary>Values of variables by name (for savers and tests); uninitialized ones are absent.</summary>
    internal IEnumerable<(Operation Op, NDArray Value)> VariableValues() =>
        _variables.Where(kv => kv.Value.Value is not null).Select(kv => (kv.Key, kv.Value.Value!));

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        lock (_lock)
        {
            _plans.Clear();
            _variables.Clear();
        }
        UnregisterOpened();
        OnClose();
        GC.SuppressFinalize(this);
    }

    /// <summary>What a subclass does when the session closes (an interactive session stops being the default).</summary>
    protected virtual void OnClose()
    {
    }
}

/// <summary>A feed dictionary: placeholders (or any tensors) and the values to feed them.</summary>
public sealed class FeedDict : System.Collections.IEnumerable
{
    private readonly List<(Tensor, NDArray)> _items = [];

    public NDArray this[Tensor tensor]
    {
        set
        {
            for (int i = 0; i < _items.Count; i++)
            {
                if (_items[i].Item1 != tensor) continue;
                _items[i] = (tensor, value);
                return;
            }
            _items.Add((tensor, value));
        }
    }

    public void Add(Tensor tensor, NDArray value) => this[tensor] = value;

    internal ReadOnlySpan<(Tensor, NDArray)> AsSpan() => System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_items);

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => _items.GetEnumerator();
}
