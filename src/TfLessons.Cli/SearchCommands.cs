using System.Diagnostics;
using Spectre.Console;
using TfLessons.Examples.Course;
using TfLessons.Search;

namespace TfLessons.Cli;

/// <summary>
/// <c>tfl search run|worker|status|report</c>: random, grid and coarse-to-fine searches over a lesson's model, one
/// trial at a time (panda) or with worker processes sharing one study (caviar), stored in Optuna's schema.
/// </summary>
public static class SearchCommands
{
    public const string Usage = """
        tfl search run --study NAME [--storage URL] --objective optimization[:adam|momentum|gd] --param NAME=KIND:ARGS ... | --space FILE.json
                       [--trials N] [--workers N] [--epochs N] [--sampler random|grid:5|c2f:8:0.3] [--pruner none|median:5:2|halving:1:3] [--seed S]
                       --workers 1 is panda mode: one trial at a time, a live learning curve, checkpoints under --checkpoint-dir
                       (run the same command with --resume to continue: an interrupted trial is retried from its last checkpoint)
        tfl search worker --study NAME [--storage URL] --objective ... [--trials N] [--epochs N]
        tfl search status [--storage URL] [--study NAME]
        tfl search report --study NAME [--storage URL] --out report.html [--rounds lr,beta]
        parameter kinds: uniform:lo:hi  int:lo:hi[:step]  log:lo:hi  oneminuslog:lo:hi  cat:a,b,c  pow2:lo:hi
        storage URLs: sqlite:///study.db (default: sqlite:///NAME.db here)  postgresql://user@host:port/db
        """;

    public static int Run(string verb, string[] args, TextWriter output)
    {
        var o = Parse(args);
        string? study = One(o, "study");
        string url = One(o, "storage") ?? (study is null ? throw new ArgumentException("--storage or --study is required") : $"sqlite:///{study}.db");
        try
        {
            using IStudyStorage storage = StudyStorage.Open(url, new StorageOptions { Log = m => Console.Error.WriteLine($"[storage] {m}") });
            return verb switch
            {
                "run" => RunStudy(storage, url, Required(study, "study"), o, args, output),
                "worker" => Work(storage, Required(study, "study"), o, output),
                "status" => Status(storage, study),
                "report" => Report(storage, Required(study, "study"), Required(One(o, "out"), "out"), One(o, "rounds"), output),
                _ => throw new ArgumentException($"tfl search: unknown command '{verb}'\n{Usage}"),
            };
        }
        catch (Exception e) when (e is StorageException or SearchSpaceException or StudyExistsException)
        {
            throw new ArgumentException(e.Message, e);
        }
    }

    private static int RunStudy(IStudyStorage storage, string url, string name, Dictionary<string, List<string>> o, string[] args, TextWriter output)
    {
        SearchSpace space = One(o, "space") is string file ? SpaceParser.ParseJsonFile(file) : SpaceParser.Parse(o.GetValueOrDefault("param") ?? throw new ArgumentException("--param (or --space FILE) is required"));
        int epochs = Int(o, "epochs", 1000), trials = Int(o, "trials", 20), workers = Int(o, "workers", 1);
        MoonsObjective objective = MoonsObjective.Parse(One(o, "objective") ?? "optimization:adam", epochs);
        objective.Check(space);
        if (workers <= 1)
        {
            objective = new MoonsObjective(objective.Optimizer, epochs)
            {
                CheckpointDir = One(o, "checkpoint-dir") ?? Path.Combine(Path.GetTempPath(), $"tfl-search-{name}"),
                OnReport = (t, curve) => output.WriteLine($"trial {t.Number} epoch {curve[^1].Epoch,6}: validation cost {curve[^1].Cost:F4}  {Sparkline(curve.Select(c => c.Cost))}"),
            };
        }
        var config = new StudyConfig
        {
            Name = name,
            Space = space,
            Seed = (ulong)Int(o, "seed", 0),
            Sampler = Samplers.Parse(One(o, "sampler") ?? "random"),
            Pruner = Pruners.Parse(One(o, "pruner") ?? "none"),
        };
        // --resume continues a study that must already exist (its interrupted trial is retried from its checkpoint
        // once its heartbeat is stale); without it the study is created, or joined if it exists with the same space.
        if (o.ContainsKey("resume") && storage.FindStudy(name) is null) throw new ArgumentException($"--resume: there is no study '{name}' in {url} to resume");
        Study study = Study.CreateOrLoad(storage, config);
        var clock = Stopwatch.StartNew();
        if (workers <= 1)
        {
            // Panda: one trial at a time in this process, with a line per trial.
            new StudyRunner(study, t => objective.Evaluate(t), Options(output)).Run(trials);
        }
        else
        {
            // Caviar: worker processes on this machine share the study through its storage.
            var procs = Enumerable.Range(0, workers).Select(_ => StartWorker(url, name, One(o, "objective") ?? "optimization:adam", trials, epochs)).ToList();
            foreach (Process p in procs)
            {
                p.WaitForExit();
                if (p.ExitCode != 0) output.WriteLine($"worker {p.Id} exited with code {p.ExitCode}");
            }
        }
        var done = study.GetTrials();
        output.WriteLine($"study {name}: {done.Count} trials in {clock.Elapsed.TotalSeconds:F1} s ({done.Count / Math.Max(clock.Elapsed.TotalMinutes, 1e-9):F0} trials/min)");
        ReportTable.Render(study, AnsiConsole.Console, 10);
        return 0;
    }

    private static int Work(IStudyStorage storage, string name, Dictionary<string, List<string>> o, TextWriter output)
    {
        Study study = Study.Load(storage, name);
        MoonsObjective objective = MoonsObjective.Parse(One(o, "objective") ?? "optimization:adam", Int(o, "epochs", 1000));
        objective.Check(study.Space);
        new StudyRunner(study, t => objective.Evaluate(t), Options(output)).Run(Int(o, "trials", 20));
        return 0;
    }

    private static int Status(IStudyStorage storage, string? name)
    {
        if (name is null) ReportTable.RenderStudies(storage, AnsiConsole.Console);
        else ReportTable.Render(Study.Load(storage, name), AnsiConsole.Console, 20);
        return 0;
    }

    private static int Report(IStudyStorage storage, string name, string path, string? rounds, TextWriter output)
    {
        Study study = Study.Load(storage, name);
        var options = new HtmlReportOptions();
        if (rounds is not null)
        {
            string[] pair = rounds.Split(',');
            if (pair.Length != 2) throw new ArgumentException($"--rounds: give two parameter names, as lr,beta (got '{rounds}')");
            options = options with { RoundsParams = (pair[0], pair[1]) };
        }
        HtmlReport.Write(study, path, options);
        ReportTable.Render(study, AnsiConsole.Console, 10);
        output.WriteLine($"wrote {Path.GetFullPath(path)}");
        return 0;
    }

    /// <summary>A learning curve in one line of block characters (lower cost, lower bar).</summary>
    public static string Sparkline(IEnumerable<double> values)
    {
        const string bars = "▁▂▃▄▅▆▇█";
        double[] v = values.ToArray();
        double lo = v.Min(), hi = v.Max();
        return new string(v.Select(x => bars[hi > lo ? (int)Math.Round((x - lo) / (hi - lo) * (bars.Length - 1)) : 0]).ToArray());
    }

    private static RunnerOptions Options(TextWriter output) => new() { HeartbeatInterval = TimeSpan.FromSeconds(5), Log = m => output.WriteLine(m) };

    private static Process StartWorker(string url, string study, string objective, int trials, int epochs)
    {
        string self = Environment.GetCommandLineArgs()[0];
        bool viaDotnet = self.EndsWith(".dll", StringComparison.OrdinalIgnoreCase);
        var start = new ProcessStartInfo(viaDotnet ? "dotnet" : self) { UseShellExecute = false };
        if (viaDotnet) start.ArgumentList.Add(self);
        foreach (string a in new[] { "search", "worker", "--storage", url, "--study", study, "--objective", objective, "--trials", trials.ToString(System.Globalization.CultureInfo.InvariantCulture), "--epochs", epochs.ToString(System.Globalization.CultureInfo.InvariantCulture) })
            start.ArgumentList.Add(a);
        return Process.Start(start) ?? throw new InvalidOperationException("could not start a search worker process");
    }

    private static Dictionary<string, List<string>> Parse(string[] args)
    {
        var o = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        for (int i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal)) throw new ArgumentException($"tfl search: unexpected argument '{args[i]}'\n{Usage}");
            string key = args[i][2..];
            string value = i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal) ? args[++i] : "";
            if (!o.TryGetValue(key, out var list)) o[key] = list = [];
            list.Add(value);
        }
        return o;
    }

    private static string? One(Dictionary<string, List<string>> o, string key) => o.TryGetValue(key, out var v) ? v[^1] : null;

    private static string Required(string? value, string key) => value ?? throw new ArgumentException($"--{key} is required\n{Usage}");

    private static int Int(Dictionary<string, List<string>> o, string key, int fallback) =>
        One(o, key) is not string s ? fallback : int.TryParse(s, System.Globalization.CultureInfo.InvariantCulture, out int n) && n > 0 ? n : throw new ArgumentException($"--{key}: '{s}' is not a positive integer");
}
