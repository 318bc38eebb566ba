using TfLessons.Course;
using TfLessons.IO;
using Xunit;

namespace TfLessons.Tests.Course;

public class SignsDatasetTests
{
    private static readonly Lazy<SignsDataset> Data = new(() => SignsDataset.Load(
        SharedData.Path("course", "train_signs_approx_cs230jpeg.h5"),
        SharedData.Path("course", "test_signs.h5")));

    [Fact]
    public void ShapesAsInTheCourse()
    {
        SignsDataset d = Data.Value;
        Assert.Equal(1080, d.Train.Count);
        Assert.Equal(120, d.Test.Count);
        Assert.Equal(12288, d.Train.Features);
        Assert.Equal(12288L * 1080, d.Train.X.LongLength);
        Assert.Equal(6L * 1080, d.Train.Y.LongLength);
        Assert.Equal(12288L * 120, d.Test.X.LongLength);
        Assert.Equal(6L * 120, d.Test.Y.LongLength);
        Assert.Equal([0L, 1, 2, 3, 4, 5], d.Classes);
        Assert.Equal(5L, d.Train.Labels[0]); // "y = 5" for training example 0
    }

    [Fact]
    public void XIsFlattenedTransposedOver255()
    {
        SignsSplit test = Data.Value.Test;
        int m = test.Count;
        // Example 0, pixel (0,0): features 0..2 = [231, 224, 216] / 255.
        Assert.Equal((float)(231 / 255.0), test.X[(0 * m) + 0]);
        Assert.Equal((float)(224 / 255.0), test.X[(1 * m) + 0]);
        Assert.Equal((float)(216 / 255.0), test.X[(2 * m) + 0]);
        // Last example, last pixel: [204, 191, 175].
        Assert.Equal((float)(175 / 255.0), test.X[((12288L - 1) * m) + (m - 1)]);
        // Train example 0 pixel (0,0) is [224 221 216] (h5py).
        SignsSplit train = Data.Value.Train;
        Assert.Equal((float)(221 / 255.0), train.X[(1L * train.Count) + 0]);
        // Any element: X[f, i] == images[i, f] / 255.
        Assert.Equal((float)(test.Images[(37 * 12288) + 5000] / 255.0), test.X[(5000L * m) + 37]);
    }

    [Fact]
    public void YIsOneHotOfTheLabels()
    {
        SignsSplit test = Data.Value.Test;
        int m = test.Count;
        long[] first = [0, 0, 0, 5, 1, 0, 3, 1, 5, 1];
        Assert.Equal(first, test.Labels[..10]);
        for (int i = 0; i < m; i++)
        {
            for (int c = 0; c < 6; c++)
            {
                Assert.Equal(test.Labels[i] == c ? 1f : 0f, test.Y[(c * m) + i]);
            }
        }

        int[] perClass = new int[6];
        foreach (long l in Data.Value.Train.Labels)
        {
            perClass[l]++;
        }

        Assert.All(perClass, n => Assert.Equal(180, n));
    }

    [Fact]
    public void MissingTrainFileIsReported()
    {
        var ex = Assert.Throws<FileNotFoundException>(() => SignsDataset.Load(
            SharedData.Path("course", "train_signs.h5"), SharedData.Path("course", "test_signs.h5")));
        Assert.Contains("train_signs.h5", ex.Message);
    }
}
