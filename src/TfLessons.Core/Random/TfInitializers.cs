// TF 1.x weight initializers on top of the exact random ops.
//
// Sources (tensorflow/tensorflow):
//   * tensorflow/contrib/layers/python/layers/initializers.py: xavier_initializer(uniform=True, seed) =
//     variance_scaling_initializer(factor=1.0, mode='FAN_AVG', uniform=True, seed):
//       fan_in = shape[-2] if len(shape) > 1 else shape[-1]; fan_out = shape[-1];
//       fan_in and fan_out are both multiplied by every dim in shape[:-2] (the receptive field of a conv kernel);
//       n = fan_in | fan_out | (fan_in + fan_out) / 2.0 (Python floats, i.e. doubles);
//       uniform:  limit = sqrt(3.0 * factor / n); random_uniform(shape, -limit, limit, dtype, seed)
//       normal:   stddev = sqrt(1.3 * factor / n); truncated_normal(shape, 0.0, stddev, dtype, seed)
//   * tensorflow/python/ops/random_ops.py (TF 1.x): random_uniform converts minval/maxval to float32 tensors, then
//     returns add(rnd * (maxval - minval), minval): three separate float32 ops (Sub, Mul, Add), no fused multiply-add.
//     truncated_normal / random_normal return add(rnd * stddev, mean) in float32.
namespace TfLessons.Random;

/// <summary>Fan mode of variance_scaling_initializer.</summary>
public enum FanMode
{
    FanIn,
    FanOut,
    FanAvg,
}

/// <summary>TF 1.x initializers, bit-exact (float32, row-major over <c>shape</c>).</summary>
public static class TfInitializers
{
    /// <summary>(fan_in, fan_out) as tf.contrib.layers.variance_scaling_initializer computes them.</summary>
    public static (double FanIn, double FanOut) Fans(IReadOnlyList<int> shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        if (shape.Count == 0)
        {
            // contrib indexes shape[-1] and fails on a scalar; tf.initializers uses 1.0 / 1.0.
            return (1.0, 1.0);
        }

        double fanIn = shape.Count > 1 ? shape[^2] : shape[^1];
        double fanOut = shape[^1];
        for (int i = 0; i < shape.Count - 2; i++)
        {
            fanIn *= shape[i];
            fanOut *= shape[i];
        }

        return (fanIn, fanOut);
    }

    /// <summary>
    /// tf.contrib.layers.xavier_initializer(uniform=True): U(-limit, limit) with limit = sqrt(6 / (fan_in + fan_out)),
    /// computed as TF does. (seed, seed2) are the op attributes, e.g. from <see cref="TfSeed.Get(int?, int?, int,
    /// TfSeedRule)"/>.
    /// </summary>
    public static float[] GlorotUniform(IReadOnlyList<int> shape, long seed, long seed2) =>
        VarianceScaling(shape, seed, seed2, 1.0, FanMode.FanAvg, uniform: true);

    /// <summary>tf.contrib.layers.xavier_initializer(uniform=False): truncated normal with stddev sqrt(1.3 /
    /// n).</summary>
    public static float[] GlorotTruncatedNormal(IReadOnlyList<int> shape, long seed, long seed2) =>
        VarianceScaling(shape, seed, seed2, 1.0, FanMode.FanAvg, uniform: false);

    /// <summary>tf.contrib.layers.variance_scaling_initializer.</summary>
    public static float[] VarianceScaling(
        IReadOnlyList<int> shape,
        long seed,
        long seed2,
        double factor,
        FanMode mode,
        bool uniform
    )
    {
        (double fanIn, double fanOut) = Fans(shape);
        double n = mode switch
        {
            FanMode.FanIn => fanIn,
            FanMode.FanOut => fanOut,
            FanMode.FanAvg => (fanIn + fanOut) / 2.0,
            _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "Unknown fan mode."),
        };

        int count = Count(shape);
        if (uniform)
        {
            double limit = Math.Sqrt(3.0 * factor / n);
            return RandomUniform(count, -limit, limit, seed, seed2);
        }

        double stddev = Math.Sqrt(1.3 * factor / n);
        return TruncatedNormal(count, 0.0, stddev, seed, seed2);
    }

    /// <summary>
    /// tf.random_uniform(shape, minval, maxval, float32): rnd * (max - min) + min, each step rounded to float32.
    /// </summary>
    public static float[] RandomUniform(int count, double minval, double maxval, long seed, long seed2)
    {
        float min = (float)minval;
        float max = (float)maxval;
        float range = max - min;
        float[] values = TfRandom.RandomUniform(seed, seed2, count);
        for (int i = 0; i < values.Length; i++)
        {
            float scaled = values[i] * range;
            values[i] = scaled + min;
        }

        return values;
    }

    /// <summary>tf.random_normal(shape, mean, stddev, float32): rnd * stddev + mean in float32.</summary>
    public static float[] RandomNormal(int count, double mean, double stddev, long seed, long seed2) =>
        ScaleShift(TfRandom.RandomStandardNormal(seed, seed2, count), mean, stddev);

    /// <summary>tf.truncated_normal(shape, mean, stddev, float32): rnd * stddev + mean in float32.</summary>
    public static float[] TruncatedNormal(int count, double mean, double stddev, long seed, long seed2) =>
        ScaleShift(TfRandom.TruncatedNormal(seed, seed2, count), mean, stddev);

    /// <summary>Number of elements of a shape (checked).</summary>
    public static int Count(IReadOnlyList<int> shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        long count = 1;
        foreach (int d in shape)
        {
            if (d < 0)
            {
                throw new ArgumentException(
                    $"Negative dimension {d} in shape [{string.Join(", ", shape)}].",
                    nameof(shape)
                );
            }

            count *= d;
            if (count > Array.MaxLength)
            {
                throw new ArgumentException(
                    $"Shape [{string.Join(", ", shape)}] has too many elements for one array.",
                    nameof(shape)
                );
            }
        }

        return (int)count;
    }

    private static float[] ScaleShift(float[] values, double mean, double stddev)
    {
        float m = (float)mean;
        float s = (float)stddev;
        for (int i = 0; i < values.Length; i++)
        {
            float scaled = values[i] * s;
            values[i] = scaled + m;
        }

        return values;
    }
}
