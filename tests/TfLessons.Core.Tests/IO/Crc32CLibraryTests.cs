using TfLessons.IO.Checkpoint;

namespace TfLessons.Tests.IO;

/// <summary>The System.IO.Hashing-backed Crc32C against the project's previous implementation, bit for bit.</summary>
public class Crc32CLibraryTests
{
    [Fact]
    public void KnownVectors()
    {
        Assert.Equal(0xE3069283u, Crc32C.Compute("123456789"u8));
        Assert.Equal(0xE3069283u, Crc32CLegacy.Compute("123456789"u8));
        Assert.Equal(0x8a9136aau, Crc32C.Compute(new byte[32]));
        Assert.Equal(0x62a8ab43u, Crc32C.Compute(Enumerable.Repeat((byte)0xff, 32).ToArray())); // RFC 3720 B.4
        Assert.Equal(0x46dd794eu, Crc32C.Compute(Enumerable.Range(0, 32).Select(i => (byte)i).ToArray()));
        Assert.Equal(0x113fdb5cu, Crc32C.Compute(Enumerable.Range(0, 32).Select(i => (byte)(31 - i)).ToArray()));
    }

    [Fact]
    public void ComputeMatchesTheOldImplementationOnRandomBuffers()
    {
        var random = new System.Random(20261202);
        foreach (int length in Enumerable.Range(0, 300).Concat([511, 512, 513, 4095, 4096, 65_537, 1 << 20]))
        {
            byte[] data = new byte[length];
            random.NextBytes(data);
            Assert.Equal(Crc32CLegacy.Compute(data), Crc32C.Compute(data));
            Assert.Equal(Crc32CLegacy.ComputeWithTable(data), Crc32C.Compute(data));
        }
    }

    [Fact]
    public void ExtendMatchesTheOldImplementation()
    {
        var random = new System.Random(99);
        for (int i = 0; i < 500; i++)
        {
            uint crc = (uint)random.NextInt64(0, 1L << 32);
            byte[] data = new byte[random.Next(i < 400 ? 40 : 70_000)];
            random.NextBytes(data);
            Assert.Equal(Crc32CLegacy.Extend(crc, data), Crc32C.Extend(crc, data));
        }

        Assert.Equal(0x12345678u, Crc32C.Extend(0x12345678u, []));
    }

    [Fact]
    public void ExtendChainsLikeOneCompute()
    {
        var random = new System.Random(5);
        byte[] data = new byte[10_000];
        random.NextBytes(data);
        uint crc = 0;
        for (int at = 0; at < data.Length;)
        {
            int n = Math.Min(random.Next(0, 300), data.Length - at);
            crc = Crc32C.Extend(crc, data.AsSpan(at, n));
            at += n;
        }

        Assert.Equal(Crc32CLegacy.Compute(data), crc);
    }

    [Fact]
    public void MaskIsTensorFlowsAndUnchanged()
    {
        var random = new System.Random(3);
        for (int i = 0; i < 1000; i++)
        {
            uint crc = (uint)random.NextInt64(0, 1L << 32);
            Assert.Equal(Crc32CLegacy.Mask(crc), Crc32C.Mask(crc));
            Assert.Equal(crc, Crc32C.Unmask(Crc32C.Mask(crc)));
        }

        Assert.Equal(Crc32CLegacy.MaskDelta, Crc32C.MaskDelta);
    }
}
