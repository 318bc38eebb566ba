namespace TfLessons.Train;

/// <summary>Which update rule an optimizer uses: TensorFlow 1's kernels, or the course's NumPy formulas.</summary>
public enum OptimizerForm
{
    /// <summary>TensorFlow 1's ApplyMomentum / ApplyAdam (accum = m*accum + g; Adam's epsilon outside sqrt(v) with lr_t).</summary>
    TensorFlow,

    /// <summary>The course's formulas (v = beta*v + (1-beta)*dW; Adam with sqrt(s_corrected) + epsilon), for exact comparison.</summary>
    Course,
}

/// <summary>Momentum. TensorFlow form: accum = accum*momentum + g; var -= lr*accum. Course form: v = beta*v + (1-beta)*g; var -= lr*v.</summary>
public sealed class MomentumOptimizer(Hyper learning_rate, Hyper momentum, bool use_nesterov = false, OptimizerForm form = OptimizerForm.TensorFlow, string name = "Momentum")
    : Optimizer(name)
{
    protected override void CreateSlots(Variable var) => ZerosSlot(var, "momentum");

    protected override Tensor ApplyDense(Tensor grad, Variable var)
    {
        Variable slot = get_slot(var, "momentum");
        Tensor lr = AsTensor(learning_rate, var), beta = AsTensor(momentum, var);
        return form == OptimizerForm.Course
            ? TrainOps.Apply("ApplyCourseMomentum", [var.Ref, slot.Ref, lr, beta, grad], 1, null)
            : TrainOps.Apply("ApplyMomentum", [var.Ref, slot.Ref, lr, beta, grad], 1, null, new() { ["use_nesterov"] = use_nesterov });
    }
}

/// <summary>RMSProp as TensorFlow 1: ms += (g^2 - ms)(1 - decay); mom = mom*momentum + lr*g/sqrt(ms + eps); var -= mom.</summary>
public sealed class RMSPropOptimizer(Hyper learning_rate, double decay = 0.9, double momentum = 0.0, double epsilon = 1e-10, string name = "RMSProp")
    : Optimizer(name)
{
    protected override void CreateSlots(Variable var)
    {
        FilledSlot(var, "rms", 1);
        ZerosSlot(var, "momentum");
    }

    protected override Tensor ApplyDense(Tensor grad, Variable var)
    {
        Variable ms = get_slot(var, "rms"), mom = get_slot(var, "momentum");
        return TrainOps.Apply("ApplyRMSProp",
            [var.Ref, ms.Ref, mom.Ref, AsTensor(learning_rate, var), Constants.Like(var, decay), Constants.Like(var, momentum), Constants.Like(var, epsilon), grad], 2, null);
    }
}

/// <summary>
/// Adam. TensorFlow form: slots m ("Adam") and v ("Adam_1"), non-slot beta1_power/beta2_power updated after each step.
/// Course form: the same slots and a step counter t (starting at 1), with v/(1-beta1^t) / (sqrt(s/(1-beta2^t)) + epsilon).
/// </summary>
public sealed class AdamOptimizer(Hyper learning_rate, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-8, OptimizerForm form = OptimizerForm.TensorFlow, string name = "Adam")
    : Optimizer(name)
{
    private Variable? _beta1Power, _beta2Power, _t;

    protected override void CreateSlots(Variable var)
    {
        if (form == OptimizerForm.Course) _t ??= NonSlot(var, "adam_t", 1);
        else
        {
            _beta1Power ??= NonSlot(var, "beta1_power", beta1);
            _beta2Power ??= NonSlot(var, "beta2_power", beta2);
        }
        ZerosSlot(var, "m");
        ZerosSlot(var, "v");
    }

    protected override Tensor ApplyDense(Tensor grad, Variable var)
    {
        Variable m = get_slot(var, "m"), v = get_slot(var, "v");
        Tensor lr = AsTensor(learning_rate, var), b1 = Constants.Like(var, beta1), b2 = Constants.Like(var, beta2), eps = Constants.Like(var, epsilon);
        if (form == OptimizerForm.Course)
            return TrainOps.Apply("ApplyCourseAdam", [var.Ref, m.Ref, v.Ref, MathOps.Cast(_t!, var.DType), lr, b1, b2, eps, grad], 2, null);
        return TrainOps.Apply("ApplyAdam",
            [var.Ref, m.Ref, v.Ref, MathOps.Cast(_beta1Power!, var.DType), MathOps.Cast(_beta2Power!, var.DType), lr, b1, b2, eps, grad], 2, null);
    }

    protected override Operation Finish(List<Operation> updates, string name)
    {
        Graph graph = updates[0].Graph;
        using (graph.ControlDependencies(updates))
        {
            var after = new List<ITensorOrOperation>(updates);
            if (form == OptimizerForm.Course)
            {
                after.Add(_t!.assign_add(Constants.Like(_t!, 1)));
            }
            else
            {
                after.Add(_beta1Power!.assign(MathOps.Mul(_beta1Power!, Constants.Like(_beta1Power!, beta1))));
                after.Add(_beta2Power!.assign(MathOps.Mul(_beta2Power!, Constants.Like(_beta2Power!, beta2))));
            }
            return tf.group(after, name);
        }
    }
}
