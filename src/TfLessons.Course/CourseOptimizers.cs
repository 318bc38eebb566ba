using TfLessons.Train;

namespace TfLessons.Course;

/// <summary>
/// The course's momentum (v = beta*v + (1-beta)*g; var -= lr*v), for exact comparison with its notebooks. Same
/// slot ("momentum", <c>var/Momentum</c>) as <see cref="MomentumOptimizer"/>, whose TensorFlow form differs
/// (accum = m*accum + g).
/// </summary>
public sealed class CourseMomentumOptimizer(Hyper learning_rate, Hyper momentum, string name = "Momentum")
    : Optimizer(name)
{
    protected override void CreateSlots(Variable var) => ZerosSlot(var, "momentum");

    protected override Tensor ApplyDense(Tensor grad, Variable var)
    {
        Variable slot = get_slot(var, "momentum");
        Tensor lr = AsTensor(learning_rate, var), beta = AsTensor(momentum, var);
        return CourseOps.ApplyCourseMomentum(var.Ref, slot.Ref, lr, beta, grad);
    }
}

/// <summary>
/// The course's Adam: slots m ("Adam") and v ("Adam_1") as <see cref="AdamOptimizer"/>, and a non-slot step counter
/// <c>adam_t</c> (starting at 1, incremented after each step) instead of TensorFlow's beta powers, with
/// var -= lr * (m/(1-beta1^t)) / (sqrt(v/(1-beta2^t)) + epsilon).
/// </summary>
public sealed class CourseAdamOptimizer(
    Hyper learning_rate, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-8, string name = "Adam")
    : Optimizer(name)
{
    private Variable? _t;

    protected override void CreateSlots(Variable var)
    {
        _t ??= NonSlot(var, "adam_t", 1);
        ZerosSlot(var, "m");
        ZerosSlot(var, "v");
    }

    protected override Tensor ApplyDense(Tensor grad, Variable var)
    {
        Variable m = get_slot(var, "m"), v = get_slot(var, "v");
        Tensor lr = AsTensor(learning_rate, var), b1 = AsTensor(beta1, var), b2 = AsTensor(beta2, var);
        Tensor eps = AsTensor(epsilon, var);
        return CourseOps.ApplyCourseAdam(var.Ref, m.Ref, v.Ref, tf.cast(_t!, var.DType), lr, b1, b2, eps, grad);
    }

    protected override Operation Finish(List<Operation> updates, string name)
    {
        using (updates[0].Graph.ControlDependencies(updates))
        {
            return tf.group([.. updates, _t!.assign_add(1)], name);
        }
    }
}
