using TfLessons.Ops;

namespace TfLessons;

/// <summary>
/// A TensorFlow 1 variable: a <c>VariableV2</c> op holding state in each session, an initializer
/// (<c>name/Assign</c>), and a snapshot <c>name/read</c>, which is the tensor this object stands for
/// in expressions, so <c>w * w</c> and <c>session.run(w)</c> work as in TensorFlow.
/// </summary>
public sealed class Variable : Tensor
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

    public Tensor assign(Tensor value, string? name = null) => StateOps.Assign(Ref, value, "Assign", name);
    public Tensor assign_add(Tensor value, string? name = null) => StateOps.Assign(Ref, value, "AssignAdd", name);
    public Tensor assign_sub(Tensor value, string? name = null) => StateOps.Assign(Ref, value, "AssignSub", name);

    // A C# number becomes a constant of the variable's dtype, as TF converts a Python number (w.assign(12)).
    public Tensor assign(double value, string? name = null) => assign(Constants.Like(this, value), name);
    public Tensor assign_add(double value, string? name = null) => assign_add(Constants.Like(this, value), name);
    public Tensor assign_sub(double value, string? name = null) => assign_sub(Constants.Like(this, value), name);

    /// <summary>Writes a value into this variable in <paramref name="session"/> without running an op (TensorFlow's <c>Variable.load</c>).</summary>
    public void load(NDArray value, Session session)
    {
        if (value.DType != DType) throw new ArgumentException($"Variable.load: {Name} has dtype {DType.Name()}, the value has {value.DType.Name()}");
        if (session.Graph != Graph) throw new ArgumentException($"Variable.load: {Name} belongs to another graph than the session's");
        session.LoadVariable(VariableOp, value);
    }

    /// <summary>The variable's current value in <paramref name="session"/> (a copy).</summary>
    public NDArray eval(Session session) => session.run(this);

    public override string ToString() => $"<tf.Variable '{Name}' shape={Shape} dtype={DType.Name()}_ref>";

    internal static Variable Create(Func<Tensor> initialValue, string? name, bool trainable, DType? dtype)
    {
        Graph graph = Graph.Default;
        // Like TensorFlow's init_scope: a variable made inside control_dependencies (an optimizer's slots under
        // minimize's UPDATE_OPS dependencies) must not make its initializer wait for those ops.
        using (graph.ControlDependencies(null))
        using (graph.NameScope(name ?? "Variable"))
        {
            string scope = graph.CurrentNameScope;
            Tensor init = initialValue();
            if (dtype is DType wanted && init.DType != wanted) init = MathOps.Cast(init, wanted);
            if (!init.Shape.IsFullyDefined)
                throw new ArgumentException($"Variable '{scope}': initial value {init.Name} must have a fully defined shape, got {init.Shape}");
            Operation variable = graph.CreateOp("VariableV2", [], [init.DType], scope + "/", new() { ["shape"] = init.Shape });
            Tensor assign = StateOps.Assign(variable.Outputs[0], init, "Assign", "Assign");
            Operation read = graph.CreateOp("Identity", [variable.Outputs[0]], [init.DType], "read");
            var v = new Variable(read, variable, assign.Op, init, trainable);
            graph.add_to_collection(GraphKeys.GLOBAL_VARIABLES, v);
            if (trainable) graph.add_to_collection(GraphKeys.TRAINABLE_VARIABLES, v);
            return v;
        }
    }
}
