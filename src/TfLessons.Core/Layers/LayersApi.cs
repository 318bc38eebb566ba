using TfLessons.Ops;

namespace TfLessons;

public static partial class tf
{
    /// <summary>TensorFlow 1's <c>tf.layers</c>: dense and batch normalization, each creating its variables in a
    /// uniquely named scope.</summary>
    public static class layers
    {
        /// <summary>activation(inputs @ kernel + bias) for inputs [batch, features]; variables <c>dense/kernel</c> and
        /// <c>dense/bias</c>.</summary>
        public static Tensor dense(
            Tensor inputs,
            int units,
            Func<Tensor, Tensor>? activation = null,
            bool use_bias = true,
            Initializer? kernel_initializer = null,
            Initializer? bias_initializer = null,
            string? name = null
        )
        {
            int features = inputs.shape[-1];
            if (features < 0)
                throw new ArgumentException(
                    $"dense: the last dimension of {inputs.Name} must be known, got {inputs.shape}"
                );
            using (inputs.Graph.NameScope(name ?? "dense"))
            using (inputs.Graph.VariableScopeAtNameScope())
            {
                Variable kernel = get_variable(
                    "kernel",
                    new Shape(features, units),
                    inputs.DType,
                    kernel_initializer ?? glorot_uniform_initializer()
                );
                Tensor y = matmul(inputs, kernel);
                if (use_bias)
                    y = add(
                        y,
                        get_variable("bias", new Shape(units), inputs.DType, bias_initializer ?? zeros_initializer())
                    );
                return activation is null ? y : activation(y);
            }
        }

        /// <summary>
        /// Batch normalization over every axis but <paramref name="axis"/> (the features), with learnable gamma and
        /// beta
        /// and moving mean/variance kept as exponentially weighted averages. <paramref name="training"/> (a scalar bool
        /// tensor, usually a placeholder) picks the mini-batch statistics (true) or the moving averages (false); the
        /// moving-average updates join UPDATE_OPS, which <c>minimize</c> runs with every training step.
        /// </summary>
        public static Tensor batch_normalization(
            Tensor inputs,
            Tensor training,
            int axis = -1,
            double momentum = 0.99,
            double epsilon = 1e-3,
            bool center = true,
            bool scale = true,
            string? name = null
        )
        {
            Shape shape = inputs.shape;
            if (shape.IsUnknownRank)
                throw new ArgumentException($"batch_normalization: {inputs.Name} needs a known rank");
            int rank = shape.Rank,
                ax = axis < 0 ? axis + rank : axis;
            int features = shape[ax];
            if (features < 0)
                throw new ArgumentException(
                    $"batch_normalization: the feature dimension {ax} of {inputs.Name} must be known, got {shape}"
                );
            if (training.Op.Type == "Placeholder")
                StateOps.PlaceholderAttrs.SetFeedHint(
                    training.Op,
                    "it is a batch-norm training flag: feed true to train on "
                        + "mini-batch statistics, false to use the moving averages"
                );
            Graph g = inputs.Graph;
            DType dt = inputs.DType;
            using (g.NameScope(name ?? "batch_normalization"))
            using (g.VariableScopeAtNameScope())
            {
                Variable? gamma = scale ? get_variable("gamma", new Shape(features), dt, ones_initializer()) : null;
                Variable? beta = center ? get_variable("beta", new Shape(features), dt, zeros_initializer()) : null;
                Variable movingMean = get_variable(
                    "moving_mean",
                    new Shape(features),
                    dt,
                    zeros_initializer(),
                    trainable: false
                );
                Variable movingVariance = get_variable(
                    "moving_variance",
                    new Shape(features),
                    dt,
                    ones_initializer(),
                    trainable: false
                );
                int[] reduce = Enumerable.Range(0, rank).Where(a => a != ax).ToArray();
                var (batchMean, batchVariance) = nn.moments(inputs, reduce);
                Tensor mean = FlagOps.SelectByFlag(training, batchMean, movingMean);
                Tensor variance = FlagOps.SelectByFlag(training, batchVariance, movingVariance);
                int[] broadcast = Enumerable.Range(0, rank).Select(a => a == ax ? features : 1).ToArray();
                Tensor Shaped(Tensor t) => ax == rank - 1 ? t : reshape(t, broadcast);
                Tensor output = nn.batch_normalization(
                    inputs,
                    Shaped(mean),
                    Shaped(variance),
                    beta is null ? null : Shaped(beta),
                    gamma is null ? null : Shaped(gamma),
                    epsilon
                );
                Tensor decay = Constants.Like(inputs, 1 - momentum);
                g.add_to_collection(
                    GraphKeys.UPDATE_OPS,
                    FlagOps.AssignMovingAverage(movingMean, batchMean, decay, training).Op
                );
                g.add_to_collection(
                    GraphKeys.UPDATE_OPS,
                    FlagOps.AssignMovingAverage(movingVariance, batchVariance, decay, training).Op
                );
                return output;
            }
        }
    }
}
