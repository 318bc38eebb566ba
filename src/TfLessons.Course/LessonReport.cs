using System.Text.Json;
using System.Text.Json.Nodes;

namespace TfLessons.Course;

/// <summary>What one run of a lesson produced: its printed costs and final metrics.</summary>
public sealed class LessonRun(string name)
{
    public string Name { get; } = name;
    public List<(int Iteration, double Cost)> Costs { get; } = [];
    public double? TrainAccuracy { get; set; }
    public double? TestAccuracy { get; set; }
    public double? Difference { get; set; }

    /// <summary>The trained parameters by variable name, when the lesson keeps them.</summary>
    public Dictionary<string, NDArray> Parameters { get; } = [];

    public double CostAt(int iteration) => Costs.First(c => c.Iteration == iteration).Cost;
}

/// <summary>A lesson's runs, written as the JSON the CLI's --json option documents and compared with published
/// numbers.</summary>
public sealed class LessonReport(string lesson)
{
    public string Lesson { get; } = lesson;
    public List<LessonRun> Runs { get; } = [];

    public LessonRun Run(string name) => Runs.First(r => r.Name == name);

    public string ToJson()
    {
        var runs = new JsonArray();
        foreach (LessonRun r in Runs)
        {
            var o = new JsonObject
            {
                ["name"] = r.Name,
                ["costs"] = new JsonArray(
                    r.Costs.Select(c => (JsonNode)new JsonArray(c.Iteration, Number(c.Cost))).ToArray()
                ),
            };
            if (r.TrainAccuracy is double tr)
                o["train_accuracy"] = tr;
            if (r.TestAccuracy is double te)
                o["test_accuracy"] = te;
            if (r.Difference is double d)
                o["difference"] = d;
            runs.Add(o);
        }
        return new JsonObject { ["lesson"] = Lesson, ["runs"] = runs }.ToJsonString(
            new JsonSerializerOptions { WriteIndented = true }
        );
    }

    // JSON has no inf/nan: they are written as strings, as Python's json module would need them spelled.
    private static JsonNode Number(double v) =>
        double.IsFinite(v) ? JsonValue.Create(v) : JsonValue.Create(PyFormat.Repr(v));

    /// <summary>Writes the JSON atomically (temporary file, then rename).</summary>
    public void WriteJson(string path)
    {
        string full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        string temp = full + ".tmp" + Environment.ProcessId;
        File.WriteAllText(temp, ToJson());
        File.Move(temp, full, overwrite: true);
    }

    /// <summary>The --compare table: every published number of this lesson beside ours, with the difference and a
    /// verdict.</summary>
    public int PrintComparison(TextWriter output)
    {
        var rows = Published.For(Lesson).ToList();
        if (rows.Count == 0)
        {
            output.WriteLine($"no published numbers are stored for lesson {Lesson}");
            return 0;
        }
        output.WriteLine($"{"run",-18} {"quantity",-16} {"published",-22} {"ours",-22} {"difference",-12} verdict");
        int failures = 0;
        foreach (PublishedValue p in rows)
        {
            LessonRun? run = Runs.FirstOrDefault(r => r.Name == p.Run);
            double? ours = run is null ? null : p.Read(run);
            string verdict;
            string diff = "";
            if (ours is not double v) verdict = "not run";
            else
            {
                double d = v - p.Value;
                diff = double.IsFinite(d)
                    ? d.ToString("0.0e+0", System.Globalization.CultureInfo.InvariantCulture)
                    : (v.Equals(p.Value) ? "0" : "n/a");
                bool ok = v.Equals(p.Value) || Math.Abs(d) <= p.Tolerance * Math.Max(1, Math.Abs(p.Value));
                verdict = ok ? "match" : "DIFFERS";
                if (!ok) failures++;
            }
            output.WriteLine(
                $"{p.Run,-18} {p.Quantity,-16} {PyFormat.Repr(p.Value),-22} "
                    + $"{(ours is double o ? PyFormat.Repr(o) : "-"),-22} {diff,-12} {verdict}"
            );
        }
        output.WriteLine($"sources: {string.Join("; ", rows.Select(r => r.Source).Distinct())}");
        return failures;
    }
}
