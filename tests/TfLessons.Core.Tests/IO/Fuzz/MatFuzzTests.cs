using System.Buffers.Binary;
using Xunit.Abstractions;

namespace TfLessons.IO.Tests.Fuzz;

/// <summary>
/// Seeded mutations of MAT v5 files: the course's <c>data.mat</c> (zlib-compressed elements) and an
/// uncompressed copy of it. Compressed elements are mutated both after inflating (then re-compressed, so
/// zlib and Adler-32 are valid) and in the deflate bytes with a repaired Adler-32.
/// </summary>
public sealed class MatFuzzTests(ITestOutputHelper output)
{
    [Fact]
    public void MatMutationsParseOrFailCleanly()
    {
        var harness = new FuzzHarness("MAT v5");
        var rng = new Mutator(FuzzHarness.Seed(9004));
        int n = 0;
        string Token() => $"fz{++n:D5}.mat";
        byte[] compressed = File.ReadAllBytes(SharedData.Path("course", "data.mat"));
        byte[] plain = Uncompressed(compressed);
        foreach (byte[] file in new[] { compressed, plain, Own(bigEndian: false), Own(bigEndian: true) })
        {
            Run(harness, Token(), file, "unmodified", mustParse: true);
            for (int i = 0; i < FuzzHarness.Scaled(60); i++)
            {
                Run(harness, Token(), rng.Mutate(file), $"raw #{i}");
            }
        }
        var elements = Repair.MatElements(compressed).Where(e => e.Type == 15).ToList();
        for (int i = 0; i < FuzzHarness.Scaled(80); i++)
        {
            var e = elements[rng.Random.Next(elements.Count)];
            byte[] inner = Repair.TryInflateZlib(compressed.AsSpan(e.Data, e.Length))!;
            Run(harness, Token(), Replace(compressed, e, Repair.Zlib(rng.Mutate(inner))), $"inner #{i}");
        }
        for (int i = 0; i < FuzzHarness.Scaled(40); i++)
        {
            var e = elements[rng.Random.Next(elements.Count)];
            byte[] zlib = rng.MutateInPlace(compressed.AsSpan(e.Data, e.Length).ToArray(), 0, e.Length - 4);
            Repair.RepairAdler32(zlib);
            Run(harness, Token(), Replace(compressed, e, zlib), $"deflate #{i}");
        }
        for (int i = 0; i < FuzzHarness.Scaled(10); i++)
        {
            // The inner element's declared length inflated, data unchanged (re-compressed).
            var e = elements[rng.Random.Next(elements.Count)];
            byte[] inner = Repair.TryInflateZlib(compressed.AsSpan(e.Data, e.Length))!;
            BinaryPrimitives.WriteUInt32LittleEndian(inner.AsSpan(4), rng.InterestingValue());
            Run(harness, Token(), Replace(compressed, e, Repair.Zlib(inner)), $"inner length #{i}");
        }
        output.WriteLine(harness.Summary);
        harness.AssertClean();
        harness.AssertSomeRejectedBeyondChecksums();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void OwnBaseFileParsesToWhatWasWritten(bool bigEndian)
    {
        IReadOnlyDictionary<string, MatArray> vars = MatFile.Parse(Own(bigEndian), "own.mat");
        Assert.Equal(["x", "text", "i16", "z"], vars.Keys);
        Assert.Equal([1.0, 4, 2, 5, 3, 6], vars["x"].ToDoubleRowMajor()); // 3x2 [1 4; 2 5; 3 6] stored by column
        Assert.Equal([0.5, 0, 0, 0, 0, -1], vars["x"].ToImaginaryRowMajor()!);
        Assert.Equal("hello", new string(vars["text"].ToDoubleRowMajor().Select(c => (char)c).ToArray()));
        Assert.Equal([-300.0, 7, 32767], vars["i16"].ToDoubleRowMajor());
        Assert.Equal(MatClass.UInt8, vars["z"].Class);
        Assert.Equal([2, 2], vars["z"].Shape);
        Assert.Equal([1.0, 3, 2, 4], vars["z"].ToDoubleRowMajor());
    }

    /// <summary>A small file of every array kind the reader decodes, in either byte order.</summary>
    internal static byte[] Own(bool bigEndian) => new MatBuilder(bigEndian)
        .Add("x", MatClass.Double, [3, 2], MatBuilder.MiDouble, [1, 2, 3, 4, 5, 6], imag: [0.5, 0, 0, 0, 0, -1])
        .Add("text", MatClass.Char, [1, 5], MatBuilder.MiUInt16, "hello".Select(c => (double)c).ToArray())
        .Add("i16", MatClass.Int16, [3, 1], MatBuilder.MiInt16, [-300, 7, 32767])
        .Add("z", MatClass.UInt8, [2, 2], MatBuilder.MiUInt8, [1, 2, 3, 4], compress: true)
        .ToArray();

    private static void Run(FuzzHarness harness, string token, byte[] file, string what, bool mustParse = false) =>
        harness.Run($"{token} ({what})", token, () =>
        {
            foreach (MatArray a in MatFile.Parse(file, token).Values)
            {
                long count = a.Shape.Aggregate(1L, (x, d) => checked(x * d));
                Assert.Equal(count, a.ToDoubleRowMajor().LongLength);
                Assert.Equal(a.IsComplex ? count : 0, a.ToImaginaryRowMajor()?.LongLength ?? 0);
            }
        }, mustParse);

    /// <summary>The same file with every miCOMPRESSED element stored inflated (padded to 8 bytes).</summary>
    internal static byte[] Uncompressed(byte[] mat)
    {
        using var buffer = new MemoryStream();
        buffer.Write(mat, 0, 128);
        foreach (var e in Repair.MatElements(mat))
        {
            byte[] element =
                e.Type == 15
                    ? Repair.TryInflateZlib(mat.AsSpan(e.Data, e.Length))!
                    : mat.AsSpan(e.Tag, 8 + e.Length).ToArray();
            buffer.Write(element);
            buffer.Write(new byte[((element.Length + 7) & ~7) - element.Length]);
        }
        return buffer.ToArray();
    }

    private static byte[] Replace(byte[] mat, (int Tag, int Type, int Data, int Length) e, byte[] payload)
    {
        var tag = new byte[8];
        BinaryPrimitives.WriteInt32LittleEndian(tag, 15);
        BinaryPrimitives.WriteInt32LittleEndian(tag.AsSpan(4), payload.Length);
        return [.. mat.AsSpan(0, e.Tag), .. tag, .. payload, .. mat.AsSpan(e.Data + e.Length)];
    }
}
