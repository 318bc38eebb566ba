namespace TfLessons;

public static partial class tf
{
    /// <summary>TF1's <c>tf.AUTO_REUSE</c>: <c>get_variable</c> returns the variable when it exists and creates it
    /// otherwise.</summary>
    public static readonly Reuse AUTO_REUSE = Reuse.AutoReuse;

    /// <summary>TF1's <c>tf.variable_scope(name, reuse=...)</c>: prefixes <c>get_variable</c> names and opens a name
    /// scope.</summary>
    public static IDisposable variable_scope(string name, Reuse reuse = default) =>
        TfLessons.Graph.Default.VariableScope(name, reuse);

    /// <summary>
    /// tf.get_variable: the variable <c>SCOPE/name</c>, created with <paramref name="initializer"/> (Glorot uniform by
    /// default) or, in a reusing scope, the existing one, whose shape and dtype must then match.
    /// </summary>
    public static Variable get_variable(
        string name,
        Shape? shape = null,
        DType? dtype = null,
        Initializer? initializer = null,
        bool trainable = true
    )
    {
        if (shape is null || !shape.IsFullyDefined)
            throw new ArgumentException(
                $"get_variable '{name}': the shape must be fully defined, got "
                    + $"{shape?.ToString() ?? "None"}; pass shape: or an initializer tensor"
            );
        DType dt = dtype ?? DType.Float32;
        Initializer init = initializer ?? glorot_uniform_initializer();
        int[] dims = shape.ToArray();
        return GetOrCreate(name, shape, dt, () => init(dims, dt), trainable);
    }

    /// <summary>tf.get_variable with an initial-value tensor (its shape and dtype are the variable's).</summary>
    public static Variable get_variable(string name, Tensor initializer, DType? dtype = null, bool trainable = true) =>
        GetOrCreate(name, initializer.Shape, dtype ?? initializer.DType, () => initializer, trainable);

    private static Variable GetOrCreate(
        string name,
        Shape shape,
        DType dtype,
        Func<Tensor> initialValue,
        bool trainable
    )
    {
        Graph g = TfLessons.Graph.Default;
        string scope = g.CurrentVariableScope;
        string full = scope.Length > 0 ? scope + "/" + name : name;
        Variable? existing = g.get_collection<Variable>(GraphKeys.GLOBAL_VARIABLES)
            .FirstOrDefault(v => v.OpName == full);
        ReuseMode reuse = g.CurrentReuse.Mode;
        if (existing is not null)
        {
            if (reuse is not (ReuseMode.True or ReuseMode.AutoReuse))
                throw new ArgumentException(
                    $"Variable {full} already exists, disallowed. Did you mean "
                        + $"to set reuse=True or reuse=tf.AUTO_REUSE in VarScope?"
                );
            if (!existing.Shape.IsCompatibleWith(shape) || existing.DType != dtype)
                throw new ArgumentException(
                    $"Trying to share variable {full}, but specified shape {shape} and dtype "
                        + $"{dtype.Name()} and found shape {existing.Shape} and dtype {existing.DType.Name()}."
                );
            return existing;
        }
        if (reuse == ReuseMode.True)
            throw new ArgumentException(
                $"Variable {full} does not exist, or was not created with "
                    + $"tf.get_variable(). Did you mean to set reuse=tf.AUTO_REUSE in VarScope?"
            );
        // Re-enter the variable scope's own name: a reopened scope's name scope may be "layer_1", its variables stay
        // "layer/...".
        using (g.NameScope(scope.Length > 0 ? scope + "/" : null))
        {
            return TfLessons.Variable.Create(() =>
            {
                using (g.NameScope("Initializer")) return initialValue();
            }, name, trainable, dtype);
        }
    }
}
