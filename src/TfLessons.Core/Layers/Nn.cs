using TfLessons.Ops;

namespace TfLessons;

public static partial class tf
{
    public static partial class nn
    {
        public static Tensor softmax(Tensor logits, string? name = null) => SoftmaxOps.Softmax(logits, "Softmax", name);

        public static Tensor log_softmax(Tensor logits, string? name = null) =>
            SoftmaxOps.Softmax(logits, "LogSoftmax", name);

        /// <summary>Per-example cross-entropy of softmax(logits) against label distributions (both [batch, classes]);
        /// fused and stable.</summary>
        public static Tensor softmax_cross_entropy_with_logits(Tensor labels, Tensor logits, string? name = null) =>
            SoftmaxOps.CrossEntropy(labels, logits, name).Loss;

        /// <summary>Per-example cross-entropy against integer class labels ([batch]) and logits ([batch,
        /// classes]).</summary>
        public static Tensor sparse_softmax_cross_entropy_with_logits(Tensor labels, Tensor logits, string? name = null)
        {
            int classes = logits.shape[-1];
            if (classes < 0)
                throw new ArgumentException(
                    $"sparse_softmax_cross_entropy_with_logits: the class "
                        + $"dimension of {logits.Name} must be known, got {logits.shape}"
                );
            return SoftmaxOps
                .CrossEntropy(
                    SoftmaxOps.OneHot(labels, classes, 1, 0, -1, logits.DType, requireInRange: true),
                    logits,
                    name
                )
                .Loss;
        }

        public static Tensor sigmoid_cross_entropy_with_logits(Tensor labels, Tensor logits, string? name = null) =>
            LossOps.SigmoidCrossEntropyWithLogits(labels, logits, name);

        /// <summary>TF1's <c>tf.nn.embedding_lookup</c> for one unpartitioned table: the rows of <paramref
        /// name="params"/> at <paramref name="ids"/>.</summary>
        public static Tensor embedding_lookup(Tensor @params, Tensor ids, string? name = null) =>
            ArrayOps.Gather(@params, ids, 0, name ?? "embedding_lookup");

        /// <summary>Mean and (biased) variance over <paramref name="axes"/>; the variance's gradient treats the mean as
        /// constant, as TensorFlow's does.</summary>
        public static (Tensor Mean, Tensor Variance) moments(Tensor x, int[] axes, bool keep_dims = false)
        {
            using (x.Graph.NameScope("moments"))
            {
                Tensor mean = ReduceOps.Reduce("Mean", x, axes, true, "mean");
                Tensor variance = ReduceOps.Reduce(
                    "Mean",
                    MathOps.Square(MathOps.Sub(x, ArrayOps.StopGradient(mean))),
                    axes,
                    true,
                    "variance"
                );
                if (!keep_dims)
                {
                    mean = ReduceOps.Reduce("Sum", mean, axes, false, "Squeeze");
                    variance = ReduceOps.Reduce("Sum", variance, axes, false, "Squeeze_1");
                }
                return (mean, variance);
            }
        }

        /// <summary>(x - mean) / sqrt(variance + epsilon) * scale + offset, computed as TensorFlow does: x * inv +
        /// (offset - mean * inv).</summary>
        public static Tensor batch_normalization(
            Tensor x,
            Tensor mean,
            Tensor variance,
            Tensor? offset,
            Tensor? scale,
            double variance_epsilon
        )
        {
            using (x.Graph.NameScope("batchnorm"))
            {
                Tensor inv = MathOps.RealDiv(
                    Constants.Like(x, 1),
                    MathOps.Sqrt(MathOps.Add(variance, Constants.Like(x, variance_epsilon)))
                );
                if (scale is not null)
                    inv = MathOps.Mul(inv, scale);
                Tensor shift = MathOps.Neg(MathOps.Mul(mean, inv));
                if (offset is not null) shift = MathOps.Add(offset, shift);
                return MathOps.Add(MathOps.Mul(x, inv), shift);
            }
        }

        /// <summary>
        /// Inverted dropout as TensorFlow 1: x / keep_prob * floor(keep_prob + U[0,1)), with U from the seeded Philox
        /// stream
        /// (a keep_prob of 1 passes x through unchanged).
        /// </summary>
        public static Tensor dropout(Tensor x, Tensor keep_prob, int? seed = null, string? name = null)
        {
            using (x.Graph.NameScope(name ?? "dropout"))
            {
                Tensor kp = MathOps.Cast(keep_prob, x.DType);
                Tensor uniform = RandomOps.UniformLike(x, seed);
                Tensor mask = LogicOps.Floor(MathOps.Add(kp, uniform));
                return MathOps.Mul(MathOps.RealDiv(x, kp), mask);
            }
        }
    }

    public static Tensor one_hot(
        Tensor indices,
        int depth,
        double on_value = 1,
        double off_value = 0,
        int axis = -1,
        DType? dtype = null,
        string? name = null
    ) => SoftmaxOps.OneHot(indices, depth, on_value, off_value, axis, dtype ?? DType.Float32, name);

    /// <summary>tf.one_hot with the depth as a tensor (<c>C = tf.constant(4); tf.one_hot(labels, C)</c>); it must be a
    /// constant.</summary>
    public static Tensor one_hot(
        Tensor indices,
        Tensor depth,
        double on_value = 1,
        double off_value = 0,
        int axis = -1,
        DType? dtype = null,
        string? name = null
    )
    {
        if (depth.Op.Type != "Const" || depth.Shape.Rank != 0 || depth.DType is not (DType.Int32 or DType.Int64))
            throw new ArgumentException(
                $"one_hot: depth must be a scalar integer constant (the "
                    + $"engine sizes outputs when the graph is built), got {depth}"
            );
        return one_hot(indices, (int)StateOps.ConstAttrs.Of(depth.Op).Value, on_value, off_value, axis, dtype, name);
    }

    public static Tensor expand_dims(Tensor x, int axis, string? name = null) => SoftmaxOps.ExpandDims(x, axis, name);

    public static Tensor where(Tensor condition, Tensor x, Tensor y, string? name = null) =>
        LogicOps.Select(condition, x, y, name);

    public static Tensor is_nan(Tensor x, string? name = null) => LogicOps.IsNan(x, name);

    public static Tensor floor(Tensor x, string? name = null) => LogicOps.Floor(x, name);

    /// <summary>floor(|x|) (used to make small non-negative integer test inputs).</summary>
    internal static Tensor abs_floor(Tensor x) => LogicOps.Floor(MathOps.Maximum(x, MathOps.Neg(x)));

    /// <summary>The fraction of rows whose argmax agrees: mean(cast(equal(argmax(a, axis), argmax(b,
    /// axis)))).</summary>
    public static Tensor accuracy(Tensor labels, Tensor logits, int axis = -1)
    {
        int rank = logits.shape.IsUnknownRank ? 2 : logits.shape.Rank;
        int ax = axis < 0 ? axis + rank : axis;
        Tensor correct = equal(argmax(logits, ax), argmax(labels, ax));
        return reduce_mean(cast(correct, DType.Float32));
    }
}
