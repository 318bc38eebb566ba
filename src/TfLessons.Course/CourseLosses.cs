namespace TfLessons.Course;

/// <summary>
/// The course's losses and regularizers as graph composites of public engine ops (their gradients come from the
/// primitives), in the notebooks' operation order so float64 costs print the same digits.
/// </summary>
public static class CourseLosses
{
    /// <summary>
    /// The course's cross-entropy of probabilities a against labels y, summed over examples:
    /// sum(-log(a)*y - log(1-a)*(1-y)). With <paramref name="nanSum"/> NaN terms (0 * log 0) are dropped as
    /// <c>np.nansum</c> does, so a saturated sigmoid gives inf rather than NaN, as the notebooks print.
    /// </summary>
    public static Tensor LogLossSum(Tensor a, Tensor y, bool nanSum)
    {
        Tensor one = Scalar(a, 1);
        Tensor terms = tf.subtract(
            tf.multiply(tf.negative(tf.log(a)), y), tf.multiply(tf.log(tf.subtract(one, a)), tf.subtract(one, y)));
        if (nanSum) terms = tf.where(tf.is_nan(terms), tf.zeros_like(terms), terms);
        return tf.reduce_sum(terms, name: "course_cost");
    }

    /// <summary>TensorFlow's stable sigmoid cross-entropy; its gradient for the logits is sigmoid(z) - y.</summary>
    public static Tensor SigmoidCrossEntropy(Tensor labels, Tensor logits) =>
        tf.nn.sigmoid_cross_entropy_with_logits(labels, logits);

    /// <summary>
    /// L2 cost: (1/m * lambd / 2) * sum over layers of ||W||^2, in the course's operation order (m may be a runtime
    /// tensor).
    /// </summary>
    public static Tensor L2Cost(IEnumerable<Tensor> weights, double lambd, Tensor m)
    {
        Tensor sum = tf.add_n(weights.Select(w => tf.reduce_sum(tf.square(w))).ToList());
        Tensor coefficient = tf.divide(tf.multiply(Reciprocal(m, sum.DType), Scalar(sum, lambd)), Scalar(sum, 2));
        return tf.multiply(coefficient, sum);
    }

    /// <summary>1/m * total, as the course averages (the digits of NumPy's <c>1./m * np.sum(...)</c>).</summary>
    public static Tensor Mean(Tensor total, Tensor m) => tf.multiply(Reciprocal(m, total.DType), total);

    private static Tensor Reciprocal(Tensor m, DType dtype) =>
        tf.divide(Scalar(tf.cast(m, dtype), 1), tf.cast(m, dtype));

    /// <summary>Inverted dropout with a 0/1 mask: x * mask / keep_prob (keep_prob 1, a ones mask at test).</summary>
    public static Tensor Dropout(Tensor x, Tensor mask, Tensor keepProb) => tf.divide(tf.multiply(x, mask), keepProb);

    /// <summary>The number of columns (examples) of a [features, m] tensor, as a scalar of its dtype.</summary>
    public static Tensor ColumnCount(Tensor x) =>
        tf.reduce_sum(tf.ones_like(tf.strided_slice(x, [0], [1], [1], 0, 0, 1)), name: "m");

    private static Tensor Scalar(Tensor like, double value) => tf.constant(np.array(value), like.DType);
}
