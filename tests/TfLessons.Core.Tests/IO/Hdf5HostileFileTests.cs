using System.Buffers.Binary;
using TfLessons.Course;

namespace TfLessons.Tests.IO;

/// <summary>The validating HDF5 reader against files built to break it: each gives a clear Hdf5Exception.</summary>
public sealed class Hdf5HostileFileTests(Hdf5HostileFiles files) : IClassFixture<Hdf5HostileFiles>
{
    // test_signs.h5 keeps all metadata in its first 2144 bytes (test_set_x's data starts there, per h5py).
    private const int SignsMetadataEnd = 2144;
    private const long AllocationBudget = 64L << 20;

    [Fact]
    public void UnwrittenHugeDatasetIsRefusedWithoutAllocating()
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        var ex = Assert.Throws<Hdf5Exception>(() => SignsDataset.Load(files.Unwritten, Hdf5HostileFiles.TestSigns));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.True(allocated < AllocationBudget, $"allocated {allocated} bytes");
        Assert.Equal(files.Unwritten, ex.FilePath);
        Assert.Equal("train_set_x", ex.Dataset);
        Assert.Equal("storage", ex.Field);
        Assert.Contains("never written", ex.Message);
        Assert.Contains("100000, 64, 64, 3", ex.Message);
        Assert.True(new FileInfo(files.Unwritten).Length < 10_000);
    }

    [Theory]
    [InlineData("plain", "file can hold")]
    [InlineData("deflated", "even deflated")]
    public void UnwrittenChunkedDatasetIsRefusedWithoutAllocating(string name, string reason)
    {
        using Hdf5File f = Hdf5File.OpenRead(files.Chunked);
        long before = GC.GetAllocatedBytesForCurrentThread();
        var ex = Assert.Throws<Hdf5Exception>(() => f.ReadUInt8(name));
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < AllocationBudget);
        Assert.Equal("storage", ex.Field);
        Assert.Contains(reason, ex.Message);
    }

    [Fact]
    public void ChunkedDeflatedDataAndCompactDataRead()
    {
        using Hdf5File chunked = Hdf5File.OpenRead(files.Chunked);
        Hdf5Array<float> small = chunked.ReadFloat32("small");
        Assert.Equal([10L, 100], small.Shape);
        Assert.Equal(Enumerable.Range(0, 1000).Select(i => (float)i), small.Data);

        var lzf = Assert.Throws<Hdf5Exception>(() => chunked.ReadInt32("lzf"));
        Assert.Equal("filters", lzf.Field);
        Assert.Contains("32000", lzf.Message);

        using Hdf5File types = Hdf5File.OpenRead(files.Types);
        Assert.Equal([-2, -1, 0, 7], types.ReadInt32("compact").Data);
    }

    [Fact]
    public void WrappingShapeProductIsRefused()
    {
        // 120 * 64 * 64 * (2^62 + 3) wraps to 120 * 64 * 64 * 3 = 1,474,560, the real storage size.
        string path = PatchLastDimension("wrapping.h5", 4611686018427387907);
        using Hdf5File f = Hdf5File.OpenRead(path);
        var ex = Assert.Throws<Hdf5Exception>(() => f.ReadUInt8("test_set_x"));
        Assert.Equal("shape", ex.Field);
        Assert.Contains("4611686018427387907", ex.Message);
        Assert.Contains("64 bits", ex.Message);
        Assert.Throws<Hdf5Exception>(() => f.GetInfo("test_set_x"));
    }

    [Fact]
    public void ShapeProductPastInt64IsRefused()
    {
        // Unchecked, 120 * 64 * 64 * 2^60 goes negative.
        string path = PatchLastDimension("negative.h5", 1L << 60);
        using Hdf5File f = Hdf5File.OpenRead(path);
        var ex = Assert.Throws<Hdf5Exception>(() => f.ReadUInt8("test_set_x"));
        Assert.Equal("shape", ex.Field);
        Assert.Equal(path, ex.FilePath);
    }

    [Fact]
    public void ShapeLargerThanStorageIsRefused()
    {
        // (120, 64, 64, 5): fits in 64 bits and in an array, but the storage holds (120, 64, 64, 3).
        string path = PatchLastDimension("larger.h5", 5);
        using Hdf5File f = Hdf5File.OpenRead(path);
        var ex = Assert.Throws<Hdf5Exception>(() => f.ReadUInt8("test_set_x"));
        Assert.Equal("storage", ex.Field);
        Assert.Contains("2457600 bytes", ex.Message);
        Assert.Contains("1474560 bytes", ex.Message);
    }

    [Fact]
    public void OneByteIntegerClaimingHugePrecisionIsRefused()
    {
        // test_set_x's datatype message: fixed-point v1, unsigned, size 1, bit offset 0, precision 8 -> 32768.
        string path = files.PatchedSigns("precision.h5", bytes =>
        {
            int at = Hdf5HostileFiles
                .FindAll(bytes, [0x10, 0, 0, 0, 1, 0, 0, 0, 0, 0, 8, 0], SignsMetadataEnd)
                .Single();
            BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(at + 10), 32768);
        });
        using Hdf5File f = Hdf5File.OpenRead(path);
        var ex = Assert.Throws<Hdf5Exception>(() => f.ReadUInt8("test_set_x"));
        Assert.Equal("dtype", ex.Field);
        Assert.Contains("32768 bits of precision", ex.Message);
        Assert.Equal([0L, 0, 0, 5, 1], f.ReadInt64("test_set_y").Data[..5]); // the rest of the file still reads
    }

    [Fact]
    public void Int64ReadAsFloatIsRefusedAndReadsExactlyAsInt64()
    {
        using Hdf5File f = Hdf5File.OpenRead(files.Types);
        var ex = Assert.Throws<Hdf5Exception>(() => f.ReadFloat64("int64"));
        Assert.Equal("dtype", ex.Field);
        Assert.Contains("int64", ex.Message);
        Assert.Throws<Hdf5Exception>(() => f.ReadFloat32("int64"));
        Assert.Equal([(1L << 53) + 1, -1], f.ReadInt64("int64").Data); // 2^53 + 1 has no float64
        Assert.Throws<Hdf5Exception>(() => f.ReadInt64("uint64"));
    }

    [Theory]
    [InlineData("be_int32", "byte order BigEndian")]
    [InlineData("be_float64", "byte order BigEndian")]
    [InlineData("half", "2-byte")]
    public void UnsupportedNumericTypesAreRefused(string name, string reason)
    {
        using Hdf5File f = Hdf5File.OpenRead(files.Types);
        var ex = Assert.Throws<Hdf5Exception>(() => f.ReadFloat64(name));
        Assert.Equal("dtype", ex.Field);
        Assert.Equal(name, ex.Dataset);
        Assert.Contains(reason, ex.Message);
    }

    [Fact]
    public void BooleansAreNotNumbers()
    {
        using Hdf5File f = Hdf5File.OpenRead(files.Types);
        Assert.Equal(Hdf5ElementType.Other, f.GetInfo("flags").ElementType);
        var ex = Assert.Throws<Hdf5Exception>(() => f.ReadUInt8("flags"));
        Assert.Contains("ENUMERATED", ex.Message);
    }

    [Theory]
    [InlineData(1_477_711)] // list_classes' last byte missing
    [InlineData(1_000_000)] // inside test_set_x's data
    [InlineData(2_000)] // inside the metadata
    [InlineData(100)] // inside the superblock
    public void TruncatedFileGivesHdf5Error(int length)
    {
        string path = files.PatchedSigns($"truncated-{length}.h5", _ => { });
        using (var stream = new FileStream(path, FileMode.Open))
        {
            stream.SetLength(length);
        }

        var ex = Assert.Throws<Hdf5Exception>(() => SignsDataset.Load(path, path));
        Assert.Equal(path, ex.FilePath);
        Assert.Contains(path, ex.Message);
    }

    private string PatchLastDimension(string name, long value) => files.PatchedSigns(name, bytes =>
    {
        byte[] dims = new byte[32];
        long[] shape = [120, 64, 64, 3];
        for (int i = 0; i < 4; i++)
        {
            BinaryPrimitives.WriteInt64LittleEndian(dims.AsSpan(i * 8), shape[i]);
        }

        // Dimensions, then the same values again as maximum dimensions.
        foreach (int at in Hdf5HostileFiles.FindAll(bytes, dims, SignsMetadataEnd))
        {
            BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(at + 24), value);
        }
    });
}
