namespace TfLessons;

/// <summary>TensorFlow's lower-case <c>Operation</c> surface and <c>Operation.run()</c>.</summary>
public sealed partial class Operation
{
    public string name => Name;
    public string type => Type;
    public IReadOnlyList<Tensor> outputs => Outputs;
    public IReadOnlyList<Tensor> inputs => Inputs;
    public IReadOnlyList<Operation> control_inputs => ControlInputs;
    public Graph graph => Graph;

    /// <summary>Runs this operation in <paramref name="session"/>, or in the default session.</summary>
    public void run(Session? session = null, params ReadOnlySpan<(Tensor, NDArray)> feed_dict) =>
        (session ?? Session.RequireDefault("execute operation using `run()`", Graph)).run(this, feed_dict);

    public void run(params ReadOnlySpan<(Tensor, NDArray)> feed_dict) => run(null, feed_dict);

    /// <summary>TensorFlow.NET's conversion: an operation stands for its first output.</summary>
    public static implicit operator Tensor(Operation op) =>
        op.Outputs.Count > 0
            ? op.Outputs[0]
            : throw new InvalidCastException(
                $"Operation '{op.Name}' (op: '{op.Type}') has no outputs, so it cannot be used as a Tensor."
            );
}
