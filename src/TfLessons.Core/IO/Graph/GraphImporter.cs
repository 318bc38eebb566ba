using TfLessons.IO.GraphDefs.Protos;
using TfLessons.Ops;

namespace TfLessons.IO.GraphDefs;

/// <summary>
/// Builds a GraphDef's nodes into a graph: every node is checked first (op types, inputs, cycles, attrs) and the
/// whole graph is built once into a scratch graph, so a bad GraphDef fails with one error and leaves the target
/// graph untouched. Device fields are ignored.
/// </summary>
internal static class GraphImporter
{
    /// <summary>Imports <paramref name="def"/>; returns the created operations by their GraphDef node names.</summary>
    public static Dictionary<string, Operation> Import(Graph graph, GraphDef def, string source, string prefix, IReadOnlyDictionary<string, Tensor>? inputMap)
    {
        List<NodeDef> order = Check(def, source, inputMap);
        Graph scratch = new();
        var scratchMap = inputMap?.ToDictionary(kv => kv.Key, kv => Stand(scratch, kv.Value));
        int producer = def.Versions?.Producer ?? 0;
        Build(scratch, order, source, prefix, scratchMap, producer);
        return Build(graph, order, source, prefix, inputMap, producer);
    }

    private static Tensor Stand(Graph scratch, Tensor t) =>
        scratch.CreateOp("Placeholder", [], [t.DType], "input_map", new StateOps.PlaceholderAttrs(t.Shape).ToAttrs())
            .Outputs[0];

    /// <summary>Names, inputs, op types and order: returns the nodes in an order where inputs come first.</summary>
    private static List<NodeDef> Check(GraphDef def, string source, IReadOnlyDictionary<string, Tensor>? inputMap)
    {
        var byName = new Dictionary<string, NodeDef>(StringComparer.Ordinal);
        foreach (NodeDef n in def.Node)
        {
            if (n.Name.Length == 0) throw new InvalidDataException($"{source}: a node of op type '{n.Op}' has no name");
            if (!byName.TryAdd(n.Name, n)) throw new InvalidDataException($"{source}: node name '{n.Name}' is used twice");
        }
        var unsupported = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (NodeDef n in def.Node)
        {
            if (!OpTranslation.IsSupported(n.Op)) unsupported.TryAdd(n.Op, n.Name);
            bool control = false;
            foreach (string input in n.Input)
            {
                var (name, _, isControl) = ParseInput(input, n.Name, source);
                if (control && !isControl) throw new InvalidDataException($"{source}: node '{n.Name}': data input '{input}' comes after a control input");
                control |= isControl;
                if (!byName.ContainsKey(name) && inputMap?.ContainsKey(input) != true)
                    throw new InvalidDataException($"{source}: node '{n.Name}' ({n.Op}) has input '{input}', but no node named '{name}' exists");
            }
        }
        if (unsupported.Count > 0)
        {
            throw new NotSupportedException($"{source}: {unsupported.Count} op type(s) cannot run in TfLessons, so the graph was not imported: "
                + string.Join(", ", unsupported.Select(kv => $"{kv.Key} (node '{kv.Value}')")));
        }
        return TopologicalOrder(def, byName, source, inputMap);
    }

    internal static (string Name, int Index, bool Control) ParseInput(string input, string node, string source)
    {
        if (input.StartsWith('^')) return (input[1..], -1, true);
        int colon = input.LastIndexOf(':');
        if (colon < 0) return (input, 0, false);
        if (!int.TryParse(input[(colon + 1)..], out int index) || index < 0)
            throw new InvalidDataException($"{source}: node '{node}' has input '{input}' with an invalid output index");
        return (input[..colon], index, false);
    }

    private static List<NodeDef> TopologicalOrder(GraphDef def, Dictionary<string, NodeDef> byName, string source, IReadOnlyDictionary<string, Tensor>? inputMap)
    {
        var pending = new Dictionary<string, int>(StringComparer.Ordinal);
        var consumers = new Dictionary<string, List<NodeDef>>(StringComparer.Ordinal);
        foreach (NodeDef n in def.Node)
        {
            int count = 0;
            foreach (string input in n.Input)
            {
                if (inputMap?.ContainsKey(input) == true) continue;
                string name = ParseInput(input, n.Name, source).Name;
                count++;
                if (!consumers.TryGetValue(name, out var list)) consumers[name] = list = [];
                list.Add(n);
            }
            pending[n.Name] = count;
        }
        var ready = new Queue<NodeDef>(def.Node.Where(n => pending[n.Name] == 0));
        var order = new List<NodeDef>(def.Node.Count);
        while (ready.Count > 0)
        {
            NodeDef n = ready.Dequeue();
            order.Add(n);
            foreach (NodeDef c in consumers.GetValueOrDefault(n.Name) ?? [])
            {
                if (--pending[c.Name] == 0) ready.Enqueue(c);
            }
        }
        if (order.Count < def.Node.Count)
        {
            var stuck = def.Node.Where(n => pending[n.Name] > 0).Take(5).Select(n => $"'{n.Name}' ({n.Op})");
            throw new InvalidDataException($"{source}: the graph has a cycle (TF1 while loops are not supported); nodes on or after it: {string.Join(", ", stuck)}");
        }
        return order;
    }

    private static Dictionary<string, Operation> Build(Graph graph, List<NodeDef> order, string source, string prefix, IReadOnlyDictionary<string, Tensor>? inputMap, int producer)
    {
        var created = new Dictionary<string, Operation>(StringComparer.Ordinal);
        string Scoped(string name) => prefix.Length == 0 ? name : prefix + "/" + name;
        foreach (NodeDef n in order)
        {
            var inputs = new List<Tensor>();
            var controls = new List<Operation>();
            foreach (string input in n.Input)
            {
                if (inputMap?.TryGetValue(input, out Tensor? mapped) == true)
                {
                    inputs.Add(mapped);
                    continue;
                }
                var (name, index, control) = ParseInput(input, n.Name, source);
                Operation op = created[name];
                if (control) controls.Add(op);
                else if (index >= op.Outputs.Count)
                    throw new InvalidDataException($"{source}: node '{n.Name}' has input '{input}', but '{name}' ({op.Type}) has {op.Outputs.Count} output(s)");
                else inputs.Add(op.Outputs[index]);
            }
            Operation result;
            try
            {
                var attrs = n.Attr.ToDictionary(kv => kv.Key, kv => AttrCodec.ToObject(kv.Value, n.Name, kv.Key), StringComparer.Ordinal);
                string name = Scoped(n.Name);
                result = OpTranslation.Create(graph, n.Op, name, inputs.ToArray(), attrs, producer);
                graph.MarkNameUsed(name);
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException or KeyError or NotSupportedException or InvalidDataException)
            {
                throw new InvalidDataException($"{source}: node '{n.Name}' ({n.Op}): {e.Message}", e);
            }
            foreach (Operation c in controls) result.AddControlInput(c);
            created[n.Name] = result;
        }
        return created;
    }
}
