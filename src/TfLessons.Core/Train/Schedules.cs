using TfLessons.Ops;

namespace TfLessons.Train;

/// <summary>
/// Learning-rate schedules as tensors of a step or epoch tensor, so they live in the graph and feed any
/// optimizer (pass the result as its learning rate). Arithmetic is in the step's float dtype.
/// </summary>
public static class Schedules
{
    /// <summary>lr0 * rate^(step / decay_steps), floored inside with <paramref name="staircase"/>
    /// (tf.train.exponential_decay).</summary>
    public static Tensor ExponentialDecay(
        double lr0,
        Tensor step,
        double decaySteps,
        double rate,
        bool staircase = false
    )
    {
        Tensor p = MathOps.RealDiv(Float(step), Constants.Like(Float(step), decaySteps));
        if (staircase) p = LogicOps.Floor(p);
        return MathOps.Mul(Constants.Like(p, lr0), MathOps.Pow(Constants.Like(p, rate), p));
    }

    /// <summary>lr0 / (1 + decay_rate * epoch) (tf.train.inverse_time_decay with decay_steps 1).</summary>
    public static Tensor InverseTime(double lr0, Tensor epoch, double decayRate) =>
        MathOps.RealDiv(
            Constants.Like(Float(epoch), lr0),
            MathOps.Add(
                Constants.Like(Float(epoch), 1),
                MathOps.Mul(Constants.Like(Float(epoch), decayRate), Float(epoch))
            )
        );

    /// <summary>lr0 / (1 + decay_rate * floor(epoch / interval)) (tf.train.inverse_time_decay with staircase over
    /// interval epochs).</summary>
    public static Tensor FixedInterval(double lr0, Tensor epoch, double decayRate, double interval)
    {
        Tensor e = Float(epoch);
        Tensor steps = LogicOps.Floor(MathOps.RealDiv(e, Constants.Like(e, interval)));
        return MathOps.RealDiv(
            Constants.Like(e, lr0),
            MathOps.Add(Constants.Like(e, 1), MathOps.Mul(Constants.Like(e, decayRate), steps))
        );
    }

    /// <summary>k / sqrt(t) (a lecture schedule; t counted from 1).</summary>
    public static Tensor InverseSqrt(double k, Tensor t) =>
        MathOps.RealDiv(Constants.Like(Float(t), k), MathOps.Sqrt(Float(t)));

    /// <summary>Piecewise constant (staircase): values[i] while step &lt;= boundaries[i], values[^1] after the last
    /// boundary.</summary>
    public static Tensor PiecewiseConstant(Tensor step, double[] boundaries, double[] values)
    {
        if (values.Length != boundaries.Length + 1)
            throw new ArgumentException(
                $"piecewise_constant: {boundaries.Length} boundaries need "
                    + $"{boundaries.Length + 1} values, got {values.Length}"
            );
        Tensor s = Float(step);
        Tensor result = Constants.Like(s, values[^1]);
        for (int i = boundaries.Length - 1; i >= 0; i--)
        {
            Tensor inRange = MathOps.Compare("LessEqual", s, Constants.Like(s, boundaries[i]));
            result = LogicOps.Select(inRange, Constants.Like(s, values[i]), result);
        }
        return result;
    }

    private static Tensor Float(Tensor t) => t.DType.IsFloating() ? t : MathOps.Cast(t, DType.Float64);
}
