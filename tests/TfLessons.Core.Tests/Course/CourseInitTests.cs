using TfLessons.Course;
using TfLessons.Random;
using TfLessons.Tests.Support;
using static TfLessons.Tests.Support.NumpyReference;

namespace TfLessons.Tests.Course;

/// <summary>Initialisations published in the Initialization notebook (see COURSE.md, Week 1).</summary>
public class CourseInitTests
{
    private static double[] Scaled(double[] v, double s) => v.Select(x => x * s).ToArray();

    [Fact]
    public void HeInitializationMatchesCourse()
    {
        var rng = new RandomState(3);
        double[] w1 = Scaled(rng.Randn(4, 2), Math.Sqrt(2.0 / 2));
        double[] w2 = Scaled(rng.Randn(1, 4), Math.Sqrt(2.0 / 4));

        double[] courseW1 =
        [
            1.78862847,
            0.43650985,
            0.09649747,
            -1.8634927,
            -0.2773882,
            -0.35475898,
            -0.08274148,
            -0.62700068,
        ];
        double[] courseW2 = [-0.03098412, -0.33744411, -0.92904268, 0.62552248];
        AssertClose(courseW1, w1, 1e-8);
        AssertClose(courseW2, w2, 1e-8);

        var he = Root.GetProperty("global").GetProperty("he_2_4_1");
        AssertBitEqual(Doubles(he.GetProperty("W1")), w1, "He W1");
        AssertBitEqual(Doubles(he.GetProperty("W2")), w2, "He W2");
    }

    [Fact]
    public void RandomTimesTenInitializationMatchesCourse()
    {
        var rng = new RandomState(3);
        double[] w1 = Scaled(rng.Randn(2, 3), 10);
        double[] w2 = Scaled(rng.Randn(1, 2), 10);

        AssertClose([17.88628473, 4.36509851, 0.96497468, -18.63492703, -2.77388203, -3.54758979], w1, 1e-8);
        AssertClose([-0.82741481, -6.27000677], w2, 1e-8);

        var r = Root.GetProperty("global").GetProperty("random_3_2_1");
        AssertBitEqual(Doubles(r.GetProperty("W1")), w1, "random W1");
        AssertBitEqual(Doubles(r.GetProperty("W2")), w2, "random W2");
    }

    private static void AssertClose(double[] expected, double[] actual, double tol)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tol, $"[{i}] got {actual[i]:R}, expected {expected[i]}");
        }
    }
}
