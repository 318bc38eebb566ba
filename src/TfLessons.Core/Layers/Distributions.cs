using TfLessons.Ops;

#pragma warning disable IDE1006
namespace TfLessons;

public static partial class tf
{
    /// <summary>TensorFlow 1's <c>tf.distributions</c> (TensorFlow.NET: <c>tf.distributions.Normal(loc,
    /// scale)</c>).</summary>
    public static class distributions
    {
        public static global::TfLessons.Normal Normal(
            Tensor loc,
            Tensor scale,
            bool validate_args = false,
            bool allow_nan_stats = true,
            string name = "Normal"
        ) => new(loc, scale, validate_args, allow_nan_stats, name);
    }
}

/// <summary>
/// The normal distribution with mean <c>loc</c> and standard deviation <c>scale</c>, broadcast against each other.
/// Its methods compose engine ops in TensorFlow's order, so gradients flow through them without ops of their own.
/// </summary>
public sealed class Normal
{
    // TensorFlow computes 0.5 * log(2 pi) in Python floats and rounds it once to the tensor's dtype.
    private static readonly double HalfLogTwoPi = 0.5 * Math.Log(2.0 * Math.PI);
    private readonly Tensor _loc, _scale;

    public Normal(
        Tensor loc,
        Tensor scale,
        bool validate_args = false,
        bool allow_nan_stats = true,
        string name = "Normal"
    )
    {
        if (!loc.DType.IsFloating() || loc.DType != scale.DType)
            throw new ArgumentException(
                $"{name}: loc ({loc.Name}, {loc.DType.Name()}) and scale "
                    + $"({scale.Name}, {scale.DType.Name()}) must have one floating dtype"
            );
        _loc = loc;
        _scale = validate_args ? WithPositiveCheck(scale, name) : scale;
        AllowNanStats = allow_nan_stats;
        Name = name;
    }

    public string Name { get; }
    public bool AllowNanStats { get; }
    public DType dtype => _loc.DType;
    public Tensor loc() => _loc;
    public Tensor scale() => _scale;
    public Tensor mean() => _loc * tf.ones_like(_scale);
    public Tensor stddev() => _scale * tf.ones_like(_loc);
    public Tensor variance() => tf.square(stddev());

    /// <summary>log p(x) = -z²/2 - (log(2π)/2 + log(scale)), z = (x - loc) / scale.</summary>
    public Tensor log_prob(Tensor x)
    {
        Tensor z = (x - _loc) / _scale;
        Tensor logUnnormalized = Constants.Like(z, -0.5) * tf.square(z);
        Tensor logNormalization = Constants.Like(_scale, HalfLogTwoPi) + tf.log(_scale);
        return logUnnormalized - logNormalization;
    }

    public Tensor prob(Tensor x) => tf.exp(log_prob(x));

    /// <summary>Entropy, 0.5 log(2π) + 0.5 + log(scale), one per (broadcast) batch member.</summary>
    public Tensor entropy() => Constants.Like(_scale, HalfLogTwoPi + 0.5) + tf.log(stddev());

    /// <summary><paramref name="sample_shape"/> draws per batch member: loc + scale * N(0, 1).</summary>
    public Tensor sample(int sample_shape, int? seed = null)
    {
        Shape batch = mean().shape;
        if (!batch.IsFullyDefined)
            throw new ArgumentException($"{Name}.sample: the batch shape {batch} must be fully defined");
        var shape = new Shape([sample_shape, .. batch.ToArray()]);
        return tf.random_normal(shape, dtype: dtype, seed: seed) * _scale + _loc;
    }

    // TensorFlow adds run-time assertions; with no assertion op here, validate_args checks a constant scale when built.
    private static Tensor WithPositiveCheck(Tensor scale, string name)
    {
        if (scale.Op.Type == "Const" && StateOps.ConstAttrs.Of(scale.Op).Value.ToDoubleArray().Any(v => !(v > 0)))
            throw new ArgumentException($"{name}: scale {scale.Name} must be positive");
        return scale;
    }
}
