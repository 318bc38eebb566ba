using TfLessons.Course;
using TfLessons.Data;
using TfLessons.Examples;
using TfLessons.Examples.Course;
using TfLessons.Layers;
using TfLessons.Random;

namespace TfLessons.Tests.Lessons;

/// <summary>The notebooks' unit-test values (test cases drawn from NumPy seed 1), in float64 to 1e-8.</summary>
public class CourseUnitTests
{
    [Fact]
    public void Initializers_match_the_notebook_matrices()
    {
        var (he, _) = CourseInit.Parameters([2, 4, 1], InitScheme.He);
        Assert.True(
            np.array(
                    new[,]
                    {
                        { 1.78862847, 0.43650985 },
                        { 0.09649747, -1.8634927 },
                        { -0.2773882, -0.35475898 },
                        { -0.08274148, -0.62700068 },
                    }
                )
                .AllClose(he[0], 1e-8, 1e-8)
        );
        Assert.True(
            np.array(
                    new[,]
                    {
                        { -0.03098412, -0.33744411, -0.92904268, 0.62552248 },
                    }
                )
                .AllClose(he[1], 1e-8, 1e-8)
        );
        var (random, b) = CourseInit.Parameters([3, 2, 1], InitScheme.RandomLarge);
        Assert.True(
            np.array(
                    new[,]
                    {
                        { 17.88628473, 4.36509851, 0.96497468 },
                        { -18.63492703, -2.77388203, -3.54758979 },
                    }
                )
                .AllClose(random[0], 1e-8, 1e-8)
        );
        Assert.True(
            np.array(
                    new[,]
                    {
                        { -0.82741481, -6.27000677 },
                    }
                )
                .AllClose(random[1], 1e-8, 1e-8)
        );
        Assert.All(b, bias => Assert.All(bias.ToArray<double>(), v => Assert.Equal(0.0, v)));
    }

    [Fact]
    public void Cost_with_regularization_matches_the_test_case()
    {
        tf.reset_default_graph();
        var rng = new RandomState(1);
        int[][] shapes = [[2, 3], [2, 1], [3, 2], [3, 1], [1, 3], [1, 1]];
        NDArray[] p = shapes.Select(s => np.array(rng.Randn(s), s)).ToArray();
        var a3 = tf.constant(np.array(new[,] { { 0.40682402, 0.01629284, 0.16722898, 0.10118111, 0.40682402 } }));
        var y = tf.constant(np.array(new double[,] { { 1, 1, 0, 1, 0 } }));
        Tensor m = CourseLosses.ColumnCount(y);
        Tensor cost =
            CourseLosses.Mean(CourseLosses.LogLossSum(a3, y, nanSum: true), m)
            + CourseLosses.L2Cost(new[] { p[0], p[2], p[4] }.Select(w => (Tensor)tf.constant(w)), 0.1, m);
        using var s = tf.Session();
        Assert.Equal(1.7864859451590758, (double)s.run(cost), 1e-12);
    }

    [Fact]
    public void Random_mini_batches_have_the_course_shapes_and_sanity_values()
    {
        var rng = new RandomState(1);
        NDArray x = np.array(rng.Randn(12288, 148), 12288, 148);
        int[][] batches = MiniBatches.RandomMiniBatchIndices(148, 64, rng, 0);
        Assert.Equal(new[] { 64, 64, 20 }, batches.Select(b => b.Length));
        NDArray first = CourseData.TakeColumns(x, batches[0]);
        Assert.True(
            np.array(0.90085595, -0.7612069, 0.2344157)
                .AllClose(
                    np.array(new[] { first.GetDouble(0, 0), first.GetDouble(0, 1), first.GetDouble(0, 2) }),
                    1e-7,
                    1e-8
                )
        );
    }

    [Fact]
    public void Dropout_masks_follow_the_course_stream()
    {
        // forward_propagation_with_dropout re-seeds with 1 and draws rand(20, 211) then rand(3, 211); D = rand <
        // keep_prob.
        var masks = RegularizationLesson.DrawMasks(new RandomState(1), [20, 3], 211, 0.86);
        var rng = new RandomState(1);
        double[] d1 = rng.Rand(20, 211);
        Assert.Equal(d1.Select(u => u < 0.86 ? 1.0 : 0.0), masks[0].ToArray<double>());
        Assert.Equal(rng.Rand(3, 211).Select(u => u < 0.86 ? 1.0 : 0.0), masks[1].ToArray<double>());
        double keptFraction = masks[0].ToArray<double>().Average();
        Assert.InRange(keptFraction, 0.82, 0.9);
    }

    [Fact]
    public void Dropout_forward_matches_the_test_case()
    {
        // forward_propagation_with_dropout_test_case: seed 1, X = randn(3, 5), then W1 (2,3), b1, W2 (3,2), b2, W3
        // (1,3), b3; keep_prob 0.7.
        tf.reset_default_graph();
        var rng = new RandomState(1);
        NDArray x = np.array(rng.Randn(3, 5), 3, 5);
        int[][] shapes = [[2, 3], [2, 1], [3, 2], [3, 1], [1, 3], [1, 1]];
        NDArray[] p = shapes.Select(s => np.array(rng.Randn(s), s)).ToArray();
        var model = CourseMlp.Build([p[0], p[2], p[4]], [p[1], p[3], p[5]], new CourseMlpOptions(Dropout: true));
        NDArray[] masks = RegularizationLesson.DrawMasks(new RandomState(1), [2, 3], 5, 0.7);
        using var s = tf.Session();
        s.run(tf.global_variables_initializer());
        var feeds = new FeedDict
        {
            { model.X, x },
            { model.KeepProb!, np.array(0.7) },
            { model.Masks[0], masks[0] },
            { model.Masks[1], masks[1] },
        };
        NDArray a3 = s.run(model.Probabilities, feeds);
        Assert.True(
            np.array(
                    new[,]
                    {
                        { 0.36974721, 0.00305176, 0.04565099, 0.49683389, 0.36974721 },
                    }
                )
                .AllClose(a3, 1e-7, 1e-8),
            a3.ToString()
        );
    }

    [Fact]
    public void Learning_rate_schedules_match_the_2021_functions()
    {
        tf.reset_default_graph();
        var epoch = tf.placeholder(tf.float64, Shape.Scalar);
        using var s = tf.Session();
        Assert.Equal(
            0.16666666666666666,
            (double)s.run(TfLessons.Train.Schedules.InverseTime(0.5, epoch, 1), (epoch, np.array(2.0)))
        );
        Assert.Equal(
            0.5,
            (double)s.run(TfLessons.Train.Schedules.FixedInterval(0.5, epoch, 0.3, 100), (epoch, np.array(10.0)))
        );
        Assert.Equal(
            0.3846153846153846,
            (double)s.run(TfLessons.Train.Schedules.FixedInterval(0.5, epoch, 0.3, 100), (epoch, np.array(100.0)))
        );
        Assert.Equal(
            0.95 * 0.95,
            (double)s.run(TfLessons.Train.Schedules.ExponentialDecay(1, epoch, 1, 0.95), (epoch, np.array(2.0))),
            15
        );
        Assert.Equal(0.5, (double)s.run(TfLessons.Train.Schedules.InverseSqrt(1, epoch), (epoch, np.array(4.0))));
        var pieces = TfLessons.Train.Schedules.PiecewiseConstant(epoch, [10, 20], [1, 0.5, 0.1]);
        Assert.Equal(
            new[] { 1.0, 1.0, 0.5, 0.1 },
            new[] { 0.0, 10, 11, 21 }.Select(e => (double)s.run(pieces, (epoch, np.array(e))))
        );
    }
}
