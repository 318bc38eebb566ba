using TfLessons.Ops;

namespace TfLessons;

/// <summary>An initializer: makes the initial-value tensor of a variable of a given shape and dtype.</summary>
public delegate Tensor Initializer(int[] shape, DType dtype);

public static partial class tf
{
    /// <summary>Sets the graph-level seed; with op seeds it fixes every random op as in TensorFlow 1.</summary>
    public static void set_random_seed(int seed) => TfLessons.Graph.Default.Seed = seed;

    /// <summary>U[minval, maxval), computed as TensorFlow does: rnd * (max - min) + min.</summary>
    public static Tensor random_uniform(
        Shape shape,
        double minval = 0,
        double maxval = 1,
        DType? dtype = null,
        int? seed = null,
        string? name = null
    )
    {
        using (TfLessons.Graph.Default.NameScope(name ?? "random_uniform"))
        {
            DType dt = dtype ?? DType.Float32;
            Tensor min = StateOps.Const(Constants.Scalar(dt, minval), "min");
            Tensor max = StateOps.Const(Constants.Scalar(dt, maxval), "max");
            Tensor rnd = RandomOps.Random("RandomUniform", shape.ToArray(), dt, seed, "RandomUniform");
            return MathOps.Add(MathOps.Mul(rnd, MathOps.Sub(max, min)), min);
        }
    }

    /// <summary>N(mean, stddev^2): rnd * stddev + mean.</summary>
    public static Tensor random_normal(
        Shape shape,
        double mean = 0,
        double stddev = 1,
        DType? dtype = null,
        int? seed = null,
        string? name = null
    ) => Scaled("RandomStandardNormal", name ?? "random_normal", shape, mean, stddev, dtype, seed);

    /// <summary>N(mean, stddev^2) with values beyond two standard deviations redrawn.</summary>
    public static Tensor truncated_normal(
        Shape shape,
        double mean = 0,
        double stddev = 1,
        DType? dtype = null,
        int? seed = null,
        string? name = null
    ) => Scaled("TruncatedNormal", name ?? "truncated_normal", shape, mean, stddev, dtype, seed);

    private static Tensor Scaled(
        string type,
        string scope,
        Shape shape,
        double mean,
        double stddev,
        DType? dtype,
        int? seed
    )
    {
        using (TfLessons.Graph.Default.NameScope(scope))
        {
            DType dt = dtype ?? DType.Float32;
            Tensor meanT = StateOps.Const(Constants.Scalar(dt, mean), "mean");
            Tensor stdT = StateOps.Const(Constants.Scalar(dt, stddev), "stddev");
            Tensor rnd = RandomOps.Random(type, shape.ToArray(), dt, seed, type);
            return MathOps.Add(MathOps.Mul(rnd, stdT), meanT);
        }
    }

    public static Initializer zeros_initializer() => (shape, dtype) => ArrayOps.Fill(shape, 0, dtype, "zeros");
    public static Initializer ones_initializer() => (shape, dtype) => ArrayOps.Fill(shape, 1, dtype, "ones");

    public static Initializer constant_initializer(double value) =>
        (shape, dtype) => ArrayOps.Fill(shape, value, dtype, "Const");

    public static Initializer random_normal_initializer(double mean = 0, double stddev = 1, int? seed = null) =>
        (shape, dtype) => random_normal(shape, mean, stddev, dtype, seed);

    public static Initializer glorot_uniform_initializer(int? seed = null) =>
        variance_scaling_initializer(1.0, "fan_avg", "uniform", seed);

    /// <summary>tf.variance_scaling_initializer: scale / n with n the fan in, out or average; uniform, or truncated
    /// normal with stddev corrected by 0.8796...</summary>
    public static Initializer variance_scaling_initializer(
        double scale = 1.0,
        string mode = "fan_in",
        string distribution = "truncated_normal",
        int? seed = null
    ) =>
        (shape, dtype) =>
        {
            double n = FanFor(shape, mode);
            double s = scale / Math.Max(1.0, n);
            return distribution switch
            {
                "uniform" => random_uniform(shape, -Math.Sqrt(3 * s), Math.Sqrt(3 * s), dtype, seed),
                "truncated_normal" => truncated_normal(shape, 0, Math.Sqrt(s) / 0.87962566103423978, dtype, seed),
                "normal" or "untruncated_normal" => random_normal(shape, 0, Math.Sqrt(s), dtype, seed),
                _ => throw new ArgumentException(
                    $"variance_scaling_initializer: unknown distribution '{distribution}'"
                ),
            };
        };

    private static double FanFor(int[] shape, string mode)
    {
        (double fanIn, double fanOut) = Random.TfInitializers.Fans(shape);
        return mode switch
        {
            "fan_in" or "FAN_IN" => fanIn,
            "fan_out" or "FAN_OUT" => fanOut,
            "fan_avg" or "FAN_AVG" => (fanIn + fanOut) / 2,
            _ => throw new ArgumentException($"variance_scaling_initializer: unknown mode '{mode}'"),
        };
    }

    public static partial class contrib
    {
        public static class layers
        {
            /// <summary>tf.contrib.layers.xavier_initializer: Glorot uniform (or truncated normal), TensorFlow-exact
            /// for a seed.</summary>
            public static Initializer xavier_initializer(bool uniform = true, int? seed = null) => (shape, dtype) =>
            {
                (double fanIn, double fanOut) = Random.TfInitializers.Fans(shape);
                double n = (fanIn + fanOut) / 2.0;
                if (uniform)
                {
                    double limit = Math.Sqrt(3.0 / n);
                    return random_uniform(shape, -limit, limit, dtype, seed);
                }
                return truncated_normal(shape, 0, Math.Sqrt(1.3 / n), dtype, seed);
            };
        }
    }
}
