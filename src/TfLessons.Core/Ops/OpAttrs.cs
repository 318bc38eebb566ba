namespace TfLessons.Ops;

/// <summary>
/// One op's typed attributes: a small record defined once, in the op's block, as the only place its attribute
/// keys are written (they are TensorFlow's names where TensorFlow has the attribute). Builders set attributes
/// through it; kernels, shape rules, gradients, the reference kernels and graph import/export read them with the
/// record's <c>Of(Operation)</c>, whose errors name the op, its type and the attribute.
/// </summary>
internal interface IOpAttrs
{
    /// <summary>Writes the attributes, as the engine's ops hold them, into <paramref name="attrs"/>.</summary>
    void WriteTo(IDictionary<string, object> attrs);

    /// <summary>
    /// Writes the attributes a TensorFlow NodeDef of this op carries. The same by default; an op whose attribute
    /// TensorFlow passes as an input tensor (Reshape's shape, Sum's axes) leaves it out, and the exporter writes it
    /// as a Const input instead.
    /// </summary>
    void WriteTf(IDictionary<string, object> attrs) => WriteTo(attrs);
}

/// <summary>Typed reads of attribute bags, with errors naming the op, the attribute and the expected type.</summary>
internal static class OpAttrs
{
    /// <summary>The attributes as a new dictionary (for building an op).</summary>
    public static Dictionary<string, object> ToAttrs(this IOpAttrs attrs)
    {
        var dict = new Dictionary<string, object>(StringComparer.Ordinal);
        attrs.WriteTo(dict);
        return dict;
    }

    /// <summary>
    /// <paramref name="key"/> from a bag that is not an op yet (a NodeDef's attributes being imported), or
    /// <paramref name="fallback"/> (TensorFlow's default) when absent; a value of another type is an error.
    /// </summary>
    public static T Get<T>(IReadOnlyDictionary<string, object> attrs, string key, T fallback, string owner) =>
        attrs.TryGetValue(key, out object? value) ? Typed<T>(value, key, owner) : fallback;

    /// <summary><paramref name="key"/> from a bag that is not an op yet; absent or of another type, an error.</summary>
    public static T Need<T>(IReadOnlyDictionary<string, object> attrs, string key, string owner) =>
        attrs.TryGetValue(key, out object? value) ? Typed<T>(value, key, owner) : throw Missing(owner, key, typeof(T));

    /// <summary>An integer attribute that may arrive as int or long (AttrValue's i is 64-bit).</summary>
    public static long GetInt64(IReadOnlyDictionary<string, object> attrs, string key, long fallback, string owner) =>
        attrs.TryGetValue(key, out object? value)
            ? value switch
            {
                long l => l,
                int i => i,
                _ => throw Operation.WrongAttrType(owner, key, value, typeof(long)),
            }
            : fallback;

    internal static T Typed<T>(object value, string key, string owner) =>
        value is T typed ? typed : throw Operation.WrongAttrType(owner, key, value, typeof(T));

    internal static KeyError Missing(string owner, string key, Type expected) =>
        Operation.MissingAttr(owner, key, expected);
}
