using TfLessons.Random;
using Xunit;

namespace TfLessons.Tests.Random;

public class TfSeedTests
{
    [Fact]
    public void GraphSeedAndOpSeed() => Assert.Equal((1L, 1L), TfSeed.Get(1, 1, 17));

    [Fact]
    public void GraphSeedOnlyUsesLastId() => Assert.Equal((1234L, 17L), TfSeed.Get(1234, null, 17));

    [Fact]
    public void OpSeedOnlyUsesDefaultGraphSeed() => Assert.Equal((87654321L, 5L), TfSeed.Get(null, 5, 17));

    [Fact]
    public void NoSeedsGiveZeroZero() => Assert.Equal((0L, 0L), TfSeed.Get(null, null, 17));

    [Fact]
    public void ZeroZeroBecomesZeroMaxInt32()
    {
        Assert.Equal((0L, 2147483647L), TfSeed.Get(0, 0, 3));
        Assert.Equal((0L, 2147483647L), TfSeed.Get(0, null, 0));
        Assert.Equal((0L, 0L), TfSeed.Get(0, 0, 3, TfSeedRule.Legacy));
    }

    [Fact]
    public void SeedsAreTruncatedModuloMaxInt32()
    {
        Assert.Equal((0L, 2147483647L), TfSeed.Get(int.MaxValue, 0, 0)); // 2^31-1 % (2^31-1) == 0
        Assert.Equal((2147483646L, 1L), TfSeed.Get(-1L, 1L, 0L));        // Python: -1 % (2^31-1)
        Assert.Equal(1L, TfSeed.TruncateSeed(2147483648L));
        Assert.Equal((-1L, 1L), TfSeed.Get(-1L, 1L, 0L, TfSeedRule.Legacy));
    }
}
