using TfLessons.Course;
using TfLessons.Examples.Course;
using TfLessons.Search;

namespace TfLessons.Examples;

/// <summary>
/// Course 2 week 3, hyperparameter tuning: random search beside a grid on the optimization lesson's model (how many
/// distinct values of each parameter each one tries), then coarse to fine over the learning rate (log scale), beta
/// (1 - beta on a log scale) and the hidden width, with two workers sharing one study (caviar mode).
/// </summary>
public sealed class TuningLesson : ILesson
{
    public string Name => "tuning";
    public string Description =>
        "C2W3 tuning: random vs grid search, then coarse-to-fine over lr (log), beta (1-beta log), "
        + "hidden, 2 workers (--trials 9, --rounds 3, --epochs 300, --storage URL, --report FILE.html)";

    public IReadOnlyList<LessonOption> Options { get; } =
    [
        LessonOption.Int("trials", 9, "trials of each search (and per coarse-to-fine round)"),
        LessonOption.Int("rounds", 3, "coarse-to-fine rounds"),
        LessonOption.Int("epochs", 300, "training epochs per trial"),
        LessonOption.Int("workers", 2, "worker threads sharing each study"),
        LessonOption.Text("storage", "study storage URL (default: a SQLite file in a new temporary folder)"),
        new("report", OptionKind.OutputFile, "write the coarse-to-fine study's HTML report to this file"),
    ];

    public int Run(LessonOptions options, TextWriter output)
    {
        int trials = options.Int("trials"),
            rounds = options.Int("rounds"),
            epochs = options.Int("epochs"),
            workers = options.Int("workers");
        string dir = Directory.CreateTempSubdirectory("tfl-tuning-").FullName;
        string url = options.String("storage") ?? $"sqlite:///{Path.Combine(dir, "tuning.db")}";
        var objective = new MoonsObjective("momentum", epochs);
        using IStudyStorage storage = StudyStorage.Open(url);
        var report = new LessonReport(Name);

        output.WriteLine($"== random vs grid: {trials} trials each over lr and beta ==");
        SearchSpace twoParams = new SearchSpace().Log("lr", 1e-4, 1).OneMinusLog("beta", 0.8, 0.999);
        int points = (int)Math.Round(Math.Sqrt(trials));
        foreach (
            var (name, sampler) in new (string, ISampler)[]
            {
                ("grid", new GridSampler(points)),
                ("random", new RandomSampler()),
            }
        )
        {
            Study study = Study.CreateOrLoad(
                storage,
                new StudyConfig
                {
                    Name = $"{name}-{Guid.NewGuid():N}",
                    Space = twoParams,
                    Sampler = sampler,
                    Seed = 1,
                }
            );
            new StudyRunner(study, t => objective.Evaluate(t)).RunParallel(
                name == "grid" ? points * points : trials,
                workers
            );
            var distinct = GridSampler.DistinctValueCounts(study.GetTrials());
            TrialRecord best = study.BestTrial()!;
            output.WriteLine(
                $"{name,-7} distinct values tried: lr {distinct["lr"]}, beta {distinct["beta"]}; best "
                    + $"validation cost {best.Value:F4} (lr {best.Params["lr"]:G3}, beta {best.Params["beta"]:G4})"
            );
            report.Runs.Add(new LessonRun(name) { Difference = best.Value });
        }

        output.WriteLine(
            $"== coarse to fine: {rounds} rounds of {trials} trials over lr, beta, hidden, {workers} workers =="
        );
        SearchSpace space = new SearchSpace().Log("lr", 1e-4, 1).OneMinusLog("beta", 0.8, 0.999).Int("hidden", 2, 30);
        Study c2f = Study.CreateOrLoad(
            storage,
            new StudyConfig
            {
                Name = $"coarse-to-fine-{Guid.NewGuid():N}",
                Space = space,
                Sampler = new CoarseToFineSampler(trials, 0.3),
                Seed = 2,
            }
        );
        new StudyRunner(c2f, t => objective.Evaluate(t)).RunParallel(trials * rounds, workers);
        foreach (CoarseToFineRound round in c2f.Rounds())
        {
            var inRound = c2f.GetTrials().Where(t => t.Number / trials == round.Round && t.Value is not null).ToList();
            double bestInRound = inRound.Count == 0 ? double.NaN : inRound.Min(t => t.Value!.Value);
            string box = string.Join(
                ", ",
                space.Select(p =>
                    round.Box.Ranges.TryGetValue(p.Name, out ParamRange? r)
                        ? $"{p.Name} [{Math.Min(Natural(p, r.Lo), Natural(p, r.Hi)):G3}, "
                            + $"{Math.Max(Natural(p, r.Lo), Natural(p, r.Hi)):G3}]"
                        : p.Name
                )
            );
            output.WriteLine($"round {round.Round}: {box}; best validation cost {bestInRound:F4}");
        }
        TrialRecord winner = c2f.BestTrial()!;
        output.WriteLine(
            $"best: trial {winner.Number}, validation cost {winner.Value:F4}, "
                + $"{string.Join(", ", winner.Params.Select(p => $"{p.Key} {p.Value:G4}"))}"
        );
        report.Runs.Add(new LessonRun("coarse-to-fine") { Difference = winner.Value });
        if (options.String("report") is string html)
        {
            HtmlReport.Write(c2f, html, new HtmlReportOptions { RoundsParams = ("lr", "beta") });
            output.WriteLine($"report: {Path.GetFullPath(html)}");
        }
        return LessonCommon.Finish(report, options, output);
    }

    /// <summary>A box edge in the parameter's own units (boxes are kept on the sampling coordinates: log10 for lr,
    /// ...).</summary>
    private static double Natural(ParamSpec p, double coordinate) => p.FromCoord(coordinate);
}
