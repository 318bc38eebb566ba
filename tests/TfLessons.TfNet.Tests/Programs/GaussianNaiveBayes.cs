using Tensorflow;
using Tensorflow.NumPy;
using static Tensorflow.Binding;

namespace TfNetPrograms;

/// <summary>
/// Gaussian naive Bayes the way TensorFlow.NET's example writes it: per-class moments, tf.distributions.Normal,
/// ops.convert_to_tensor with TF_DataType names, tile/reshape by tensors, and reduce_logsumexp for the posterior.
/// </summary>
public static class GaussianNaiveBayes
{
    public static NDArray Run(NDArray X, NDArray y, NDArray samples)
    {
        var classes = np.unique(y);
        int nb_classes = classes.size, nb_features = X.shape[1];
        int per_class = y.size / nb_classes;
        var points = new float[nb_classes, per_class, nb_features];
        var filled = new int[nb_classes];
        for (int i = 0; i < y.size; i++)
        {
            int c = y[i];
            for (int k = 0; k < nb_features; k++) points[c, filled[c], k] = X[i, k];
            filled[c]++;
        }
        var (mean, variance) = tf.nn.moments(tf.constant(np.array(points)), new[] { 1 });
        var dist = tf.distributions.Normal(mean, tf.sqrt(variance));

        var t1 = ops.convert_to_tensor(samples, TF_DataType.TF_FLOAT);
        var tile = tf.tile(t1, ops.convert_to_tensor(new int[] { 1, nb_classes }));
        var r = tf.reshape(tile, ops.convert_to_tensor(new int[] { -1, nb_classes, nb_features }));
        var cond_probs = tf.reduce_sum(dist.log_prob(r), 2);
        var priors = np.log(np.array<float>(Enumerable.Repeat(1.0f / nb_classes, nb_classes).ToArray()));
        var joint_likelihood = tf.add(ops.convert_to_tensor(priors, TF_DataType.TF_FLOAT), cond_probs);
        var norm_factor = tf.reduce_logsumexp(joint_likelihood, new int[] { 1 }, keepdims: true);
        using var sess = tf.Session();
        NDArray probabilities = sess.run(tf.exp(joint_likelihood - norm_factor));
        print($"classes {classes}, first posterior {probabilities[0]}");
        return probabilities;
    }

    /// <summary>The sample grid over the data's range, from np.meshgrid, amin/amax and Data&lt;T&gt;().</summary>
    public static NDArray Grid(NDArray X, int steps)
    {
        float x_min = X.amin(0).Data<float>()[0] - 0.5f, x_max = X.amax(0).Data<float>()[0] + 0.5f;
        float y_min = X.amin(0).Data<float>()[1] - 0.5f, y_max = X.amax(0).Data<float>()[1] + 0.5f;
        var (xx, yy) = np.meshgrid(np.linspace(x_min, x_max, steps), np.linspace(y_min, y_max, steps));
        return np.stack(new[] { xx.ravel(), yy.ravel() }, axis: 1).astype(np.float32);
    }
}
