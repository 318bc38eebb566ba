using System.Text.Json;

namespace TfLessons.Tests.Support;

/// <summary>Access to Reference/numpy_streams.json (made by Reference/make_numpy_streams.py).</summary>
public static class NumpyReference
{
    private static readonly Lazy<JsonDocument> Doc = new(() =>
        JsonDocument.Parse(
            File.ReadAllText(System.IO.Path.Combine(AppContext.BaseDirectory, "Reference", "numpy_streams.json"))
        )
    );

    /// <summary>Root element of the reference document.</summary>
    public static JsonElement Root => Doc.Value.RootElement;

    /// <summary>Per-seed section for <paramref name="seed"/>.</summary>
    public static JsonElement ForSeed(long seed) =>
        Root.GetProperty("seeds").EnumerateArray().Single(e => e.GetProperty("seed").GetInt64() == seed);

    /// <summary>The seeds present in the reference file, as xunit theory data.</summary>
    public static TheoryData<long> Seeds()
    {
        var data = new TheoryData<long>();
        foreach (var e in Root.GetProperty("seeds").EnumerateArray())
        {
            data.Add(e.GetProperty("seed").GetInt64());
        }
        return data;
    }

    /// <summary>Reads a JSON array of numbers as doubles (Python repr round-trips exactly).</summary>
    public static double[] Doubles(JsonElement e) => e.EnumerateArray().Select(v => v.GetDouble()).ToArray();

    /// <summary>Reads a JSON array of integers.</summary>
    public static long[] Longs(JsonElement e) => e.EnumerateArray().Select(v => v.GetInt64()).ToArray();

    /// <summary>Asserts bit-identical doubles, reporting the first differing index in round-trip format.</summary>
    public static void AssertBitEqual(double[] expected, double[] actual, string what)
    {
        Assert.True(expected.Length == actual.Length, $"{what}: length {actual.Length}, expected {expected.Length}");
        for (int i = 0; i < expected.Length; i++)
        {
            if (BitConverter.DoubleToInt64Bits(expected[i]) != BitConverter.DoubleToInt64Bits(actual[i]))
            {
                Assert.Fail($"{what}[{i}]: got {actual[i]:R}, expected {expected[i]:R}");
            }
        }
    }
}
