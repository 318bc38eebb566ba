using TfLessons.Ops;

namespace TfLessons.Train;

/// <summary>Momentum as TensorFlow 1: accum = accum*momentum + g; var -= lr*accum.</summary>
public sealed class MomentumOptimizer(
    Hyper learning_rate,
    Hyper momentum,
    bool use_nesterov = false,
    string name = "Momentum"
) : Optimizer(name)
{
    protected override void CreateSlots(Variable var) => ZerosSlot(var, "momentum");

    protected override Tensor ApplyDense(Tensor grad, Variable var)
    {
        Variable slot = get_slot(var, "momentum");
        Tensor lr = AsTensor(learning_rate, var),
            beta = AsTensor(momentum, var);
        return TrainOps.Apply(
            "ApplyMomentum",
            [var.Ref, slot.Ref, lr, beta, grad],
            1,
            null,
            new TrainOps.MomentumAttrs(use_nesterov)
        );
    }
}

/// <summary>RMSProp as TensorFlow 1: ms += (g^2 - ms)(1 - decay); mom = mom*momentum + lr*g/sqrt(ms + eps); var -=
/// mom.</summary>
public sealed class RMSPropOptimizer(
    Hyper learning_rate,
    double decay = 0.9,
    double momentum = 0.0,
    double epsilon = 1e-10,
    string name = "RMSProp"
) : Optimizer(name)
{
    protected override void CreateSlots(Variable var)
    {
        FilledSlot(var, "rms", 1);
        ZerosSlot(var, "momentum");
    }

    protected override Tensor ApplyDense(Tensor grad, Variable var)
    {
        Variable ms = get_slot(var, "rms"),
            mom = get_slot(var, "momentum");
        return TrainOps.Apply(
            "ApplyRMSProp",
            [
                var.Ref,
                ms.Ref,
                mom.Ref,
                AsTensor(learning_rate, var),
                Constants.Like(var, decay),
                Constants.Like(var, momentum),
                Constants.Like(var, epsilon),
                grad,
            ],
            2,
            null
        );
    }
}

/// <summary>Adam as TensorFlow 1: slots m ("Adam") and v ("Adam_1"), non-slot beta1_power/beta2_power updated after
/// each step.</summary>
public sealed class AdamOptimizer(
    Hyper learning_rate,
    double beta1 = 0.9,
    double beta2 = 0.999,
    double epsilon = 1e-8,
    string name = "Adam"
) : Optimizer(name)
{
    private Variable? _beta1Power, _beta2Power;

    protected override void CreateSlots(Variable var)
    {
        _beta1Power ??= NonSlot(var, "beta1_power", beta1);
        _beta2Power ??= NonSlot(var, "beta2_power", beta2);
        ZerosSlot(var, "m");
        ZerosSlot(var, "v");
    }

    protected override Tensor ApplyDense(Tensor grad, Variable var)
    {
        Variable m = get_slot(var, "m"),
            v = get_slot(var, "v");
        Tensor lr = AsTensor(learning_rate, var),
            b1 = Constants.Like(var, beta1),
            b2 = Constants.Like(var, beta2),
            eps = Constants.Like(var, epsilon);
        return TrainOps.Apply(
            "ApplyAdam",
            [
                var.Ref,
                m.Ref,
                v.Ref,
                MathOps.Cast(_beta1Power!, var.DType),
                MathOps.Cast(_beta2Power!, var.DType),
                lr,
                b1,
                b2,
                eps,
                grad,
            ],
            2,
            null
        );
    }

    protected override Operation Finish(List<Operation> updates, string name)
    {
        Graph graph = updates[0].Graph;
        using (graph.ControlDependencies(updates))
        {
            var after = new List<ITensorOrOperation>(updates)
            {
                _beta1Power!.assign(MathOps.Mul(_beta1Power!, Constants.Like(_beta1Power!, beta1))),
                _beta2Power!.assign(MathOps.Mul(_beta2Power!, Constants.Like(_beta2Power!, beta2))),
            };
            return tf.group(after, name);
        }
    }
}
