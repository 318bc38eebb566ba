using System.Buffers.Binary;
using TfLessons.IO.Checkpoint;
using TfLessons.IO.Events;
using TfLessons.IO.Internal;

namespace TfLessons.IO.Tests.Fuzz;

/// <summary>One regression test per defect of issue 9's fuzzing campaign (allocation bombs, wrapping shapes,
/// messages).</summary>
public sealed class ReaderDefectTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void GzipIdxWhoseHeaderAndTrailerClaim2e9LabelsIsRejectedWithoutAllocating()
    {
        byte[] idx = IdxFuzzTests.Idx(IdxFile.LabelsMagic, [4096]);
        BinaryPrimitives.WriteInt32BigEndian(idx.AsSpan(4), 2_000_000_000);
        byte[] gz = Repair.Gzip(idx);
        BinaryPrimitives.WriteUInt32LittleEndian(gz.AsSpan(gz.Length - 4), unchecked((uint)(8L + 2_000_000_000)));
        string path = _dir.File("labels-2e9.gz");
        File.WriteAllBytes(path, gz);

        (IdxFormatException e, long allocated) = ThrowsMeasured<IdxFormatException>(() => IdxFile.ReadLabels(path));
        Assert.Contains(path, e.Message);
        Assert.True(allocated < 1 << 20, $"allocated {allocated} bytes for a {gz.Length}-byte file");
    }

    [Fact]
    public void GzipChecksumMismatchAndCorruptDeflateGetDistinctMessages()
    {
        byte[] gz = Repair.Gzip(IdxFuzzTests.Idx(IdxFile.LabelsMagic, [100]));
        byte[] badCrc = (byte[])gz.Clone();
        badCrc[^8] ^= 1;
        string crcPath = _dir.File("bad-crc.gz");
        File.WriteAllBytes(crcPath, badCrc);
        Assert.Contains(
            $"gzip CRC mismatch in '{crcPath}'",
            Assert.Throws<IdxFormatException>(() => IdxFile.ReadLabels(crcPath)).Message
        );

        byte[] badDeflate = (byte[])gz.Clone();
        badDeflate[10] = 0xff; // BTYPE 11: a reserved block type
        string deflatePath = _dir.File("bad-deflate.gz");
        File.WriteAllBytes(deflatePath, badDeflate);
        var e = Assert.Throws<IdxFormatException>(() => IdxFile.ReadLabels(deflatePath));
        Assert.Contains($"corrupt deflate data in '{deflatePath}'", e.Message);
        Assert.DoesNotContain("unsupported compression method", e.Message);
        Assert.IsType<InvalidDataException>(e.InnerException);
    }

    [Fact]
    public void IdxDimensionOf2To31IsNamed()
    {
        byte[] idx = IdxFuzzTests.Idx(IdxFile.ImagesMagic, [1, 1, 1]);
        BinaryPrimitives.WriteUInt32BigEndian(idx.AsSpan(8), 0x80000000);
        string path = _dir.File("huge-dim.idx");
        File.WriteAllBytes(path, idx);
        var e = Assert.Throws<IdxFormatException>(() => IdxFile.ReadImages(path));
        Assert.Contains(path, e.Message);
        Assert.Contains("dimension #1 is 2147483648", e.Message);
    }

    [Fact]
    public void DtStringWithBadLengthChecksumFailsBeforeAllocatingPerElement()
    {
        // 4M empty strings: 4 MB of zero varints and a wrong length checksum. The old reader allocated 8 bytes
        // per element for the lengths (and a byte[] per string) before looking at the checksum.
        const int count = 4 << 20;
        var data = new byte[count + 4];
        string prefix = WriteStringBundle("bomb", data, count, maskedCrc: 0);
        using CheckpointReader reader = CheckpointReader.Open(prefix);

        (InvalidDataException e, long allocated) = ThrowsMeasured<InvalidDataException>(() => reader.ReadTensor("s"));
        Assert.Contains("length checksum mismatch", e.Message);
        Assert.Contains(CheckpointPaths.Data(prefix), e.Message);
        Assert.True(
            allocated < data.Length + (1 << 20),
            $"allocated {allocated} bytes for a {data.Length}-byte tensor"
        );
    }

    [Fact]
    public void DtStringTensorIsVerifiedWithoutDecodingItsStrings()
    {
        const int count = 1 << 20;
        var data = new byte[count + 4];
        uint lengthCrc = 0;
        var zero = new byte[4];
        for (int i = 0; i < count; i++)
        {
            lengthCrc = Crc32C.Extend(lengthCrc, zero);
        }
        BinaryPrimitives.WriteUInt32LittleEndian(data.AsSpan(count), Crc32C.Mask(lengthCrc));
        uint entryCrc = Crc32C.Extend(lengthCrc, data.AsSpan(count, 4));
        string prefix = WriteStringBundle("valid", data, count, Crc32C.Mask(entryCrc));
        using CheckpointReader reader = CheckpointReader.Open(prefix);

        long before = GC.GetAllocatedBytesForCurrentThread();
        CheckpointTensor t = reader.ReadTensor("s");
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(
            allocated < data.Length + (1 << 20),
            $"allocated {allocated} bytes for a {data.Length}-byte tensor"
        );
        Assert.Equal(count, t.GetStringBytes().Length);
    }

    [Fact]
    public void MatZlibBombIsBoundedByTheInnerElementLength()
    {
        // 64 MiB of zeros behind an inner tag that declares an 8-byte miMATRIX: the old reader inflated all of it.
        var inner = new byte[64 << 20];
        BinaryPrimitives.WriteInt32LittleEndian(inner, 14);
        BinaryPrimitives.WriteInt32LittleEndian(inner.AsSpan(4), 8);
        byte[] mat = MatWithCompressedElement(Repair.Zlib(inner));
        inner = [];

        (InvalidDataException e, long allocated) = ThrowsMeasured<InvalidDataException>(() =>
            MatFile.Parse(mat, "bomb.mat")
        );
        Assert.StartsWith("bomb.mat: top-level element #1 at offset 128", e.Message);
        Assert.Contains("continues past its element", e.Message);
        Assert.True(
            allocated < 4L * mat.Length + (1 << 20),
            $"allocated {allocated} bytes for a {mat.Length}-byte file"
        );
    }

    [Fact]
    public void MatInnerLengthBeyondTheDeflateRatioIsRejectedBeforeInflating()
    {
        var inner = new byte[64];
        BinaryPrimitives.WriteInt32LittleEndian(inner, 14);
        BinaryPrimitives.WriteUInt32LittleEndian(inner.AsSpan(4), 0x7fff0000);
        byte[] mat = MatWithCompressedElement(Repair.Zlib(inner));
        (InvalidDataException e, long allocated) = ThrowsMeasured<InvalidDataException>(() =>
            MatFile.Parse(mat, "claims.mat")
        );
        Assert.Contains("declares 2147418112 bytes", e.Message);
        Assert.True(allocated < 1 << 20, $"allocated {allocated} bytes");
    }

    [Fact]
    public void MatCorruptDeflateNamesTheFile()
    {
        var inner = new byte[64];
        BinaryPrimitives.WriteInt32LittleEndian(inner, 14);
        BinaryPrimitives.WriteInt32LittleEndian(inner.AsSpan(4), 56);
        byte[] zlib = Repair.Zlib(inner);
        zlib[^1] ^= 0x55; // Adler-32 mismatch
        var e = Assert.Throws<InvalidDataException>(() => MatFile.Parse(MatWithCompressedElement(zlib), "adler.mat"));
        Assert.Contains("corrupt deflate data in adler.mat", e.Message);
    }

    [Fact]
    public void MatZlibStreamAskingForAPresetDictionaryNamesTheFile()
    {
        // Found by the fuzzer: FLG.FDICT makes zlib ask for a dictionary, which .NET reports as a ZLibException
        // ("unexpected error code") that named no file.
        byte[] zlib = Repair.Zlib(new byte[64]);
        byte[] withDictionary = [0x78, 0xbb, 0, 0, 0, 1, .. zlib.AsSpan(2)];
        var e = Assert.Throws<InvalidDataException>(() =>
            MatFile.Parse(MatWithCompressedElement(withDictionary), "dict.mat")
        );
        Assert.Contains("corrupt deflate data in dict.mat", e.Message);
    }

    [Fact]
    public void MatTopLevelElementWithCorruptTypeTagRaises()
    {
        byte[] mat = MatFuzzTests.Uncompressed(File.ReadAllBytes(SharedData.Path("course", "data.mat")));
        BinaryPrimitives.WriteInt32LittleEndian(mat.AsSpan(128), 3);
        var e = Assert.Throws<InvalidDataException>(() => MatFile.Parse(mat, "tag.mat"));
        Assert.Contains("top-level element #1 at offset 128", e.Message);
        Assert.Contains("element type 3", e.Message);
    }

    [Fact]
    public void MatDimensionOf2To31IsNamed()
    {
        byte[] mat = MatFuzzTests.Uncompressed(File.ReadAllBytes(SharedData.Path("course", "data.mat")));
        // miMATRIX tag (8) + array flags (16) + dimensions tag (8): the first dimension.
        BinaryPrimitives.WriteUInt32LittleEndian(mat.AsSpan(128 + 8 + 16 + 8), 0x80000000);
        var e = Assert.Throws<InvalidDataException>(() => MatFile.Parse(mat, "dim.mat"));
        Assert.Contains("dim.mat", e.Message);
        Assert.Contains("dimension #0 is 2147483648", e.Message);
    }

    [Fact]
    public void EventTensorWhoseShapeProductWrapsToOneIsNotAScalar()
    {
        // 7 * 0x6DB6DB6DB6DB6DB7 = 3 * 2^64 + 1: two valid (positive) dimensions whose 64-bit product wraps to 1.
        long[] wrapping = [7, 0x6DB6DB6DB6DB6DB7];
        Assert.Equal(1L, unchecked(wrapping[0] * wrapping[1]));
        var tensor = new SummaryTensor(TfDataType.Float, wrapping, BitConverter.GetBytes(1.5f), [], []);
        Assert.Null(tensor.ScalarValue);

        var e = new TfEvent { Kind = EventKind.Summary, Values = [new SummaryValue { Tag = "t", Tensor = tensor }] };
        var ex = Assert.Throws<InvalidDataException>(() =>
            EventCodec.Decode(EventCodec.Encode(e), "Event file 'x.tfevents'")
        );
        Assert.Contains("x.tfevents", ex.Message);
        Assert.Contains("more than 2^63 elements", ex.Message);
    }

    [Fact]
    public void CheckpointHeaderShardCountOutsideInt32IsRejected()
    {
        var header = new ProtoWriter().Varint(1, (1UL << 32) + 1).ToArray();
        var table = new SsTableBuilder();
        table.Add([], header);
        string prefix = _dir.File("shards");
        File.WriteAllBytes(CheckpointPaths.Index(prefix), table.Finish());
        var e = Assert.Throws<InvalidDataException>(() => CheckpointReader.Open(prefix));
        Assert.Contains(CheckpointPaths.Index(prefix), e.Message);
        Assert.Contains("num_shards 4294967297", e.Message);
    }

    [Fact]
    public void TensorOver2GbIsAClearNotSupportedErrorNamingFileAndTensor()
    {
        string prefix = _dir.File("huge");
        const long size = 3L << 30;
        using (FileStream data = File.Create(CheckpointPaths.Data(prefix)))
        {
            data.SetLength(size); // sparse: no disk blocks are written
        }
        var entry = new CheckpointEntry("big/kernel", TfDataType.Float, [size / 4], 0, 0, size, 0);
        File.WriteAllBytes(CheckpointPaths.Index(prefix), CheckpointWriter.BuildIndex([entry]));
        using CheckpointReader reader = CheckpointReader.Open(prefix);

        (NotSupportedException e, long allocated) = ThrowsMeasured<NotSupportedException>(() =>
            reader.ReadTensor("big/kernel")
        );
        Assert.Contains(CheckpointPaths.Data(prefix), e.Message);
        Assert.Contains("'big/kernel'", e.Message);
        Assert.Contains("size 3221225472", e.Message);
        Assert.True(allocated < 1 << 20, $"allocated {allocated} bytes");
    }

    [Fact]
    public void BigEndianBundleErrorNamesFileAndField()
    {
        string prefix = _dir.File("be");
        File.WriteAllBytes(
            CheckpointPaths.Index(prefix),
            CheckpointWriter.BuildIndex([], CheckpointHeader.Default with { IsBigEndian = true })
        );
        var e = Assert.Throws<NotSupportedException>(() => CheckpointReader.Open(prefix));
        Assert.Contains(CheckpointPaths.Index(prefix), e.Message);
        Assert.Contains("endianness", e.Message);
    }

    [Fact]
    public void Crc32MatchesTheStandardCheckValue() =>
        Assert.Equal(0xCBF43926u, Crc32.Compute("123456789"u8));

    private string WriteStringBundle(string name, byte[] data, long count, uint maskedCrc)
    {
        string prefix = _dir.File(name);
        File.WriteAllBytes(CheckpointPaths.Data(prefix), data);
        var entry = new CheckpointEntry("s", TfDataType.String, [count], 0, 0, data.Length, maskedCrc);
        File.WriteAllBytes(CheckpointPaths.Index(prefix), CheckpointWriter.BuildIndex([entry]));
        return prefix;
    }

    private static byte[] MatWithCompressedElement(byte[] zlib)
    {
        byte[] header = File.ReadAllBytes(SharedData.Path("course", "data.mat"))[..128];
        var tag = new byte[8];
        BinaryPrimitives.WriteInt32LittleEndian(tag, 15);
        BinaryPrimitives.WriteInt32LittleEndian(tag.AsSpan(4), zlib.Length);
        return [.. header, .. tag, .. zlib];
    }

    private static (T Error, long Allocated) ThrowsMeasured<T>(Action action) where T : Exception
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        T e = Assert.Throws<T>(action);
        return (e, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
