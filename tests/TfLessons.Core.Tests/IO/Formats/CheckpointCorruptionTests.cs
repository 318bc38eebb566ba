using System.Buffers.Binary;
using TfLessons.IO.Checkpoint;

namespace TfLessons.IO.Tests;

/// <summary>Damaged checkpoints fail with messages that name the file and the tensor or field.</summary>
public class CheckpointCorruptionTests
{
    private static string CopyTitanic(TempDir tmp)
    {
        string src = SharedData.Fixture("ckpt-tf1.11-saver-titanic", "model.ckpt");
        string dst = tmp.File("model.ckpt");
        File.Copy(CheckpointPaths.Index(src), CheckpointPaths.Index(dst));
        File.Copy(CheckpointPaths.Data(src), CheckpointPaths.Data(dst));
        return dst;
    }

    private static void Mutate(string path, Action<byte[]> change)
    {
        byte[] bytes = File.ReadAllBytes(path);
        change(bytes);
        File.WriteAllBytes(path, bytes);
    }

    [Fact]
    public void FlippedDataByteNamesTensorAndFile()
    {
        using var tmp = new TempDir();
        string prefix = CopyTitanic(tmp);
        Mutate(CheckpointPaths.Data(prefix), b => b[20] ^= 0x01); // inside `weights` (bytes 8..55)

        using CheckpointReader r = CheckpointReader.Open(prefix);
        Assert.Equal([-0.30901587f, 0.309015751f], r.ReadTensor("bias").GetFloats());
        var e = Assert.Throws<InvalidDataException>(() => r.ReadTensor("weights"));
        Assert.Contains("tensor 'weights'", e.Message);
        Assert.Contains(CheckpointPaths.Data(prefix), e.Message);
        Assert.Contains("checksum mismatch", e.Message);
    }

    [Fact]
    public void EveryDataByteFlipIsDetected()
    {
        using var tmp = new TempDir();
        string prefix = CopyTitanic(tmp);
        byte[] original = File.ReadAllBytes(CheckpointPaths.Data(prefix));
        for (int i = 0; i < original.Length; i++)
        {
            byte[] copy = (byte[])original.Clone();
            copy[i] ^= 0x80;
            File.WriteAllBytes(CheckpointPaths.Data(prefix), copy);
            using CheckpointReader r = CheckpointReader.Open(prefix);
            string expected = i < 8 ? "bias" : "weights";
            var e = Assert.Throws<InvalidDataException>(() => r.ReadAll().ToList());
            Assert.Contains($"tensor '{expected}'", e.Message);
        }
    }

    [Fact]
    public void FlippedIndexBlockByteNamesFileAndBlock()
    {
        using var tmp = new TempDir();
        string prefix = CopyTitanic(tmp);
        Mutate(CheckpointPaths.Index(prefix), b => b[36] ^= 0x01); // inside the key "weights"

        var e = Assert.Throws<InvalidDataException>(() => CheckpointReader.Open(prefix));
        Assert.Contains(CheckpointPaths.Index(prefix), e.Message);
        Assert.Contains("data block #0", e.Message);
        Assert.Contains("checksum mismatch", e.Message);
    }

    [Fact]
    public void EveryIndexByteFlipOutsideFooterPaddingIsDetected()
    {
        using var tmp = new TempDir();
        string prefix = CopyTitanic(tmp);
        string index = CheckpointPaths.Index(prefix);
        byte[] original = File.ReadAllBytes(index);
        int footer = original.Length - 48;
        for (int i = 0; i < original.Length; i++)
        {
            if (i >= footer + 4 && i < footer + 40)
            {
                continue; // footer padding after the 4 handle bytes (4b 08 58 0e): TensorFlow ignores it too
            }
            byte[] copy = (byte[])original.Clone();
            copy[i] ^= 0x10;
            File.WriteAllBytes(index, copy);
            Exception? e = Record.Exception(() => CheckpointReader.Open(prefix).Dispose());
            Assert.True(e is not null, $"flipping byte {i} went undetected");
            Assert.True(e is InvalidDataException or NotSupportedException, $"byte {i}: {e}");
            Assert.Contains(index, e.Message);
        }
    }

    [Fact]
    public void WrongMagicIsReported()
    {
        using var tmp = new TempDir();
        string prefix = CopyTitanic(tmp);
        Mutate(CheckpointPaths.Index(prefix), b => b[^1] = 0x00);
        var e = Assert.Throws<InvalidDataException>(() => CheckpointReader.Open(prefix));
        Assert.Contains("bad magic number", e.Message);
        Assert.Contains(CheckpointPaths.Index(prefix), e.Message);
    }

    [Fact]
    public void TruncatedIndexIsReported()
    {
        using var tmp = new TempDir();
        string prefix = CopyTitanic(tmp);
        string index = CheckpointPaths.Index(prefix);
        byte[] bytes = File.ReadAllBytes(index);
        File.WriteAllBytes(index, bytes[..100]);
        Assert.Contains(
            "bad magic number",
            Assert.Throws<InvalidDataException>(() => CheckpointReader.Open(prefix)).Message
        );
        File.WriteAllBytes(index, bytes[..30]);
        var e = Assert.Throws<InvalidDataException>(() => CheckpointReader.Open(prefix));
        Assert.Contains("too short", e.Message);
        Assert.Contains(index, e.Message);
    }

    [Fact]
    public void TruncatedDataFileNamesTensor()
    {
        using var tmp = new TempDir();
        string prefix = CopyTitanic(tmp);
        File.WriteAllBytes(CheckpointPaths.Data(prefix), File.ReadAllBytes(CheckpointPaths.Data(prefix))[..40]);
        using CheckpointReader r = CheckpointReader.Open(prefix);
        var e = Assert.Throws<InvalidDataException>(() => r.ReadTensor("weights"));
        Assert.Contains("tensor 'weights'", e.Message);
        Assert.Contains("needs bytes [8, 56) but the file is 40 bytes", e.Message);
    }

    [Fact]
    public void HugeBlockHandleInFooterIsRejectedBeforeAllocating()
    {
        using var tmp = new TempDir();
        string prefix = CopyTitanic(tmp);
        string index = CheckpointPaths.Index(prefix);
        byte[] bytes = File.ReadAllBytes(index);
        int footer = bytes.Length - 48;
        // Footer = 4b 08 58 0e: replace the index handle size (0e) by a 9-byte varint ~2^62, re-padded.
        byte[] handles = [0x4b, 0x08, 0x58, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x40];
        Array.Clear(bytes, footer, 40);
        handles.CopyTo(bytes, footer);
        File.WriteAllBytes(index, bytes);
        var e = Assert.Throws<InvalidDataException>(() => CheckpointReader.Open(prefix));
        Assert.Contains("index block", e.Message);
        Assert.Contains("extends past the end", e.Message);
    }

    [Fact]
    public void HugeTensorSizeInIndexIsRejectedAgainstTheDataFile()
    {
        using var tmp = new TempDir();
        string prefix = tmp.File("huge");
        File.WriteAllBytes(CheckpointPaths.Data(prefix), new byte[16]);
        var entry = new CheckpointEntry("giant", TfDataType.Float, [1L << 40], 0, 0, 4L << 40, 0x12345678);
        File.WriteAllBytes(CheckpointPaths.Index(prefix), CheckpointWriter.BuildIndex([entry]));
        using CheckpointReader r = CheckpointReader.Open(prefix);
        var e = Assert.Throws<InvalidDataException>(() => r.ReadTensor("giant"));
        Assert.Contains("tensor 'giant'", e.Message);
        Assert.Contains("but the file is 16 bytes", e.Message);
    }

    [Fact]
    public void SizeThatContradictsShapeIsRejectedAtOpen()
    {
        using var tmp = new TempDir();
        string prefix = tmp.File("bad");
        var entry = new CheckpointEntry("w", TfDataType.Float, [6, 2], 0, 0, 40, 0x12345678);
        File.WriteAllBytes(CheckpointPaths.Index(prefix), CheckpointWriter.BuildIndex([entry]));
        var e = Assert.Throws<InvalidDataException>(() => CheckpointReader.Open(prefix));
        Assert.Contains("tensor 'w'", e.Message);
        Assert.Contains("size 40 does not match DT_FLOAT shape [6, 2] (48 bytes)", e.Message);
    }

    [Fact]
    public void HugeStringLengthIsRejectedBeforeAllocating()
    {
        using var tmp = new TempDir();
        string prefix = tmp.File("strings");
        // One DT_STRING element whose varint length claims 2^35 bytes, with a *valid* length checksum
        // (over the uint64 form, as TF does for lengths above 2^32-1), followed by only 5 bytes.
        ulong huge = 1UL << 35;
        byte[] wide = new byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(wide, huge);
        var data = new List<byte> { 0x80, 0x80, 0x80, 0x80, 0x80, 0x01 };
        byte[] lengthCrc = new byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(lengthCrc, Crc32C.Mask(Crc32C.Compute(wide)));
        data.AddRange(lengthCrc);
        data.AddRange("hello"u8.ToArray());
        File.WriteAllBytes(CheckpointPaths.Data(prefix), data.ToArray());
        var entry = new CheckpointEntry("s", TfDataType.String, [], 0, 0, data.Count, 0x12345678);
        File.WriteAllBytes(CheckpointPaths.Index(prefix), CheckpointWriter.BuildIndex([entry]));

        using CheckpointReader r = CheckpointReader.Open(prefix);
        var e = Assert.Throws<InvalidDataException>(() => r.ReadTensor("s"));
        Assert.Contains("tensor 's'", e.Message);
        Assert.Contains("declares 34359738368 bytes but only 5 remain", e.Message);
    }

    [Fact]
    public void SlicedEntryIsRejectedWithClearMessage()
    {
        using var tmp = new TempDir();
        string prefix = tmp.File("sliced");
        // BundleEntryProto{dtype: FLOAT, shape: [4], slices: [{extent: [{}]}]}.
        byte[] value = [0x08, 0x01, 0x12, 0x04, 0x12, 0x02, 0x08, 0x04, 0x3a, 0x02, 0x0a, 0x00];
        var table = new SsTableBuilder();
        table.Add([], [0x08, 0x01, 0x1a, 0x02, 0x08, 0x01]);
        table.Add("part"u8.ToArray(), value);
        File.WriteAllBytes(CheckpointPaths.Index(prefix), table.Finish());
        using CheckpointReader r = CheckpointReader.Open(prefix);
        Assert.Equal(1, r.GetEntry("part").SliceCount);
        var e = Assert.Throws<NotSupportedException>(() => r.ReadTensor("part"));
        Assert.Contains("tensor 'part'", e.Message);
        Assert.Contains("sliced", e.Message);
    }

    [Fact]
    public void BigEndianBundleIsRejected()
    {
        using var tmp = new TempDir();
        string prefix = tmp.File("be");
        File.WriteAllBytes(
            CheckpointPaths.Index(prefix),
            CheckpointWriter.BuildIndex([], CheckpointHeader.Default with { IsBigEndian = true })
        );
        var e = Assert.Throws<NotSupportedException>(() => CheckpointReader.Open(prefix));
        Assert.Contains("big-endian", e.Message);
    }

    [Fact]
    public void MissingIndexIsFileNotFound()
    {
        using var tmp = new TempDir();
        var e = Assert.Throws<FileNotFoundException>(() => CheckpointReader.Open(tmp.File("nothing")));
        Assert.Contains("nothing.index", e.Message);
    }

    [Fact]
    public void CorruptSnappyBlockNamesFile()
    {
        using var tmp = new TempDir();
        string src = SharedData.Fixture("savedmodel-vars-tf1.14-snappy", "variables");
        string prefix = tmp.File("variables");
        byte[] index = File.ReadAllBytes(CheckpointPaths.Index(src));
        // Data block = bytes [0, 87), type byte 1 at 87. Break the preamble, then re-seal the block CRC
        // so the corruption reaches the Snappy decoder.
        index[0] = 0xff;
        index[1] = 0x7f;
        uint crc = Crc32C.Extend(Crc32C.Compute(index.AsSpan(0, 87)), [1]);
        BinaryPrimitives.WriteUInt32LittleEndian(index.AsSpan(88), Crc32C.Mask(crc));
        File.WriteAllBytes(CheckpointPaths.Index(prefix), index);
        var e = Assert.Throws<InvalidDataException>(() => CheckpointReader.Open(prefix));
        Assert.Contains(CheckpointPaths.Index(prefix), e.Message);
        Assert.Contains("Snappy", e.Message);
    }
}
