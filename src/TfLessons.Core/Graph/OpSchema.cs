namespace TfLessons;

/// <summary>Computes output shapes from input shapes (partial at build time, concrete at plan time).</summary>
internal delegate Shape[] ShapeFn(Operation op, Shape[] inputs);

/// <summary>
/// The gradient contract (TensorFlow's <c>RegisterGradient</c>): given the op and one gradient per
/// output (null where none flows), returns exactly one gradient per input, null where not differentiable.
/// Broadcasting ops return gradients in the output's shape; the driver sums them to each input's shape.
/// </summary>
internal delegate Tensor?[] GradientFn(Operation op, Tensor?[] dy);

/// <summary>
/// What the graph knows about an op type (TensorFlow's <c>REGISTER_OP</c>): its shape rule, its gradient and how it
/// takes its inputs. Kernels are registered apart from it, as TensorFlow's <c>REGISTER_KERNEL_BUILDER</c> is, in the
/// op table of <c>Ops/</c>, so the graph layer depends on no kernel and no op family.
/// </summary>
internal sealed record OpSchema(string Type, ShapeFn InferShapes, GradientFn? Gradient)
{
    /// <summary>Elementwise ops with NumPy broadcasting: the gradient driver undoes it with SumToShape.</summary>
    public bool Broadcasting { get; init; }

    /// <summary>Declared non-differentiable (TensorFlow's <c>NotDifferentiable</c>): no gradient flows, no
    /// error.</summary>
    public bool NotDifferentiable { get; init; }

    /// <summary>Inputs taken by reference (variables written by Assign or Apply*), which may be
    /// uninitialized.</summary>
    public int[] RefInputs { get; init; } = [];
}

/// <summary>
/// The graph's table of op schemas. It names no op: the engine's op families fill it when the assembly loads
/// (<c>Ops/OpDef.cs</c>), other assemblies through <c>CustomOps.Register</c>. It is replaced, never mutated, so
/// lookups need no lock.
/// </summary>
internal static class OpSchemas
{
    private static readonly Lock Writers = new();
    private static volatile Dictionary<string, OpSchema> _schemas = new(StringComparer.Ordinal);

    public static OpSchema Get(string type) =>
        _schemas.TryGetValue(type, out OpSchema? schema)
            ? schema
            : throw new KeyError($"Op type not registered '{type}'");

    /// <summary>Adds schemas; a type already known is rejected and nothing is added.</summary>
    internal static void Register(IReadOnlyCollection<OpSchema> schemas)
    {
        lock (Writers)
        {
            var next = new Dictionary<string, OpSchema>(_schemas, StringComparer.Ordinal);
            foreach (OpSchema schema in schemas)
            {
                if (!next.TryAdd(schema.Type, schema))
                    throw new InvalidOperationException($"op {schema.Type} is already registered");
            }
            _schemas = next;
        }
    }
}
