using TfLessons.Data;
using TfLessons.IO;
using TfLessons.Random;

namespace TfLessons.Course;

/// <summary>The course's small data sets, as (X [2, m], Y [1, m]) float64 arrays.</summary>
public static class CourseData
{
    /// <summary>init_utils.load_dataset: seed 1, make_circles(300, noise .05) to train; seed 2, make_circles(100) to
    /// test.</summary>
    public static (NDArray TrainX, NDArray TrainY, NDArray TestX, NDArray TestY) Circles()
    {
        var (trainX, trainY) = ToyDatasets.MakeCircles(300, 0.05, 0.8, new RandomState(1));
        var (testX, testY) = ToyDatasets.MakeCircles(100, 0.05, 0.8, new RandomState(2));
        return (Columns(trainX, 300), Labels(trainY), Columns(testX, 100), Labels(testY));
    }

    /// <summary>opt_utils.load_dataset: seed 3, make_moons(300, noise .2).</summary>
    public static (NDArray X, NDArray Y) Moons()
    {
        var (x, y) = ToyDatasets.MakeMoons(300, 0.2, new RandomState(3));
        return (Columns(x, 300), Labels(y));
    }

    /// <summary>reg_utils.load_2D_dataset: data.mat's X/y (train, 211) and Xval/yval (test, 200), transposed.</summary>
    public static (NDArray TrainX, NDArray TrainY, NDArray TestX, NDArray TestY) Football(string? path = null)
    {
        path ??= SharedData.Path("course", "data.mat");
        var mat = MatFile.Read(path);
        NDArray Get(string name)
        {
            if (!mat.TryGetValue(name, out MatArray? a))
                throw new InvalidDataException($"{path}: no variable '{name}' (has {string.Join(", ", mat.Keys)})");
            return np.transpose(np.array(a.ToDoubleRowMajor(), a.Shape));
        }
        return (Get("X"), Get("y"), Get("Xval"), Get("yval"));
    }

    private static NDArray Columns(double[] rowsByTwo, int m) => np.transpose(np.array(rowsByTwo, m, 2));

    private static NDArray Labels(long[] y) => np.array(y.Select(v => (double)v).ToArray(), 1, y.Length);

    /// <summary>Columns of X (and Y) selected by index, as random_mini_batches slices them.</summary>
    public static NDArray TakeColumns(NDArray a, ReadOnlySpan<int> columns)
    {
        int rows = a.ShapeSpan[0], m = a.ShapeSpan[1];
        var dst = new double[rows * columns.Length];
        ReadOnlySpan<double> src = a.AsSpan<double>();
        for (int r = 0; r < rows; r++)
            for (int j = 0; j < columns.Length; j++) dst[r * columns.Length + j] = src[r * m + columns[j]];
        return np.wrap(dst, rows, columns.Length);
    }
}
