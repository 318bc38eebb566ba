using TfLessons.Ops;

namespace TfLessons;

// The variable's builder and its assign/load/eval conveniences build ops and run sessions; they live with the public
// surface at the assembly's root so the graph layer (Graph/) names no op family and no session.
public sealed partial class Variable
{
    public Tensor assign(Tensor value, string? name = null) => StateOps.Assign(Ref, value, "Assign", name);
    public Tensor assign_add(Tensor value, string? name = null) => StateOps.Assign(Ref, value, "AssignAdd", name);
    public Tensor assign_sub(Tensor value, string? name = null) => StateOps.Assign(Ref, value, "AssignSub", name);

    // A C# number becomes a constant of the variable's dtype, as TF converts a Python number (w.assign(12)).
    public Tensor assign(double value, string? name = null) => assign(Constants.Like(this, value), name);
    public Tensor assign_add(double value, string? name = null) => assign_add(Constants.Like(this, value), name);
    public Tensor assign_sub(double value, string? name = null) => assign_sub(Constants.Like(this, value), name);

    /// <summary>Writes a value into this variable in <paramref name="session"/> without running an op (TensorFlow's
    /// <c>Variable.load</c>).</summary>
    public void load(NDArray value, Session session)
    {
        if (value.DType != DType)
            throw new ArgumentException(
                $"Variable.load: {Name} has dtype {DType.Name()}, the value has {value.DType.Name()}"
            );
        if (session.Graph != Graph)
            throw new ArgumentException($"Variable.load: {Name} belongs to another graph than the session's");
        session.LoadVariable(VariableOp, value);
    }

    /// <summary>The variable's current value in <paramref name="session"/> (a copy).</summary>
    public NDArray eval(Session session) => session.run(this);

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
                throw new ArgumentException(
                    $"Variable '{scope}': initial value {init.Name} must have a fully defined shape, got {init.Shape}"
                );
            Operation variable = graph.CreateOp(
                "VariableV2",
                [],
                [init.DType],
                scope + "/",
                new StateOps.VariableAttrs(init.Shape).ToAttrs()
            );
            Tensor assign = StateOps.Assign(variable.Outputs[0], init, "Assign", "Assign");
            Operation read = graph.CreateOp("Identity", [variable.Outputs[0]], [init.DType], "read");
            var v = new Variable(read, variable, assign.Op, init, trainable);
            graph.add_to_collection(GraphKeys.GLOBAL_VARIABLES, v);
            if (trainable) graph.add_to_collection(GraphKeys.TRAINABLE_VARIABLES, v);
            return v;
        }
    }
}
