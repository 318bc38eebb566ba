using TfLessons.IO.Events;

namespace TfLessons.IO.Tests;

public class HistogramTests
{
    [Fact]
    public void DefaultBucketsFollowTensorFlowScheme()
    {
        IReadOnlyList<double> limits = HistogramValue.DefaultBucketLimits;
        int half = limits.Count / 2;
        Assert.Equal(1, limits.Count % 2);
        Assert.Equal(0.0, limits[half]);
        Assert.Equal(1e-12, limits[half + 1]);
        Assert.Equal(1e-12 * 1.1, limits[half + 2]);
        Assert.Equal(double.MaxValue, limits[^1]);
        Assert.Equal(-double.MaxValue, limits[0]);
        Assert.True(limits[^2] < 1e20 && limits[^2] * 1.1 >= 1e20);
        for (int i = 1; i < limits.Count; i++)
        {
            Assert.True(limits[i - 1] < limits[i]);
            Assert.Equal(-limits[half + i % half], limits[half - i % half]);
        }
    }

    [Fact]
    public void ValuesLandInUpperBoundBucketsAndEmptyRunsCollapse()
    {
        IReadOnlyList<double> limits = HistogramValue.DefaultBucketLimits;
        int zero = limits.Count / 2;
        // 0.0 equals limit[zero], so upper_bound puts it in the bucket ending at 1e-12.
        HistogramValue h = HistogramValue.FromValues([0.0, 0.0, 1e-12, -5.0]);
        Assert.Equal(4, h.Num);
        Assert.Equal(-5.0, h.Min);
        Assert.Equal(1e-12, h.Max);
        Assert.Equal(-5.0 + 1e-12, h.Sum);
        Assert.Equal(25.0 + 1e-24, h.SumSquares);

        int negBucket = Enumerable.Range(0, limits.Count).First(i => limits[i] > -5.0);
        double[] expectedLimits =
        [
            limits[negBucket - 1],
            limits[negBucket],
            limits[zero],
            limits[zero + 1],
            limits[zero + 2],
            double.MaxValue,
        ];
        Assert.Equal(expectedLimits, h.BucketLimits);
        Assert.Equal([0.0, 1, 0, 2, 1, 0], h.Buckets);
    }

    [Fact]
    public void EmptyHistogramMatchesTensorFlow()
    {
        HistogramValue h = HistogramValue.FromValues([]);
        Assert.Equal(double.MaxValue, h.Min);
        Assert.Equal(-double.MaxValue, h.Max);
        Assert.Equal([double.MaxValue], h.BucketLimits);
        Assert.Equal([0.0], h.Buckets);
    }
}
