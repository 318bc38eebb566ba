namespace TfLessons;

/// <summary>
/// A TensorFlow 1 variable: a <c>VariableV2</c> op holding state in each session, an initializer
/// (<c>name/Assign</c>), and a snapshot <c>name/read</c>, which is the tensor this object stands for
/// in expressions, so <c>w * w</c> and <c>session.run(w)</c> work as in TensorFlow.
/// </summary>
public sealed partial class Variable : Tensor
{
    internal Variable(Operation read, Operation variable, Operation initializer, Tensor initialValue, bool trainable)
        : base(read, 0, read.Outputs[0].DType, read.Outputs[0].Shape)
    {
        VariableOp = variable;
        Initializer = initializer;
        InitialValue = initialValue;
        Trainable = trainable;
    }

    /// <summary>The <c>VariableV2</c> op; its output is the reference that Assign and Apply* update.</summary>
    public Operation VariableOp { get; }
    public Tensor Ref => VariableOp.Outputs[0];
    public Operation Initializer { get; }
    public Tensor InitialValue { get; }
    public bool Trainable { get; }

    /// <summary>TensorFlow's variable name: <c>"w:0"</c>. <see cref="OpName"/> is the checkpoint key.</summary>
    public override string Name => VariableOp.Name + ":0";
    public override string name => Name;
    public string OpName => VariableOp.Name;
    public Operation initializer => Initializer;
    public Tensor initial_value => InitialValue;

    public override string ToString() => $"<tf.Variable '{Name}' shape={Shape} dtype={DType.Name()}_ref>";
}
