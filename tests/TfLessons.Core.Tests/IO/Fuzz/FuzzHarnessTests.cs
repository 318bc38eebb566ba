using Xunit.Sdk;

namespace TfLessons.IO.Tests.Fuzz;

/// <summary>The harness itself must flag each kind of contract violation, or the fuzz tests could not fail.</summary>
public class FuzzHarnessTests
{
    [Fact]
    public void UndocumentedExceptionIsAViolation()
    {
        var h = new FuzzHarness("self-test");
        h.Run("case", "f.bin", () => throw new IndexOutOfRangeException("f.bin"));
        Assert.Contains("IndexOutOfRangeException", Assert.ThrowsAny<XunitException>(h.AssertClean).Message);
    }

    [Fact]
    public void ArgumentOutOfRangeFromInsideAParserIsAViolation()
    {
        var h = new FuzzHarness("self-test");
        h.Run("case", "f.bin", () => throw new ArgumentOutOfRangeException("count", "f.bin"));
        Assert.ThrowsAny<XunitException>(h.AssertClean);
    }

    [Fact]
    public void MessageWithoutTheFileNameIsAViolation()
    {
        var h = new FuzzHarness("self-test");
        h.Run("case", "f.bin", () => throw new InvalidDataException("corrupt data"));
        Assert.Contains("does not name the file", Assert.ThrowsAny<XunitException>(h.AssertClean).Message);
    }

    [Fact]
    public void AllocationAboveTheCeilingIsAViolation()
    {
        var h = new FuzzHarness("self-test");
        h.Run("case", "f.bin", () => GC.KeepAlive(new byte[FuzzHarness.AllocationCeiling + 1]));
        Assert.Contains("allocated", Assert.ThrowsAny<XunitException>(h.AssertClean).Message);
    }

    [Fact]
    public void RejectedUnmodifiedInputIsAViolation()
    {
        var h = new FuzzHarness("self-test");
        h.Run("case", "f.bin", () => throw new InvalidDataException("f.bin: bad"), mustParse: true);
        Assert.ThrowsAny<XunitException>(h.AssertClean);
    }

    [Fact]
    public void DocumentedErrorsNamingTheFileAreClean()
    {
        var h = new FuzzHarness("self-test");
        h.Run("a", "f.bin", () => throw new InvalidDataException("f.bin: bad"));
        h.Run("b", "f.bin", () => throw new EndOfStreamException("f.bin: short"));
        h.Run("c", "f.bin", () => throw new NotSupportedException("f.bin: big-endian"));
        h.Run("d", "f.bin", () => { });
        h.AssertClean();
        Assert.Equal((4, 1, 3), (h.Cases, h.Parsed, h.Rejected));
    }
}
