using System.Globalization;
using TfLessons.IO.Checkpoint;
using TfLessons.IO.Events;
using TfLessons.Train;

namespace TfLessons.Cli;

/// <summary><c>tfl ckpt inspect|diff</c> and <c>tfl events</c>: TensorFlow's inspect_checkpoint and an event-file
/// reader.</summary>
public static class CheckpointCommands
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Accepts a checkpoint prefix, its .index file, or a directory with a checkpoint state file.</summary>
    public static string ResolvePrefix(string path)
    {
        if (Directory.Exists(path))
            return CheckpointState.LatestCheckpoint(path)
                ?? throw new ArgumentException($"{path}: no 'checkpoint' state file naming an existing checkpoint");
        if (path.EndsWith(".index", StringComparison.Ordinal))
            path = path[..^".index".Length];
        if (!File.Exists(CheckpointPaths.Index(path)))
            throw new ArgumentException($"{path}: no checkpoint here ({CheckpointPaths.Index(path)} does not exist)");
        return path;
    }

    public static int Inspect(string path, bool values, TextWriter output)
    {
        string prefix = ResolvePrefix(path);
        using CheckpointReader reader = CheckpointReader.Open(prefix);
        output.WriteLine($"checkpoint {prefix}: {reader.Entries.Count} tensors");
        foreach (CheckpointEntry e in reader.Entries.OrderBy(e => e.Name, StringComparer.Ordinal))
        {
            try
            {
                InspectTensor(reader, e, values, output);
            }
            catch (Exception x)
                when (x is OverflowException or NotSupportedException or InvalidDataException or ArgumentException
                    && !x.Message.Contains(e.Name, StringComparison.Ordinal)
                )
            {
                throw new InvalidDataException(
                    $"checkpoint '{prefix}', tensor '{e.Name}' (shape [{string.Join(",", e.Shape)}]): {x.Message}",
                    x
                );
            }
        }
        return 0;
    }

    private static void InspectTensor(CheckpointReader reader, CheckpointEntry e, bool values, TextWriter output)
    {
        string shape = "[" + string.Join(",", e.Shape) + "]";
        CheckpointTensor t = reader.ReadTensor(e.Name);
        string stats = "";
        if (CheckpointValues.DTypeOf(t.DType) is not null && t.ElementCount > 0)
        {
            double[] v = CheckpointValues.FromCheckpoint(t).ToDoubleArray();
            double mean = v.Average();
            double std = Math.Sqrt(v.Select(x => (x - mean) * (x - mean)).Average());
            stats = string.Create(Inv, $"  min {v.Min():g6}  max {v.Max():g6}  mean {mean:g6}  std {std:g6}");
        }
        output.WriteLine(
            $"tensor_name:  {e.Name}  dtype: "
                + $"{CheckpointValues.DTypeOf(e.DType)?.Name() ?? e.DType.TfName()}  shape: {shape}{stats}"
        );
        if (values && CheckpointValues.DTypeOf(t.DType) is not null)
            output.WriteLine(CheckpointValues.FromCheckpoint(t).ToString());
        else if (values && t.DType == TfDataType.String)
            output.WriteLine(string.Join("\n", t.GetStrings()));
    }

    /// <summary>Tensors only in one checkpoint, with different dtypes or shapes, or with different values (max abs
    /// difference).</summary>
    public static int Diff(string a, string b, TextWriter output)
    {
        using CheckpointReader ra = CheckpointReader.Open(ResolvePrefix(a)),
            rb = CheckpointReader.Open(ResolvePrefix(b));
        int differences = 0;
        foreach (string name in ra.Names.Union(rb.Names).Order(StringComparer.Ordinal))
        {
            if (!rb.Contains(name))
            {
                output.WriteLine($"only in A: {name}");
                differences++;
                continue;
            }
            if (!ra.Contains(name))
            {
                output.WriteLine($"only in B: {name}");
                differences++;
                continue;
            }
            CheckpointEntry ea = ra.GetEntry(name),
                eb = rb.GetEntry(name);
            if (ea.DType != eb.DType || !ea.Shape.SequenceEqual(eb.Shape))
            {
                output.WriteLine(
                    $"differs: {name}: {ea.DType.TfName()} [{string.Join(",", ea.Shape)}] "
                        + $"vs {eb.DType.TfName()} [{string.Join(",", eb.Shape)}]"
                );
                differences++;
                continue;
            }
            CheckpointTensor ta = ra.ReadTensor(name),
                tb = rb.ReadTensor(name);
            if (ta.Data.AsSpan().SequenceEqual(tb.Data))
                continue;
            string detail = CheckpointValues.DTypeOf(ta.DType) is null
                ? ""
                : string.Create(Inv, $" (max |A-B| = {MaxAbsDifference(ta, tb):g6})");
            output.WriteLine($"differs: {name}{detail}");
            differences++;
        }
        output.WriteLine(differences == 0 ? "checkpoints are identical" : $"{differences} tensors differ");
        return differences == 0 ? 0 : 1;
    }

    /// <summary>Prints the scalar series of an event file (or every event file in a directory).</summary>
    public static int Events(string path, TextWriter output)
    {
        string[] files =
            Directory.Exists(path)
                ? Directory
                    .GetFiles(path, "events.out.tfevents.*", SearchOption.AllDirectories)
                    .Order(StringComparer.Ordinal)
                    .ToArray()
            : File.Exists(path) ? [path]
            : throw new ArgumentException($"{path}: no such event file or directory");
        if (files.Length == 0)
            throw new ArgumentException($"{path}: no events.out.tfevents.* files");
        foreach (string file in files)
        {
            output.WriteLine($"# {file}");
            var series = new SortedDictionary<string, List<(long Step, double Value)>>(StringComparer.Ordinal);
            foreach (TfEvent e in EventFileReader.Read(file, allowIncompleteTail: true))
            {
                foreach (SummaryValue v in e.Values)
                {
                    if (v.Scalar is not double scalar) continue;
                    if (!series.TryGetValue(v.Tag, out var list)) series[v.Tag] = list = [];
                    list.Add((e.Step, scalar));
                }
            }
            foreach (var (tag, points) in series)
            {
                output.WriteLine($"{tag}: {points.Count} points");
                foreach (var (step, value) in points) output.WriteLine(string.Create(Inv, $"  {step,8} {value:G9}"));
            }
        }
        return 0;
    }

    private static double MaxAbsDifference(CheckpointTensor a, CheckpointTensor b) =>
        CheckpointValues.FromCheckpoint(a)
            .ToDoubleArray()
            .Zip(CheckpointValues.FromCheckpoint(b).ToDoubleArray(), (x, y) => Math.Abs(x - y))
            .Max();
}
