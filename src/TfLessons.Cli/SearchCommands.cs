using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using TfLessons.Examples;
using TfLessons.Examples.Course;
using TfLessons.Search;

namespace TfLessons.Cli;

/// <summary>
/// <c>tfl search run|worker|status|report</c>: random, grid and coarse-to-fine searches over a lesson's model, one
/// trial at a time (panda) or with worker processes sharing one study (caviar), stored in Optuna's schema.
/// </summary>
public static class SearchCommands
{
    private static readonly LessonOption StudyName = LessonOption.Text("study", "the study's name") with
    {
        Required = true,
    };
    private static readonly LessonOption StorageUrl = LessonOption.Text(
        "storage",
        "sqlite:///FILE.db or postgresql://user@host:port/db (default: sqlite:///STUDY.db here)"
    );
    private static readonly LessonOption ObjectiveSpec = LessonOption.Text(
        "objective",
        "optimization[:adam|momentum|gd]: the optimization lesson's model",
        "optimization:adam"
    );
    private static readonly LessonOption TrialCount = LessonOption.Int(
        "trials",
        20,
        "trials in the study (retries not counted)"
    );
    private static readonly LessonOption EpochCount = LessonOption.Int("epochs", 1000, "training epochs per trial");

    internal static Command Search()
    {
        var search = new Command(
            "search",
            "hyperparameter search over the optimization lesson's model, in Optuna's schema (SQLite or PostgreSQL)"
        );
        search.Subcommands.Add(RunCommand());
        search.Subcommands.Add(WorkerCommand());
        search.Subcommands.Add(StatusCommand());
        search.Subcommands.Add(ReportCommand());
        return search;
    }

    private static Command RunCommand()
    {
        var command = new Command(
            "run",
            "create (or join) a study and run its trials: --workers "
                + "1 is panda mode (one trial at a time, a live curve, "
                + "checkpoints, --resume retries an interrupted trial from "
                + "its last checkpoint); --workers N starts N worker processes"
        );
        var param = ParamOption();
        var declared = new DeclaredOptions(
            command,
            [
                StudyName,
                StorageUrl,
                ObjectiveSpec,
                new("space", OptionKind.InputPath, "a JSON search space file instead of --param"),
                TrialCount,
                LessonOption.Int("workers", 1, "1: panda mode in this process; N: N worker processes"),
                EpochCount,
                LessonOption.Text("sampler", "random, grid[:points] or c2f:trialsPerRound[:shrink[:top]]", "random"),
                LessonOption.Text(
                    "pruner",
                    "none, median[:startup[:warmup[:interval]]] or halving[:minResource[:eta[:rate]]]",
                    "none"
                ),
                LessonOption.Int("seed", 0, "the sampler's seed", Bound.NonNegative),
                LessonOption.OutputDirectory(
                    "checkpoint-dir",
                    "panda mode: trial checkpoints under DIR/trial-N "
                        + "(default: beside the study, STUDY.db.trials/STUDY-ID/)"
                ),
                LessonOption.Flag(
                    "resume",
                    "continue an existing study: its interrupted trial is retried from its last checkpoint"
                ),
            ]
        );
        command.Options.Insert(3, param);
        command.SetAction(p => RunStudy(declared.Read(p), p.GetValue(param) ?? [], p.InvocationConfiguration));
        return command;
    }

    private static Command WorkerCommand()
    {
        var command = new Command(
            "worker",
            "one worker process of an existing study (what search run --workers N starts)"
        );
        var declared = new DeclaredOptions(command, [StudyName, StorageUrl, ObjectiveSpec, TrialCount, EpochCount]);
        command.SetAction(p => Work(declared.Read(p), p.InvocationConfiguration));
        return command;
    }

    private static Command StatusCommand()
    {
        var command = new Command("status", "the studies in a storage, or one study's best trials");
        var declared = new DeclaredOptions(
            command,
            [
                StudyName with
                {
                    Required = false,
                    Description = "one study's best trials (default: every study in the storage)",
                },
                StorageUrl,
            ]
        );
        command.SetAction(p => Status(declared.Read(p), p.InvocationConfiguration));
        return command;
    }

    private static Command ReportCommand()
    {
        var command = new Command(
            "report",
            "an HTML report of a study: history, parameter plots, coarse-to-fine rounds"
        );
        var declared = new DeclaredOptions(
            command,
            [
                StudyName,
                StorageUrl,
                new("out", OptionKind.OutputFile, "the HTML file to write") { Required = true },
                LessonOption.Text("rounds", "two parameters for the coarse-to-fine rounds plot, as lr,beta"),
            ]
        );
        command.SetAction(p => Report(declared.Read(p), p.InvocationConfiguration));
        return command;
    }

    private static Option<string[]> ParamOption()
    {
        var param = new Option<string[]>("--param")
        {
            Description =
                "a parameter NAME=KIND:ARGS, repeated; kinds: uniform:lo:hi "
                + "int:lo:hi[:step] log:lo:hi oneminuslog:lo:hi cat:a,b,c pow2:lo:hi",
            HelpName = "NAME=KIND:ARGS",
        };
        param.Validators.Add(r =>
        {
            foreach (var token in r.Tokens)
            {
                if (token.Value.StartsWith("--", StringComparison.Ordinal))
                {
                    r.AddError($"--param: missing value (the next argument is the option '{token.Value}')");
                    continue;
                }
                try
                {
                    SpaceParser.ParseOne(token.Value);
                }
                catch (Exception e) when (CliErrors.IsInputError(e))
                {
                    r.AddError($"--param '{token.Value}': {CliErrors.OneLine(e)}");
                }
            }
        });
        return param;
    }

    private static int RunStudy(LessonOptions o, string[] param, InvocationConfiguration io)
    {
        string name = Required(o, "study");
        SearchSpace space =
            o.String("space") is string file ? ParseSpaceFile(file)
            : param.Length > 0 ? SpaceParser.Parse(param)
            : throw new ArgumentException("--param (or --space FILE) is required");
        int epochs = o.Int("epochs"),
            trials = o.Int("trials"),
            workers = o.Int("workers");
        MoonsObjective objective = MoonsObjective.Parse(o.String("objective")!, epochs);
        objective.Check(space);
        if (workers > 1 && o.IsGiven("checkpoint-dir"))
            throw new ArgumentException("--checkpoint-dir: only panda mode (--workers 1) keeps trial checkpoints");
        var config = new StudyConfig
        {
            Name = name,
            Space = space,
            Seed = (ulong)o.Int("seed"),
            Sampler = Parsed("sampler", o.String("sampler")!, Samplers.Parse),
            Pruner = Parsed("pruner", o.String("pruner")!, Pruners.Parse),
        };
        string url = Url(o);
        using IStudyStorage storage = Open(url, io.Error);
        // --resume continues a study that must already exist (its interrupted trial is retried from its checkpoint
        // once its heartbeat is stale); without it the study is created, or joined if it exists with the same space.
        if (o.Flag("resume") && storage.FindStudy(name) is null)
            throw new ArgumentException($"--resume: there is no study '{name}' in {url} to resume");
        Study study = Study.CreateOrLoad(storage, config);
        TextWriter output = io.Output;
        var clock = Stopwatch.StartNew();
        if (workers <= 1)
        {
            // Panda: one trial at a time in this process, a line per report, checkpoints kept beside the study.
            objective = new MoonsObjective(objective.Optimizer, epochs)
            {
                CheckpointDir = o.String("checkpoint-dir") ?? TrialCheckpoints.DefaultRoot(url, study.Id),
                CheckpointOwner = TrialCheckpoints.Owner(url, study.Id),
                Log = output.WriteLine,
                OnReport = (t, curve) =>
                    output.WriteLine(
                        $"trial {t.Number} epoch {curve[^1].Epoch,6}: validation cost "
                            + $"{curve[^1].Cost:F4}  {Sparkline(curve.Select(c => c.Cost))}"
                    ),
            };
            OutputProbe.Directory(
                objective.CheckpointDir,
                o.IsGiven("checkpoint-dir") ? "--checkpoint-dir" : "trial checkpoints"
            );
            new StudyRunner(study, t => objective.Evaluate(t), Options(output)).Run(trials);
        }
        else
        {
            // Caviar: worker processes on this machine share the study through its storage.
            var procs = Enumerable
                .Range(0, workers)
                .Select(_ => StartWorker(url, name, o.String("objective")!, trials, epochs))
                .ToList();
            foreach (Process p in procs)
            {
                p.WaitForExit();
                if (p.ExitCode != 0) output.WriteLine($"worker {p.Id} exited with code {p.ExitCode}");
            }
        }
        var done = study.GetTrials();
        output.WriteLine(
            $"study {name}: {done.Count} trials in {clock.Elapsed.TotalSeconds:F1} s "
                + $"({done.Count / Math.Max(clock.Elapsed.TotalMinutes, 1e-9):F0} trials/min)"
        );
        ReportTable.Render(study, CommandRouter.ConsoleFor(output), 10);
        return 0;
    }

    private static int Work(LessonOptions o, InvocationConfiguration io)
    {
        string name = Required(o, "study");
        using IStudyStorage storage = OpenExisting(o, io.Error);
        Study study = Study.Load(storage, name);
        MoonsObjective objective = MoonsObjective.Parse(o.String("objective")!, o.Int("epochs"));
        objective.Check(study.Space);
        new StudyRunner(study, t => objective.Evaluate(t), Options(io.Output)).Run(o.Int("trials"));
        return 0;
    }

    private static int Status(LessonOptions o, InvocationConfiguration io)
    {
        if (o.String("study") is null && o.String("storage") is null)
            throw new ArgumentException("give --storage URL (or --study NAME for sqlite:///NAME.db)");
        var console = CommandRouter.ConsoleFor(io.Output);
        string? name = o.String("study");
        using IStudyStorage storage = OpenExisting(o, io.Error);
        if (name is null) ReportTable.RenderStudies(storage, console);
        else ReportTable.Render(Study.Load(storage, name), console, 20);
        return 0;
    }

    private static int Report(LessonOptions o, InvocationConfiguration io)
    {
        string path = Required(o, "out");
        string name = Required(o, "study");
        using IStudyStorage storage = OpenExisting(o, io.Error);
        Study study = Study.Load(storage, name);
        var options = new HtmlReportOptions();
        if (o.String("rounds") is string rounds)
        {
            string[] pair = rounds.Split(',');
            if (pair.Length != 2 || !pair.All(study.Space.Select(p => p.Name).Contains))
                throw new ArgumentException(
                    $"--rounds: give two of the study's parameters "
                        + $"({string.Join(", ", study.Space.Select(p => p.Name))}), as lr,beta (got '{rounds}')"
                );
            options = options with { RoundsParams = (pair[0], pair[1]) };
        }
        HtmlReport.Write(study, path, options);
        ReportTable.Render(study, CommandRouter.ConsoleFor(io.Output), 10);
        io.Output.WriteLine($"wrote {Path.GetFullPath(path)}");
        return 0;
    }

    /// <summary>A learning curve in one line of block characters (lower cost, lower bar).</summary>
    public static string Sparkline(IEnumerable<double> values)
    {
        const string bars = "▁▂▃▄▅▆▇█";
        double[] v = values.ToArray();
        double lo = v.Min(),
            hi = v.Max();
        return new string(
            v.Select(x => bars[hi > lo ? (int)Math.Round((x - lo) / (hi - lo) * (bars.Length - 1)) : 0]).ToArray()
        );
    }

    private static string Url(LessonOptions o) => o.String("storage") ?? $"sqlite:///{Required(o, "study")}.db";

    private static IStudyStorage Open(string url, TextWriter error) =>
        StudyStorage.Open(url, new StorageOptions { Log = m => error.WriteLine($"[storage] {m}") });

    // Commands that read a study never create a storage: a mistyped SQLite path is an error, not a new empty file.
    private static IStudyStorage OpenExisting(LessonOptions o, TextWriter error)
    {
        string? study = o.String("study");
        string url = Url(o);
        if (TrialCheckpoints.SqlitePath(url) is string file && !File.Exists(file))
            throw new ArgumentException(
                study is null
                    ? $"no storage at {url} ({file} does not exist)"
                    : $"no study named '{study}' in {url} ({file} does not exist)"
            );
        return Open(url, error);
    }

    private static SearchSpace ParseSpaceFile(string file)
    {
        try
        {
            return SpaceParser.ParseJsonFile(file);
        }
        catch (Exception e) when (e is FormatException or SearchSpaceException or System.Text.Json.JsonException)
        {
            throw new ArgumentException($"--space {file}: {CliErrors.OneLine(e)}", e);
        }
    }

    private static T Parsed<T>(string option, string value, Func<string, T> parse)
    {
        try
        {
            return parse(value);
        }
        catch (FormatException e)
        {
            throw new ArgumentException($"--{option}: {e.Message}", e);
        }
    }

    private static string Required(LessonOptions o, string name) =>
        o.String(name) ?? throw new ArgumentException($"--{name} is required");

    private static RunnerOptions Options(TextWriter output) =>
        new() { HeartbeatInterval = TimeSpan.FromSeconds(5), Log = output.WriteLine };

    private static Process StartWorker(string url, string study, string objective, int trials, int epochs)
    {
        string self = Environment.GetCommandLineArgs()[0];
        bool viaDotnet = self.EndsWith(".dll", StringComparison.OrdinalIgnoreCase);
        var start = new ProcessStartInfo(viaDotnet ? "dotnet" : self) { UseShellExecute = false };
        if (viaDotnet)
            start.ArgumentList.Add(self);
        foreach (
            string a in new[]
            {
                "search",
                "worker",
                "--storage",
                url,
                "--study",
                study,
                "--objective",
                objective,
                "--trials",
                trials.ToString(CultureInfo.InvariantCulture),
                "--epochs",
                epochs.ToString(CultureInfo.InvariantCulture),
            }
        )
            start.ArgumentList.Add(a);
        return Process.Start(start) ?? throw new InvalidOperationException("could not start a search worker process");
    }
}
