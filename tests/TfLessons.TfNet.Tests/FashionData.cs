using TfLessons.Course;
using TfLessons.Data;
using TfLessons.IO;

namespace TfLessons.TfNet.Tests;

/// <summary>The programs' data, prepared the way TensorFlow.NET's examples prepare theirs before the graph code
/// runs.</summary>
internal static class FashionData
{
    /// <summary>The first <paramref name="train"/> and <paramref name="test"/> Fashion-MNIST images, scaled to [0, 1],
    /// with one-hot labels.</summary>
    public static (NDArray TrainX, NDArray TrainY, NDArray TestX, NDArray TestY) Load(int train, int test)
    {
        FashionMnist data = FashionMnist.Load();
        return (
            Images(data.TrainImages, train),
            OneHot(data.TrainLabels, train),
            Images(data.TestImages, test),
            OneHot(data.TestLabels, test)
        );
    }

    /// <summary>make_moons with noise 0.2 (NumPy seed 3): points (m, 2) and labels (m, 1), float32.</summary>
    public static (NDArray X, NDArray Y) Moons(int m)
    {
        var (x, y) = ToyDatasets.MakeMoons(m, 0.2, new Random.RandomState(3));
        return (
            np.array(x.Select(v => (float)v).ToArray()).reshape(m, 2),
            np.array(y.Select(v => (float)v).ToArray()).reshape(m, 1)
        );
    }

    private static NDArray Images(byte[] pixels, int count) =>
        np.array(pixels.Take(count * 784).Select(p => p / 255f).ToArray()).reshape(count, 784);

    private static NDArray OneHot(byte[] labels, int count)
    {
        var hot = new float[count * 10];
        for (int i = 0; i < count; i++) hot[i * 10 + labels[i]] = 1;
        return np.array(hot).reshape(count, 10);
    }
}
