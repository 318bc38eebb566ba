using System.Text;
using TfLessons.IO.Checkpoint;
using TfLessons.Tests.IO;

namespace TfLessons.IO.Tests;

public class Crc32CTests
{
    [Fact]
    public void SpecVectors()
    {
        Assert.Equal(0x8a9136aau, Crc32C.Compute(new byte[32]));
        Assert.Equal(0xe3069283u, Crc32C.Compute("123456789"u8));
        byte[] tb = [0x1a, 0x11, .. Encoding.ASCII.GetBytes("CRC test, one two")];
        Assert.Equal(19, tb.Length);
        Assert.Equal(0x5794d08au, Crc32C.ComputeMasked(tb));
        Assert.Equal(0u, Crc32C.Compute([]));
    }

    [Fact]
    public void LibraryAgreesWithTheTable()
    {
        var random = new System.Random(1234);
        for (int length = 0; length < 300; length += 7)
        {
            byte[] data = new byte[length];
            random.NextBytes(data);
            Assert.Equal(Crc32CLegacy.ComputeWithTable(data), Crc32C.Compute(data));
        }
        Assert.Equal(0xe3069283u, Crc32CLegacy.ComputeWithTable("123456789"u8));
    }

    [Fact]
    public void ExtendConcatenates()
    {
        byte[] data = Encoding.ASCII.GetBytes("the quick brown fox jumps over the lazy dog");
        for (int split = 0; split <= data.Length; split++)
        {
            Assert.Equal(
                Crc32C.Compute(data),
                Crc32C.Extend(Crc32C.Compute(data.AsSpan(0, split)), data.AsSpan(split))
            );
        }
    }

    [Fact]
    public void MaskRoundTripsAndMatchesTensorFlow()
    {
        foreach (uint crc in new uint[] { 0, 1, 0x8a9136aa, 0xffffffff, 0x12345678 })
        {
            Assert.Equal(crc, Crc32C.Unmask(Crc32C.Mask(crc)));
            Assert.NotEqual(crc, Crc32C.Mask(crc));
        }
        Assert.Equal(Crc32C.MaskDelta, Crc32C.Mask(0)); // crc32c("") masks to kMaskDelta
    }
}
