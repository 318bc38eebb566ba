using TfLessons.Course;
using TfLessons.Random;
using TfLessons.Train;

namespace TfLessons.Tests.Runtime;

/// <summary>One optimizer step against the course's published unit-test values (v1 test cases: seed 1, all randn).</summary>
public class OptimizerTests
{
    private static (Variable[] Vars, Tensor[] Grads) CourseCase()
    {
        tf.reset_default_graph();
        var rng = new RandomState(1);
        int[][] shapes = [[2, 3], [2, 1], [3, 3], [3, 1]];
        var vars = new Variable[4];
        for (int i = 0; i < 4; i++) vars[i] = tf.Variable(np.array(rng.Randn(shapes[i]), shapes[i]), name: new[] { "W1", "b1", "W2", "b2" }[i]);
        var grads = shapes.Select(s => (Tensor)tf.constant(np.array(rng.Randn(s), s))).ToArray();
        return (vars, grads);
    }

    private static void AssertClose(double[,] expected, NDArray actual) =>
        Assert.True(np.array(expected).AllClose(actual, 1e-7, 1e-8), $"expected {np.array(expected)}\nactual {actual}");

    [Fact]
    public void Gradient_descent_matches_the_course()
    {
        var (vars, grads) = CourseCase();
        var train = tf.train.GradientDescentOptimizer(0.01).apply_gradients(grads.Zip(vars, (g, v) => ((Tensor?)g, v)));
        using var s = tf.Session();
        s.run(tf.global_variables_initializer());
        s.run(train);
        AssertClose(new[,] { { 1.63535156, -0.62320365, -0.53718766 }, { -1.07799357, 0.85639907, -2.29470142 } }, s.run(vars[0]));
        AssertClose(new[,] { { -0.88020257 }, { 0.02561572 }, { 0.57539477 } }, s.run(vars[3]));
    }

    [Fact]
    public void Course_momentum_matches_the_course()
    {
        var (vars, grads) = CourseCase();
        var opt = new CourseMomentumOptimizer(0.01, 0.9);
        var train = opt.apply_gradients(grads.Zip(vars, (g, v) => ((Tensor?)g, v)));
        using var s = tf.Session();
        s.run(tf.global_variables_initializer());
        s.run(train);
        AssertClose(new[,] { { 1.62544598, -0.61290114, -0.52907334 }, { -1.07347112, 0.86450677, -2.30085497 } }, s.run(vars[0]));
        AssertClose(new[,] { { -0.11006192, 0.11447237, 0.09015907 }, { 0.05024943, 0.09008559, -0.06837279 } }, s.run(opt.get_slot(vars[0], "momentum")));
        AssertClose(new[,] { { 0.02344157 }, { 0.16598022 }, { 0.07420442 } }, s.run(opt.get_slot(vars[3], "momentum")));
        Assert.Equal("W1/Momentum", opt.get_slot(vars[0], "momentum").OpName);
    }

    [Fact]
    public void Course_adam_at_step_two_matches_the_course()
    {
        var (vars, grads) = CourseCase();
        var opt = new CourseAdamOptimizer(0.01);
        var train = opt.apply_gradients(grads.Zip(vars, (g, v) => ((Tensor?)g, v)));
        using var s = tf.Session();
        s.run(tf.global_variables_initializer());
        opt.variables().Single(v => v.OpName == "adam_t").load(np.array(2.0), s);
        s.run(train);
        AssertClose(new[,] { { 1.63178673, -0.61919778, -0.53561312 }, { -1.08040999, 0.85796626, -2.29409733 } }, s.run(vars[0]));
        AssertClose(new[,] { { -0.88529978 }, { 0.03477238 }, { 0.57537385 } }, s.run(vars[3]));
        AssertClose(new[,] { { 0.00121136, 0.00131039, 0.00081287 }, { 0.0002525, 0.00081154, 0.00046748 } }, s.run(opt.get_slot(vars[0], "v")));
        Assert.Equal(3.0, (double)s.run(opt.variables().Single(v => v.OpName == "adam_t")));
    }

    [Fact]
    public void Tensorflow_adam_matches_its_formula_and_names_its_slots()
    {
        tf.reset_default_graph();
        var w = tf.Variable(np.array(1.0, -2.0), name: "w");
        var loss = tf.reduce_sum(tf.square(w));
        var opt = tf.train.AdamOptimizer(0.1);
        var train = opt.minimize(loss);
        using var s = tf.Session();
        s.run(tf.global_variables_initializer());
        s.run(train);
        s.run(train);
        // Two steps by hand with TensorFlow's update (lr_t folds in the bias correction).
        double[] x = [1.0, -2.0], m = new double[2], v = new double[2];
        double b1p = 0.9, b2p = 0.999;
        for (int step = 0; step < 2; step++)
        {
            double lrT = 0.1 * Math.Sqrt(1 - b2p) / (1 - b1p);
            for (int i = 0; i < 2; i++)
            {
                double g = 2 * x[i];
                m[i] += (g - m[i]) * (1 - 0.9);
                v[i] += (g * g - v[i]) * (1 - 0.999);
                x[i] -= lrT * m[i] / (Math.Sqrt(v[i]) + 1e-8);
            }
            b1p *= 0.9;
            b2p *= 0.999;
        }
        Assert.Equal(x, s.run(w).ToArray<double>());
        Assert.Equal(new[] { "beta1_power", "beta2_power", "w/Adam", "w/Adam_1" }, opt.variables().Select(o => o.OpName).ToArray());
        Assert.Equal(0.9 * 0.9 * 0.9, (double)s.run(opt.variables()[0]), 15);
    }

    [Fact]
    public void Momentum_and_rmsprop_follow_tensorflow_formulas()
    {
        tf.reset_default_graph();
        var w = tf.Variable(np.array(3.0), name: "w");
        var loss = tf.square(w);
        var momentum = tf.train.MomentumOptimizer(0.1, 0.9).minimize(loss);
        using var s = tf.Session();
        s.run(tf.global_variables_initializer());
        s.run(momentum);
        s.run(momentum);
        double x = 3, accum = 0;
        for (int i = 0; i < 2; i++) { accum = accum * 0.9 + 2 * x; x -= accum * 0.1; }
        Assert.Equal(x, (double)s.run(w));

        tf.reset_default_graph();
        w = tf.Variable(np.array(3.0), name: "w");
        var rms = tf.train.RMSPropOptimizer(0.01).minimize(tf.square(w));
        using var s2 = tf.Session();
        s2.run(tf.global_variables_initializer());
        s2.run(rms);
        double ms = 1 + (36 - 1) * (1 - 0.9);
        Assert.Equal(3 - 0.01 * 6 / Math.Sqrt(ms + 1e-10), (double)s2.run(w), 14);
    }

    [Fact]
    public void Global_step_is_incremented_after_the_update()
    {
        tf.reset_default_graph();
        var step = tf.Variable(np.array(0L), name: "global_step", trainable: false);
        var w = tf.Variable(np.array(1.0), name: "w");
        var train = tf.train.GradientDescentOptimizer(0.5).minimize(tf.square(w), global_step: step);
        using var s = tf.Session();
        s.run(tf.global_variables_initializer());
        s.run(train);
        s.run(train);
        Assert.Equal(2L, (long)s.run(step));
        Assert.Equal(0.0, (double)s.run(w));
    }
}
