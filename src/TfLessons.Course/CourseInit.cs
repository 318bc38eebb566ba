using TfLessons.Random;

namespace TfLessons.Course;

/// <summary>How the course initializes a layer's weights from NumPy's stream.</summary>
public enum InitScheme
{
    /// <summary>All zeros (breaks symmetry nowhere: the course's cautionary example).</summary>
    Zeros,

    /// <summary>randn * 10 (the course's "large random" example).</summary>
    RandomLarge,

    /// <summary>randn * sqrt(2 / n_prev) (He et al., for ReLU).</summary>
    He,

    /// <summary>randn / sqrt(n_prev) (the regularization lesson's scheme).</summary>
    ScaledByFanIn,

    /// <summary>randn * sqrt(1 / n_prev) (Xavier normal, as the course's lecture states it).</summary>
    XavierNormal,

    /// <summary>uniform(-limit, limit) with limit = sqrt(6 / (n_prev + n)) (Glorot uniform).</summary>
    GlorotUniform,
}

/// <summary>
/// The course's parameter initialization: seed a <see cref="RandomState"/>, then draw W1, W2, ... in
/// layer order with <c>randn(n_l, n_{l-1})</c>, biases zero. The arrays equal the notebooks' to the bit.
/// </summary>
public static class CourseInit
{
    public static (NDArray[] W, NDArray[] B) Parameters(
        int[] layerDims,
        InitScheme scheme,
        uint seed = 3,
        DType dtype = DType.Float64
    )
    {
        if (layerDims.Length < 2)
            throw new ArgumentException(
                $"layer dims [{string.Join(", ", layerDims)}] need at least an input and an output size"
            );
        var rng = new RandomState(seed);
        int layers = layerDims.Length - 1;
        var w = new NDArray[layers];
        var b = new NDArray[layers];
        for (int l = 1; l <= layers; l++)
        {
            int n = layerDims[l], prev = layerDims[l - 1];
            double[] values = scheme switch
            {
                InitScheme.Zeros => new double[n * prev],
                InitScheme.GlorotUniform => rng.Uniform(
                    -Math.Sqrt(6.0 / (n + prev)),
                    Math.Sqrt(6.0 / (n + prev)),
                    n,
                    prev
                ),
                _ => rng.Randn(n, prev),
            };
            for (int i = 0; i < values.Length; i++)
            {
                values[i] = scheme switch
                {
                    InitScheme.RandomLarge => values[i] * 10,
                    InitScheme.He => values[i] * Math.Sqrt(2.0 / prev),
                    InitScheme.ScaledByFanIn => values[i] / Math.Sqrt(prev),
                    InitScheme.XavierNormal => values[i] * Math.Sqrt(1.0 / prev),
                    _ => values[i],
                };
            }
            w[l - 1] = np.astype(np.array(values, n, prev), dtype);
            b[l - 1] = np.zeros((n, 1), dtype);
        }
        return (w, b);
    }
}
