namespace TfLessons.Ops;

/// <summary>Helpers the op builders share: emitting ops, dtype checks, constants.</summary>
internal static class Build
{
    /// <summary>An op in the inputs' graph (or the default), its attributes set through its typed record.</summary>
    public static Operation Op(string type, Tensor[] inputs, DType[] outputs, string? name, IOpAttrs? attrs = null) =>
        Raw(type, inputs, outputs, name, attrs?.ToAttrs());

    public static Tensor One(string type, Tensor[] inputs, DType output, string? name, IOpAttrs? attrs = null) =>
        Op(type, inputs, [output], name, attrs).Outputs[0];

    /// <summary>An op from an attribute bag (a registered op of another assembly, which has no record here).</summary>
    public static Operation Raw(string type, Tensor[] inputs, DType[] outputs, string? name,
        Dictionary<string, object>? attrs)
    {
        Graph graph = inputs.Length > 0 ? inputs[0].Graph : Graph.Default;
        return graph.CreateOp(type, inputs, outputs, name, attrs);
    }

    /// <summary>TensorFlow's TypeError for mismatched operand dtypes.</summary>
    public static void SameDType(string type, Tensor x, Tensor y, string xName = "x", string yName = "y")
    {
        if (x.DType != y.DType)
            throw new ArgumentException($"Input '{yName}' of '{type}' Op has type {y.DType.Name()} that does not match type {x.DType.Name()} of argument '{xName}' ({x.Name} vs {y.Name}).");
    }

    public static void Floating(string type, Tensor x)
    {
        if (!x.DType.IsFloating())
            throw new ArgumentException($"Value passed to parameter 'x' of '{type}' Op has DataType {x.DType.Name()} not in list of allowed values: float32, float64 ({x.Name}).");
    }

    public static void Numeric(string type, Tensor x)
    {
        if (x.DType == DType.Bool)
            throw new ArgumentException($"Value passed to parameter 'x' of '{type}' Op has DataType bool not in list of allowed values: float32, float64, int32, int64 ({x.Name}).");
    }
}

/// <summary>Scalar constants shaped for use next to an existing tensor.</summary>
internal static class Constants
{
    public static Tensor Like(Tensor x, double value, string? name = null) => StateOps.Const(Scalar(x.DType, value), name ?? "Const", x.Graph);

    public static NDArray Scalar(DType dtype, double value)
    {
        if (dtype is DType.Int32 or DType.Int64 && (Math.Round(value) != value || (dtype == DType.Int32 && (value > int.MaxValue || value < int.MinValue))))
            throw new ArgumentException($"Cannot convert {PyFormat.Repr(value)} to a tensor of dtype {dtype.Name()} without losing its value; cast the tensor to a float type first");
        var a = new NDArray(dtype, []);
        a.SetDouble(0, value);
        return a;
    }
}
