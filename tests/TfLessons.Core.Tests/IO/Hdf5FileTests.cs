using TfLessons.IO;
using Xunit;

namespace TfLessons.Tests.IO;

public class Hdf5FileTests
{
    private static string Fixture => Path.Combine(AppContext.BaseDirectory, "Fixtures", "mixed.h5");

    private static string TestSigns => SharedData.Path("course", "test_signs.h5");

    [Fact]
    public void TestSignsMatchesCourseDescription()
    {
        using Hdf5File f = Hdf5File.OpenRead(TestSigns);
        Assert.Equal(["list_classes", "test_set_x", "test_set_y"], f.DatasetNames());

        Hdf5DatasetInfo x = f.GetInfo("test_set_x");
        Assert.Equal([120L, 64, 64, 3], x.Shape);
        Assert.Equal(Hdf5ElementType.UInt8, x.ElementType);
        Assert.Equal(Hdf5ElementType.Int64, f.GetInfo("test_set_y").ElementType);

        Hdf5Array<byte> images = f.ReadUInt8("test_set_x");
        Assert.Equal(120 * 64 * 64 * 3, images.Data.Length);
        Assert.Equal([231, 224, 216], images.Data[..3]);
        Assert.Equal(3, images.Data.Min());
        Assert.Equal(241, images.Data.Max());
        // Reference values from h5py 3.7: sum of all pixels, and x[119, 63, 63, :].
        Assert.Equal(268289681L, images.Data.Sum(b => (long)b));
        Assert.Equal([204, 191, 175], images.Data[^3..]);

        Assert.Equal([0L, 0, 0, 5, 1, 0, 3, 1, 5, 1], f.ReadInt64("test_set_y").Data[..10]);
        Assert.Equal([0L, 1, 2, 3, 4, 5], f.ReadInt64("list_classes").Data);
    }

    [Fact]
    public void ExactConversionsAreMade()
    {
        using Hdf5File f = Hdf5File.OpenRead(TestSigns);
        Hdf5Array<double> asDouble = f.ReadFloat64("test_set_x");
        Assert.Equal([231.0, 224, 216], asDouble.Data[..3]);
        Hdf5Array<float> px = f.ReadFloat32("test_set_x");
        Assert.Equal([231f, 224f, 216f], px.Data[..3]);
        Assert.Equal([120L, 64, 64, 3], px.Shape);
    }

    [Fact]
    public void FixtureTypesShapesAndGroups()
    {
        using Hdf5File f = Hdf5File.OpenRead(Fixture);
        Assert.Equal(
            ["bytes", "doubles", "empty", "g/floats", "g/sub/ints", "g/uint16s", "scalar", "strings"],
            f.DatasetNames());
        Assert.True(f.ContainsDataset("g/sub/ints"));
        Assert.False(f.ContainsDataset("g/sub"));
        Assert.False(f.ContainsDataset("nope/ints"));

        Assert.Equal([1.5, -2.25, 3.0, 4.0, 5.5, -6.75], f.ReadFloat64("doubles").Data);
        Assert.Equal([2L, 3], f.GetInfo("doubles").Shape);
        Assert.Equal([0f, 0.25f, 0.5f, 0.75f, 1f, 1.25f], f.ReadFloat32("g/floats").Data);
        Assert.Equal([-3L, 300, 70000, -1], f.ReadInt64("g/sub/ints").Data);
        Assert.Equal(Hdf5ElementType.Int32, f.GetInfo("g/sub/ints").ElementType);
        Assert.Equal(Hdf5ElementType.UInt16, f.GetInfo("g/uint16s").ElementType);
        Assert.Equal([1, 65535], f.ReadInt32("g/uint16s").Data);
        Assert.Equal([0.0, 1, 127, 128, 255], f.ReadFloat64("bytes").Data);

        Hdf5Array<long> scalar = f.ReadInt64("scalar");
        Assert.Empty(scalar.Shape);
        Assert.Equal([-42L], scalar.Data);

        Hdf5Array<float> empty = f.ReadFloat32("empty");
        Assert.Equal([0L, 4], empty.Shape);
        Assert.Empty(empty.Data);
    }

    [Fact]
    public void ConversionsThatCouldChangeValuesAreRefused()
    {
        using Hdf5File f = Hdf5File.OpenRead(Fixture);
        // libhdf5 saturated: [0, 255, 255, 0]
        var narrowing = Assert.Throws<Hdf5Exception>(() => f.ReadUInt8("g/sub/ints"));
        Assert.Equal("dtype", narrowing.Field);
        Assert.Contains("int32", narrowing.Message);
        Assert.Contains("uint8", narrowing.Message);

        using Hdf5File signs = Hdf5File.OpenRead(TestSigns);
        var toFloat = Assert.Throws<Hdf5Exception>(() => signs.ReadFloat64("test_set_y"));
        Assert.Equal("test_set_y", toFloat.Dataset);
        Assert.Contains("int64", toFloat.Message);
        Assert.Contains("float64", toFloat.Message);
        Assert.Throws<Hdf5Exception>(() => signs.ReadFloat32("list_classes"));
        Assert.Throws<Hdf5Exception>(() => f.ReadInt64("doubles"));
    }

    [Fact]
    public void NonNumericDatasetGivesClearError()
    {
        using Hdf5File f = Hdf5File.OpenRead(Fixture);
        var ex = Assert.Throws<Hdf5Exception>(() => f.ReadFloat32("strings"));
        Assert.Contains("strings", ex.Message);
        Assert.Contains("mixed.h5", ex.Message);
        Assert.Contains("STRING", ex.Message);
        Assert.Contains("float32", ex.Message);
    }

    [Fact]
    public void MissingDatasetNamesFileAndDataset()
    {
        using Hdf5File f = Hdf5File.OpenRead(TestSigns);
        var ex = Assert.Throws<Hdf5Exception>(() => f.ReadUInt8("train_set_x"));
        Assert.Contains("'train_set_x'", ex.Message);
        Assert.Contains("test_signs.h5", ex.Message);
        Assert.Contains("test_set_x", ex.Message); // lists what is there
        Assert.Throws<Hdf5Exception>(() => f.GetInfo("a/b/c"));
    }

    [Fact]
    public void GroupIsNotADataset()
    {
        using Hdf5File f = Hdf5File.OpenRead(Fixture);
        var ex = Assert.Throws<Hdf5Exception>(() => f.ReadFloat32("g"));
        Assert.Contains("not a dataset", ex.Message);
    }

    [Fact]
    public void MissingFileNamesThePath()
    {
        string path = Path.Combine(Path.GetTempPath(), "no-such-dir-tfl", "missing.h5");
        var ex = Assert.Throws<FileNotFoundException>(() => Hdf5File.OpenRead(path));
        Assert.Contains(path, ex.Message);
    }

    [Fact]
    public void NonHdf5FileIsRejected()
    {
        string path = Path.Combine(Path.GetTempPath(), $"tfl-not-hdf5-{Guid.NewGuid():N}.h5");
        File.WriteAllText(path, "definitely not HDF5 content, just text");
        try
        {
            var ex = Assert.Throws<Hdf5Exception>(() => Hdf5File.OpenRead(path));
            Assert.Contains(path, ex.Message);
            Assert.Contains("not an HDF5 file", ex.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void DisposedFileThrows()
    {
        Hdf5File f = Hdf5File.OpenRead(Fixture);
        f.Dispose();
        f.Dispose();
        Assert.Throws<ObjectDisposedException>(() => f.DatasetNames());
    }
}
