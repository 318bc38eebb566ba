using TfLessons.Course;
using TfLessons.Examples.Course;

namespace TfLessons.Examples;

/// <summary>Options every course lesson shares: which runs, JSON output, comparison with published numbers.</summary>
public static class LessonCommon
{
    /// <summary>Options every lesson accepts.</summary>
    public static IReadOnlyList<LessonOption> Shared { get; } =
    [
        new("json", OptionKind.OutputFile, "write the runs' numbers as JSON to this file"),
        LessonOption.Flag(
            "compare",
            "print each number the notebook publishes beside ours (exit code 1 if one differs)"
        ),
        LessonOption.OutputDirectory(
            "logdir",
            "write TensorBoard event files under this directory, one folder per run"
        ),
        LessonOption.OutputDirectory(
            "plots",
            "write the notebook's figures (PNG) into this directory and print their paths"
        ),
    ];

    /// <summary>The --runs option of a lesson with several runs.</summary>
    public static LessonOption Runs(params string[] available) =>
        LessonOption.Text("runs", $"comma-separated runs to do ({string.Join(",", available)}; default: all)");

    /// <summary>The runs named by --runs a,b (all by default), validated against the lesson's runs.</summary>
    public static string[] SelectRuns(LessonOptions options, string lesson, string[] available)
    {
        string? list = options.String("runs");
        if (list is null) return available;
        string[] chosen = list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (string r in chosen)
        {
            if (!available.Contains(r))
                throw new ArgumentException(
                    $"--runs: lesson {lesson} has no run '{r}' (runs: {string.Join(", ", available)})"
                );
        }
        return chosen;
    }

    /// <summary>
    /// TensorBoard curves of lessons that do not log while training: each run's recorded costs and final accuracies
    /// under LOGDIR/RUN (the optimization lesson writes its own, live, when given --logdir).
    /// </summary>
    private static void WriteEvents(LessonReport report, string logdir)
    {
        foreach (LessonRun run in report.Runs)
        {
            string dir = Path.Combine(logdir, run.Name);
            if (Directory.Exists(dir) && Directory.EnumerateFiles(dir, "events.out.tfevents.*").Any()) continue;
            using var writer = tf.summary.FileWriter(dir);
            foreach (var (iteration, cost) in run.Costs) writer.add_scalar("cost", cost, iteration);
            int last = run.Costs.Count > 0 ? run.Costs[^1].Iteration : 0;
            if (run.TrainAccuracy is double train) writer.add_scalar("train_accuracy", train, last);
            if (run.TestAccuracy is double test) writer.add_scalar("test_accuracy", test, last);
            if (run.Difference is double d) writer.add_scalar("difference", d, 0);
        }
    }

    /// <summary>Writes --json and prints the --compare table; returns the exit code (1 when a compared number
    /// differs).</summary>
    public static int Finish(LessonReport report, LessonOptions options, TextWriter output)
    {
        if (options.String("json") is string path) report.WriteJson(path);
        if (options.String("logdir") is string logdir) WriteEvents(report, logdir);
        options.OnReport?.Invoke(report);
        if (!options.Flag("compare")) return 0;
        output.WriteLine();
        return report.PrintComparison(output) == 0 ? 0 : 1;
    }
}
