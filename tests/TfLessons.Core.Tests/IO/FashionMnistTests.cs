using TfLessons.IO;
using Xunit;

namespace TfLessons.Tests.IO;

public class FashionMnistTests
{
    // Needs Debian's dataset-fashion-mnist (/usr/share/datasets/fashion-mnist) or TFLESSONS_FASHION_MNIST.
    [Fact]
    public void LoadsFromDefaultLocation()
    {
        Assert.NotNull(FashionMnist.FindDirectory());
        FashionMnist d = FashionMnist.Load();
        Assert.Equal(60000, d.TrainCount);
        Assert.Equal(10000, d.TestCount);
        Assert.Equal(28, d.Rows);
        Assert.Equal(28, d.Columns);
        Assert.Equal(60000 * 28 * 28, d.TrainImages.Length);
        Assert.Equal(10000 * 28 * 28, d.TestImages.Length);
        Assert.Equal(0, d.TrainLabels.Min());
        Assert.Equal(9, d.TrainLabels.Max());
        Assert.Equal(0, d.TestLabels.Min());
        Assert.Equal(9, d.TestLabels.Max());

        // Fashion-MNIST is balanced: 6000 / 1000 images per class.
        int[] perClass = new int[10];
        foreach (byte l in d.TrainLabels)
        {
            perClass[l]++;
        }

        Assert.All(perClass, n => Assert.Equal(6000, n));
        Assert.Equal(10, FashionMnist.ClassNames.Count);
    }

    [Fact]
    public void MissingDirectoryIsReported()
    {
        string dir = Path.Combine(Path.GetTempPath(), $"tfl-no-fmnist-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        try
        {
            var ex = Assert.Throws<FileNotFoundException>(() => FashionMnist.Load(dir));
            Assert.Contains("train-images-idx3-ubyte", ex.Message);
        }
        finally
        {
            Directory.Delete(dir);
        }
    }
}
