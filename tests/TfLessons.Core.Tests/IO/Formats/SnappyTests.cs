using System.Text;
using TfLessons.IO.Checkpoint;

namespace TfLessons.IO.Tests;

public class SnappyTests
{
    private static string Decode(params byte[] compressed) =>
        Encoding.ASCII.GetString(Snappy.Decompress(compressed, 1 << 20));

    [Fact]
    public void LiteralAndOneByteOffsetCopy() =>
        Assert.Equal("abcabcabcabc", Decode(0x0c, 0x08, (byte)'a', (byte)'b', (byte)'c', 0x15, 0x03));

    [Fact]
    public void OverlappingTwoByteOffsetCopyIsRunLength() =>
        Assert.Equal(new string('a', 65), Decode(0x41, 0x00, (byte)'a', 0xfe, 0x01, 0x00));

    [Fact]
    public void FourByteOffsetCopy() =>
        Assert.Equal("xyxyxy", Decode(0x06, 0x04, (byte)'x', (byte)'y', 0x0f, 0x02, 0x00, 0x00, 0x00));

    [Fact]
    public void LongLiteralWithExtraLengthByte()
    {
        byte[] payload = Enumerable.Range(0, 100).Select(i => (byte)('A' + i % 26)).ToArray();
        byte[] input = [100, 0xf0, 99, .. payload];
        Assert.Equal(payload, Snappy.Decompress(input, 100));
        Assert.Equal(100, Snappy.GetUncompressedLength(input));
    }

    [Fact]
    public void EmptyStream() => Assert.Empty(Snappy.Decompress([0x00], 0));

    [Theory]
    [InlineData(new byte[] { 0xe8, 0x07, 0x00, 0x61 }, "exceeds the limit of 100")]
    [InlineData(new byte[] { 0x05, 0x00, 0x61, 0x01, 0x00 }, "copy offset 0")]
    [InlineData(new byte[] { 0x05, 0x00, 0x61, 0x01, 0x05 }, "copy offset 5 outside the 1 bytes")]
    [InlineData(new byte[] { 0x05, 0x10, 0x61, 0x62 }, "literal runs past the end")]
    [InlineData(new byte[] { 0x05, 0x00, 0x61 }, "stream ended after 1 of 5")]
    [InlineData(new byte[] { 0x01, 0x04, 0x61, 0x62 }, "literal overflows")]
    [InlineData(new byte[] { 0x05, 0x00, 0x61, 0x0d }, "truncated 1-byte-offset copy")]
    [InlineData(new byte[] { 0x05, 0x00, 0x61, 0x02, 0x01 }, "truncated 2-byte-offset copy")]
    [InlineData(new byte[] { 0x05, 0xfc, 0x01 }, "truncated literal length")]
    [InlineData(new byte[] { 0x80, 0x80, 0x80, 0x80, 0x80, 0x01 }, "preamble")]
    [InlineData(new byte[] { 0x50, 0x00, 0x61 }, "impossible")]
    public void CorruptInputIsInvalidData(byte[] input, string expected)
    {
        var e = Assert.Throws<InvalidDataException>(() => Snappy.Decompress(input, 100));
        Assert.Contains(expected, e.Message);
    }

    [Theory]
    [InlineData("savedmodel-vars-tf1.14-snappy", 87, 100)]
    [InlineData("savedmodel-vars-tf2.14-snappy-string", 153, 192)]
    public void FixtureBlocksDecompressToTheBlockOurWriterBuilds(string folder, int compressedSize, int size)
    {
        string prefix = SharedData.Fixture(folder, "variables");
        byte[] index = File.ReadAllBytes(CheckpointPaths.Index(prefix));
        Assert.Equal(1, index[compressedSize]); // block type: Snappy
        byte[] block = Snappy.Decompress(index.AsSpan(0, compressedSize), 1 << 20);
        Assert.Equal(size, block.Length);

        using CheckpointReader reader = CheckpointReader.Open(prefix);
        byte[] ours = CheckpointWriter.BuildIndex(reader.Entries);
        Assert.Equal(block, ours.AsSpan(0, size).ToArray());
        Assert.Equal(0, ours[size]); // we store the same block uncompressed
    }
}
