namespace TfLessons.Layers;

/// <summary>The course's losses and regularizers as graph composites (their gradients come from the primitives).</summary>
public static class Losses
{
    /// <summary>
    /// The course's cross-entropy of probabilities a against labels y, summed over examples:
    /// sum(-log(a)*y - log(1-a)*(1-y)). With <paramref name="nanSum"/> NaN terms (0 * log 0) are dropped as
    /// <c>np.nansum</c> does, so a saturated sigmoid gives inf rather than NaN, as the notebooks print.
    /// </summary>
    public static Tensor CourseLogLossSum(Tensor a, Tensor y, bool nanSum)
    {
        Tensor one = Constants.Like(a, 1);
        Tensor terms = MathOps.Sub(MathOps.Mul(MathOps.Neg(MathOps.Log(a)), y), MathOps.Mul(MathOps.Log(MathOps.Sub(one, a)), MathOps.Sub(one, y)));
        if (nanSum) terms = LogicOps.Select(LogicOps.IsNan(terms), ArrayOps.ZerosLike(terms), terms);
        return ReduceOps.Reduce("Sum", terms, null, false, "course_cost");
    }

    /// <summary>TensorFlow's stable sigmoid cross-entropy; its gradient with respect to the logits is sigmoid(z) - y.</summary>
    public static Tensor SigmoidCrossEntropy(Tensor labels, Tensor logits) => LossOps.SigmoidCrossEntropyWithLogits(labels, logits);

    /// <summary>L2 cost: (1/m * lambd / 2) * sum over layers of ||W||^2, in the course's operation order (m may be a runtime tensor).</summary>
    public static Tensor L2Cost(IEnumerable<Tensor> weights, double lambd, Tensor m)
    {
        Tensor sum = MathOps.AddN(weights.Select(w => ReduceOps.Reduce("Sum", MathOps.Square(w), null, false, null)).ToList());
        Tensor coefficient = MathOps.RealDiv(MathOps.Mul(Reciprocal(m, sum.DType), Constants.Like(sum, lambd)), Constants.Like(sum, 2));
        return MathOps.Mul(coefficient, sum);
    }

    /// <summary>1/m * total, as the course writes its averages (the same digits as NumPy's <c>1./m * np.sum(...)</c>).</summary>
    public static Tensor CourseMean(Tensor total, Tensor m) => MathOps.Mul(Reciprocal(m, total.DType), total);

    private static Tensor Reciprocal(Tensor m, DType dtype) => MathOps.RealDiv(Constants.Like(MathOps.Cast(m, dtype), 1), MathOps.Cast(m, dtype));

    /// <summary>Inverted dropout with a given 0/1 mask: x * mask / keep_prob (keep_prob 1 and a ones mask at test time).</summary>
    public static Tensor Dropout(Tensor x, Tensor mask, Tensor keepProb) => MathOps.RealDiv(MathOps.Mul(x, mask), keepProb);

    /// <summary>The number of columns (examples) of a [features, m] tensor, as a scalar of its dtype.</summary>
    public static Tensor ColumnCount(Tensor x) =>
        ReduceOps.Reduce("Sum", ArrayOps.OnesLike(StridedSliceRow(x)), null, false, "m");

    private static Tensor StridedSliceRow(Tensor x) => ArrayOps.StridedSlice(x, [0], [1], [1], 0, 0, 1);
}
