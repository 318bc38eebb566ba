using TfLessons.Course;
using TfLessons.Data;
using TfLessons.Random;
using static TfLessons.Tests.Support.NumpyReference;

namespace TfLessons.Tests.Data;

/// <summary>random_mini_batches partitions (COURSE.md, Week 2).</summary>
public class MiniBatchesTests
{
    [Fact]
    public void CourseTestCaseHas64_64_20AndTheSameIndices()
    {
        var rng = new RandomState(1);
        // Course: X = randn(12288, 148) with seed 1, then random_mini_batches(X, Y, 64, seed=0).
        double[] x = rng.Randn(12288, 148);
        int[][] batches = MiniBatches.RandomMiniBatchIndices(148, 64, rng, seed: 0);

        Assert.Equal([64, 64, 20], batches.Select(b => b.Length));
        long[] perm = Longs(Root.GetProperty("global").GetProperty("permutation148_seed0"));
        Assert.Equal(perm, batches.SelectMany(b => b).Select(i => (long)i));

        // Published sanity check: mini_batches[0][0][0][0:3] = X[0, perm[0:3]].
        double[] expected = [0.90085595, -0.7612069, 0.2344157];
        for (int k = 0; k < 3; k++)
        {
            Assert.True(Math.Abs(expected[k] - x[batches[0][k]]) <= 1e-8, $"element {k}: {x[batches[0][k]]:R}");
        }
    }

    [Fact]
    public void OptimizationLabSizes()
    {
        int[][] batches = MiniBatches.RandomMiniBatchIndices(300, 64, new RandomState(0), seed: 11);
        Assert.Equal([64, 64, 64, 64, 44], batches.Select(b => b.Length));
    }

    [Fact]
    public void ExactMultipleHasNoEmptyBatch()
    {
        int[][] batches = MiniBatches.RandomMiniBatchIndices(128, 64, new RandomState(2));
        Assert.Equal([64, 64], batches.Select(b => b.Length));
        Assert.Equal(Enumerable.Range(0, 128), batches.SelectMany(b => b).Order());
    }
}
