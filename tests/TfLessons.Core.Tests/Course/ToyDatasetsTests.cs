using TfLessons.Course;
using TfLessons.Data;
using TfLessons.Random;
using TfLessons.Tests.Support;
using static TfLessons.Tests.Support.NumpyReference;

namespace TfLessons.Tests.Course;

/// <summary>make_moons / make_circles against the CSVs generated with numpy 1.24 + scikit-learn 1.2.</summary>
public class ToyDatasetsTests
{
    [Theory]
    [InlineData("circles_train.csv", 1, 300)]
    [InlineData("circles_test.csv", 2, 100)]
    public void MakeCirclesIsBitIdenticalToCsv(string file, int seed, int n)
    {
        var (x, y) = ToyDatasets.MakeCircles(n, 0.05, 0.8, new RandomState((uint)seed));
        AssertSameAsCsv(file, x, y);
        Assert.Equal(n / 2, y.Count(v => v == 0));
    }

    [Fact]
    public void MakeMoonsIsBitIdenticalToCsv()
    {
        var (x, y) = ToyDatasets.MakeMoons(300, 0.2, new RandomState(3));
        AssertSameAsCsv("moons_train.csv", x, y);
        Assert.Equal(150, y.Count(v => v == 1));
    }

    [Fact]
    public void LinspaceFollowsNumpy()
    {
        Assert.Equal([0.0, 0.25, 0.5, 0.75, 1.0], ToyDatasets.Linspace(0, 1, 5));
        Assert.Equal([0.0, 0.2, 0.4, 0.6000000000000001, 0.8], ToyDatasets.Linspace(0, 1, 5, endpoint: false));
        Assert.Equal([2.0], ToyDatasets.Linspace(2, 3, 1));
        Assert.Empty(ToyDatasets.Linspace(0, 1, 0));
        Assert.Equal(Math.PI, ToyDatasets.Linspace(0, Math.PI, 150)[^1]);
    }

    [Fact]
    public void NumpyTrigMatchesNumpyOnAvx512()
    {
        var trig = Root.GetProperty("trig");
        double[] x = Doubles(trig.GetProperty("x"));
        double[] sin = Doubles(trig.GetProperty("sin"));
        double[] cos = Doubles(trig.GetProperty("cos"));
        int checkedCount = 0;
        for (int i = 0; i < x.Length; i++)
        {
            // Outside SVML's fast path NumpyTrig falls back to libm and is not claimed bit-exact.
            if (Math.Abs(x[i]) > 1.6e7)
            {
                continue;
            }
            AssertBitEqual([sin[i]], [NumpyTrig.Sin(x[i])], $"sin({x[i]:R})");
            AssertBitEqual([cos[i]], [NumpyTrig.Cos(x[i])], $"cos({x[i]:R})");
            checkedCount++;
        }
        Assert.True(checkedCount > 500);
    }

    [Fact]
    public void NullNoiseDrawsOnlyTheShuffle()
    {
        var rng = new RandomState(5);
        var (x, _) = ToyDatasets.MakeMoons(10, null, rng);
        var reference = new RandomState(5);
        reference.Permutation(10);
        Assert.Equal(reference.NextUInt32(), rng.NextUInt32());
        Assert.Contains(1.0, x); // the outer moon's cos(0) survives unperturbed
    }

    private static void AssertSameAsCsv(string file, double[] x, long[] y)
    {
        var (ex, ey, features) = CsvDataset.LoadXY(SharedData.Path("course", "generated", file));
        Assert.Equal(2, features);
        AssertBitEqual(ex, x, file + " X");
        Assert.Equal(ey, y);
    }
}
