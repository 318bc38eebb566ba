using System.IO.Compression;
using TfLessons.IO;
using Xunit;

namespace TfLessons.Tests.IO;

public sealed class IdxFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("tfl-idx-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static byte[] Idx(int magic, int[] dims, byte[] data)
    {
        var ms = new MemoryStream();
        void Be(int v)
        {
            ms.WriteByte((byte)(v >> 24));
            ms.WriteByte((byte)(v >> 16));
            ms.WriteByte((byte)(v >> 8));
            ms.WriteByte((byte)v);
        }

        Be(magic);
        foreach (int d in dims)
        {
            Be(d);
        }

        ms.Write(data);
        return ms.ToArray();
    }

    private static byte[] Gzip(byte[] raw)
    {
        var ms = new MemoryStream();
        using (var gz = new GZipStream(ms, CompressionLevel.Fastest, leaveOpen: true))
        {
            gz.Write(raw);
        }

        return ms.ToArray();
    }

    private string Write(string name, byte[] bytes)
    {
        string p = Path.Combine(_dir, name);
        File.WriteAllBytes(p, bytes);
        return p;
    }

    [Fact]
    public void ReadsRawAndGzip()
    {
        byte[] data = Enumerable.Range(0, 2 * 3 * 4).Select(i => (byte)i).ToArray();
        byte[] raw = Idx(IdxFile.ImagesMagic, [2, 3, 4], data);
        IdxData a = IdxFile.ReadImages(Write("imgs", raw));
        IdxData b = IdxFile.ReadImages(Write("imgs.gz", Gzip(raw)));
        Assert.Equal([2, 3, 4], a.Dimensions);
        Assert.Equal(data, a.Data);
        Assert.Equal(a.Dimensions, b.Dimensions);
        Assert.Equal(a.Data, b.Data);

        IdxData labels = IdxFile.ReadLabels(Write("labels", Idx(IdxFile.LabelsMagic, [3], [7, 8, 9])));
        Assert.Equal([3], labels.Dimensions);
        Assert.Equal([7, 8, 9], labels.Data);
    }

    [Fact]
    public void TruncatedRawFileIsRejectedBeforeAllocating()
    {
        byte[] raw = Idx(IdxFile.ImagesMagic, [1000, 28, 28], new byte[100]);
        string p = Write("trunc-images-idx3-ubyte", raw);
        var ex = Assert.Throws<IdxFormatException>(() => IdxFile.ReadImages(p));
        Assert.Contains("trunc-images-idx3-ubyte", ex.Message);
        Assert.Contains("784016", ex.Message); // bytes implied by the header
        Assert.Contains("truncated", ex.Message);
    }

    [Fact]
    public void HugeHeaderIsRejected()
    {
        string p = Write("huge", Idx(IdxFile.ImagesMagic, [int.MaxValue, int.MaxValue, 2], [1, 2, 3]));
        Assert.Throws<IdxFormatException>(() => IdxFile.ReadImages(p));
    }

    [Fact]
    public void TruncatedGzipIsRejected()
    {
        byte[] data = new byte[50 * 28 * 28];
        new System.Random(3).NextBytes(data);
        byte[] gz = Gzip(Idx(IdxFile.ImagesMagic, [50, 28, 28], data));
        string p = Write("cut.gz", gz[..(gz.Length / 2)]);
        var ex = Assert.Throws<IdxFormatException>(() => IdxFile.ReadImages(p));
        Assert.Contains("cut.gz", ex.Message);
    }

    [Fact]
    public void GzipWithWrongHeaderSizeIsRejected()
    {
        // Header claims 10 labels, data holds 5: the gzip trailer's size disagrees.
        string p = Write("short-labels.gz", Gzip(Idx(IdxFile.LabelsMagic, [10], [1, 2, 3, 4, 5])));
        var ex = Assert.Throws<IdxFormatException>(() => IdxFile.ReadLabels(p));
        Assert.Contains("inflates to", ex.Message);
    }

    [Fact]
    public void WrongMagicAndTrailingBytes()
    {
        string labels = Write("labels", Idx(IdxFile.LabelsMagic, [2], [1, 2]));
        var ex = Assert.Throws<IdxFormatException>(() => IdxFile.ReadImages(labels));
        Assert.Contains("0x00000801", ex.Message);

        string notIdx = Write("text", "hello world, not idx"u8.ToArray());
        Assert.Throws<IdxFormatException>(() => IdxFile.Read(notIdx));

        string trailing = Write("trailing", Idx(IdxFile.LabelsMagic, [2], [1, 2, 3]));
        var ex2 = Assert.Throws<IdxFormatException>(() => IdxFile.ReadLabels(trailing));
        Assert.Contains("trailing", ex2.Message);

        string ints = Write("ints", Idx(0x00000C01, [1], [0, 0, 0, 1]));
        Assert.Contains("0x0c", Assert.Throws<IdxFormatException>(() => IdxFile.Read(ints)).Message);
    }

    [Fact]
    public void MissingFile()
    {
        string p = Path.Combine(_dir, "nope-idx1-ubyte");
        Assert.Contains(p, Assert.Throws<FileNotFoundException>(() => IdxFile.ReadLabels(p)).Message);
    }
}
