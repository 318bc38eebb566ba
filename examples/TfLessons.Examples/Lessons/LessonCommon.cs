using TfLessons.Examples.Course;

namespace TfLessons.Examples;

/// <summary>Options every course lesson shares: which runs, JSON output, comparison with published numbers.</summary>
internal static class LessonCommon
{
    /// <summary>The runs named by --runs a,b (all by default), validated against the lesson's runs.</summary>
    public static string[] SelectRuns(LessonOptions options, string lesson, string[] available)
    {
        string? list = options.String("runs");
        if (list is null) return available;
        string[] chosen = list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (string r in chosen)
        {
            if (!available.Contains(r)) throw new ArgumentException($"--runs: lesson {lesson} has no run '{r}' (runs: {string.Join(", ", available)})");
        }
        return chosen;
    }

    /// <summary>Writes --json and prints the --compare table; returns the exit code (1 when a compared number differs).</summary>
    public static int Finish(LessonReport report, LessonOptions options, TextWriter output)
    {
        if (options.String("json") is string path) report.WriteJson(path);
        if (!options.Flag("compare")) return 0;
        output.WriteLine();
        return report.PrintComparison(output) == 0 ? 0 : 1;
    }
}
