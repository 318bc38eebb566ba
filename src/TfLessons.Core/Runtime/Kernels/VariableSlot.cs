namespace TfLessons.Runtime.Kernels;

/// <summary>A variable's value inside one session.</summary>
internal sealed class VariableSlot(string name, Shape shape)
{
    public NDArray? Value { get; private set; }
    public string Name { get; } = name;
    public Shape Shape { get; } = shape;

    public void Set(NDArray value)
    {
        if (!Shape.IsCompatibleWith(value.Shape))
            throw new InvalidOperationException($"Assign to variable '{Name}': value of shape {value.Shape} does not match the variable's shape {Shape}");
        if (Value is null || !Value.ShapeSpan.SequenceEqual(value.ShapeSpan) || Value.DType != value.DType) Value = new NDArray(value.DType, value.Dims);
        Array.Copy(value.Data, Value.Data, value.Size);
    }

    /// <summary>The value an update kernel reads and writes in place; an uninitialized variable is TF's error.</summary>
    public NDArray Live() => Value ?? throw Uninitialized();

    public Exception Uninitialized() => new FailedPreconditionError($"Attempting to use uninitialized value {Name}");
}

