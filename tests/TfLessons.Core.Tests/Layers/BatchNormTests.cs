using TfLessons.Random;

namespace TfLessons.Tests.Layers;

public class BatchNormTests
{
    private static NDArray Gaussian(RandomState rng, int m, int n, double[] mean, double[] std)
    {
        double[] z = rng.Randn(m, n);
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++) z[i * n + j] = mean[j] + std[j] * z[i * n + j];
        return np.array(z, m, n);
    }

    [Fact]
    public void Inference_uses_the_moving_statistics_formula()
    {
        tf.reset_default_graph();
        var x = tf.placeholder(tf.float64, new Shape(-1, 3));
        var training = tf.placeholder(tf.@bool, Shape.Scalar, "is_training");
        var y = tf.layers.batch_normalization(x, training, epsilon: 1e-3);
        using var s = tf.Session();
        s.run(tf.global_variables_initializer());
        var vars = tf.global_variables().ToDictionary(v => v.OpName);
        vars["batch_normalization/moving_mean"].load(np.array(1.0, -2.0, 0.5), s);
        vars["batch_normalization/moving_variance"].load(np.array(4.0, 0.25, 1.0), s);
        vars["batch_normalization/gamma"].load(np.array(2.0, 1.0, 0.5), s);
        vars["batch_normalization/beta"].load(np.array(0.1, 0.2, 0.3), s);
        NDArray input = np.array(new double[,] { { 3, -1, 0.5 }, { 1, -2, 2 } });
        NDArray output = s.run(y, (x, input), (training, np.array(false)));
        double[] mean = [1, -2, 0.5], variance = [4, 0.25, 1], gamma = [2, 1, 0.5], beta = [0.1, 0.2, 0.3];
        for (int i = 0; i < 2; i++)
            for (int j = 0; j < 3; j++)
                Assert.Equal(
                    (input.GetDouble(i, j) - mean[j]) / Math.Sqrt(variance[j] + 1e-3) * gamma[j] + beta[j],
                    output.GetDouble(i, j),
                    12
                );
    }

    [Fact]
    public void Moving_averages_converge_to_the_population_statistics_through_the_train_op()
    {
        tf.reset_default_graph();
        var x = tf.placeholder(tf.float64, new Shape(-1, 2));
        var training = tf.placeholder(tf.@bool, Shape.Scalar);
        var y = tf.layers.batch_normalization(x, training, momentum: 0.9);
        var loss = tf.reduce_mean(tf.square(tf.layers.dense(y, 1)));
        var train = tf.train.GradientDescentOptimizer(0.01).minimize(loss);
        using var s = tf.Session();
        s.run(tf.global_variables_initializer());
        var rng = new RandomState(0);
        for (int step = 0; step < 300; step++)
            s.run(train, (x, Gaussian(rng, 256, 2, [5, -3], [2, 0.5])), (training, np.array(true)));
        var vars = tf.global_variables().ToDictionary(v => v.OpName);
        double[] movingMean = s.run(vars["batch_normalization/moving_mean"]).ToArray<double>();
        double[] movingVar = s.run(vars["batch_normalization/moving_variance"]).ToArray<double>();
        Assert.Equal(5, movingMean[0], 0.15);
        Assert.Equal(-3, movingMean[1], 0.05);
        Assert.Equal(4, movingVar[0], 0.4);
        Assert.Equal(0.25, movingVar[1], 0.03);
        // An inference step leaves the moving averages alone.
        s.run(y, (x, Gaussian(rng, 16, 2, [100, 100], [1, 1])), (training, np.array(false)));
        Assert.Equal(movingMean, s.run(vars["batch_normalization/moving_mean"]).ToArray<double>());
    }

    [Fact]
    public void Unfed_training_flag_is_a_clear_error()
    {
        tf.reset_default_graph();
        var x = tf.placeholder(tf.float32, new Shape(-1, 4));
        var training = tf.placeholder(tf.@bool, Shape.Scalar, "is_training");
        var y = tf.layers.batch_normalization(x, training);
        using var s = tf.Session();
        s.run(tf.global_variables_initializer());
        var e = Assert.Throws<InvalidArgumentError>(() => s.run(y, (x, np.zeros((2, 4), np.float32))));
        Assert.Contains("'is_training'", e.Message);
        Assert.Contains("batch-norm training flag", e.Message);
    }

    [Fact]
    public void Training_mode_gradient_matches_central_differences()
    {
        tf.reset_default_graph();
        var rng = new RandomState(3);
        var x = tf.Variable(np.array(rng.Randn(5, 3), 5, 3), name: "x");
        var y = tf.layers.batch_normalization(x, tf.constant(true), axis: 1);
        var weights = tf.constant(np.array(rng.Randn(5, 3), 5, 3));
        var loss = tf.reduce_sum(tf.square(y * weights + 0.3));
        using var s = tf.Session();
        s.run(tf.global_variables_initializer());
        var vars = tf.global_variables().Where(v => v.Trainable).ToList();
        var gammaVar = vars.Single(v => v.OpName.EndsWith("gamma"));
        gammaVar.load(np.array(1.5, 0.7, -1.1), s);
        var check = TfLessons.Train.GradientCheck.Run(s, loss, vars, epsilon: 1e-6);
        Assert.True(
            check.Difference < 1e-7,
            $"batch-norm gradient difference {check.Difference}: {string.Join("; ", check.Worst)}"
        );
    }

    [Fact]
    public void Features_first_layout_normalizes_each_row()
    {
        tf.reset_default_graph();
        var x = tf.placeholder(tf.float64, new Shape(2, -1));
        var y = tf.layers.batch_normalization(x, tf.constant(true), axis: 0, epsilon: 0);
        using var s = tf.Session();
        s.run(tf.global_variables_initializer());
        NDArray output = s.run(y, (x, np.array(new double[,] { { 1, 2, 3, 4 }, { 10, 10, 20, 20 } })));
        for (int row = 0; row < 2; row++)
        {
            double[] r = Enumerable.Range(0, 4).Select(j => output.GetDouble(row, j)).ToArray();
            Assert.Equal(0, r.Average(), 12);
            Assert.Equal(1, r.Select(v => v * v).Average(), 12);
        }
    }
}
