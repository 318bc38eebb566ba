using System.Globalization;
using System.Text.RegularExpressions;
using TfLessons.IO.Checkpoint;

namespace TfLessons.IO.Tests;

/// <summary>What a fixture README documents for one tensor.</summary>
public sealed record DocumentedTensor(
    string Name, TfDataType DType, long[] Shape, long Offset, long Size, uint Crc, int SharedPrefix, string Values)
{
    /// <summary>Full value list, when the README gives one ("[a, b, ...]").</summary>
    public double[]? AllValues => Values.StartsWith('[') ? ParseList(Values) : null;

    /// <summary>"first 4: [...], sum S, min m, max M" statistics, when given.</summary>
    public (double[] First, double Sum, double Min, double Max)? Stats
    {
        get
        {
            Match m = Regex.Match(Values, @"^first \d+: (\[[^\]]*\]), sum (\S+), min (\S+), max (\S+)$");
            return m.Success
                ? (ParseList(m.Groups[1].Value), D(m.Groups[2].Value), D(m.Groups[3].Value), D(m.Groups[4].Value))
                : null;
        }
    }

    private static double[] ParseList(string s) =>
        s.Trim('[', ']')
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(D)
            .ToArray();

    private static double D(string s) => double.Parse(s, CultureInfo.InvariantCulture);
}

/// <summary>A "## Bundle `prefix`" section of a fixture README.</summary>
public sealed record DocumentedBundle(
    string Folder,
    string Prefix,
    bool Snappy,
    IReadOnlyList<DocumentedTensor> Tensors
)
{
    public string PrefixPath => SharedData.Fixture(Folder, Prefix);

    public override string ToString() => $"{Folder}/{Prefix}";
}

/// <summary>Parses the entry tables of the fixture READMEs so tests check exactly what they document.</summary>
public static class FixtureReadme
{
    public static IReadOnlyList<DocumentedBundle> AllBundles()
    {
        var result = new List<DocumentedBundle>();
        foreach (string dir in Directory.GetDirectories(SharedData.Fixture()).Order(StringComparer.Ordinal))
        {
            string readme = System.IO.Path.Combine(dir, "README.md");
            if (File.Exists(readme))
            {
                result.AddRange(Parse(System.IO.Path.GetFileName(dir), File.ReadAllLines(readme)));
            }
        }
        return result;
    }

    public static DocumentedBundle Bundle(string folder, string prefix) =>
        AllBundles().Single(b => b.Folder == folder && b.Prefix == prefix);

    private static IEnumerable<DocumentedBundle> Parse(string folder, string[] lines)
    {
        string? prefix = null;
        bool snappy = false;
        var tensors = new List<DocumentedTensor>();
        foreach (string line in lines.Append("## end"))
        {
            if (line.StartsWith("## "))
            {
                if (prefix is not null)
                {
                    yield return new DocumentedBundle(folder, prefix, snappy, tensors);
                }
                Match header = Regex.Match(line, @"^## Bundle `([^`]+)`");
                prefix = header.Success ? header.Groups[1].Value : null;
                snappy = false;
                tensors = [];
                continue;
            }
            if (prefix is null)
            {
                continue;
            }
            if (line.Contains("block type 1 (Snappy)"))
            {
                snappy = true;
            }
            Match row = Regex.Match(
                line,
                @"^\| `([^`]+)` \| (DT_\w+) \| \[([^\]]*)\] \| (\d+) \| (\d+) \| 0x([0-9a-f]{8}) \| (\d+) \| (.*) \|$"
            );
            if (row.Success)
            {
                tensors.Add(
                    new DocumentedTensor(
                        row.Groups[1].Value,
                        DType(row.Groups[2].Value),
                        row.Groups[3]
                            .Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                            .Select(long.Parse)
                            .ToArray(),
                        long.Parse(row.Groups[4].Value),
                        long.Parse(row.Groups[5].Value),
                        uint.Parse(row.Groups[6].Value, NumberStyles.HexNumber),
                        int.Parse(row.Groups[7].Value),
                        row.Groups[8].Value.Trim()
                    )
                );
            }
        }
    }

    private static TfDataType DType(string name) => name switch
    {
        "DT_FLOAT" => TfDataType.Float,
        "DT_DOUBLE" => TfDataType.Double,
        "DT_INT32" => TfDataType.Int32,
        "DT_INT64" => TfDataType.Int64,
        "DT_STRING" => TfDataType.String,
        "DT_BOOL" => TfDataType.Bool,
        _ => throw new FormatException($"README dtype {name} not handled by the test parser"),
    };
}
