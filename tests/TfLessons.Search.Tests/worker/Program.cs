// Test worker: joins an existing study and runs a cheap quadratic objective.
// Usage: worker --storage URL --study NAME --trials N [--sleep-ms 20] [--heartbeat-ms 1000]
//               [--grace-ms 3000] [--poll-ms 200] [--hang] [--create]
// Prints "RAN <trial_id> <number> <pid>" when an objective starts, so the test can prove no
// trial ran twice; with --hang the first objective blocks forever (the test SIGKILLs it);
// --create makes the study (six-parameter demo space, seed 1) if it does not exist, for benchmarks.
using System.Globalization;
using TfLessons.Search;

var options = new Dictionary<string, string>();
for (var i = 0; i < args.Length; i++)
{
    if (args[i] is "--hang" or "--create")
    {
        options[args[i][2..]] = "1";
    }
    else if (args[i].StartsWith("--", StringComparison.Ordinal) && i + 1 < args.Length)
    {
        options[args[i][2..]] = args[++i];
    }
}
int Int(string key, int fallback) =>
    options.TryGetValue(key, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;

try
{
    using var storage = StudyStorage.Open(
        options["storage"],
        new StorageOptions { Log = line => Console.Error.WriteLine(line) }
    );
    var study = options.ContainsKey("create")
        ? Study.CreateOrLoad(
            storage,
            new StudyConfig
            {
                Name = options["study"],
                Space = SpaceParser.Parse([
                    "lr=log:1e-4:1",
                    "beta=oneminuslog:0.9:0.999",
                    "hidden=int:5:50",
                    "opt=cat:adam,momentum,gd",
                    "batch=pow2:16:256",
                    "dropout=uniform:0:0.5",
                ]),
                Seed = 1,
            }
        )
        : Study.Load(storage, options["study"]);
    var sleep = Int("sleep-ms", 20);
    var hang = options.ContainsKey("hang");
    var runner = new StudyRunner(study, trial =>
    {
        Console.Out.WriteLine($"RAN {trial.TrialId} {trial.Number} {Environment.ProcessId}");
        Console.Out.Flush();
        if (hang)
        {
            Thread.Sleep(Timeout.Infinite);
        }
        var value = 0.0;
        foreach (var (name, v) in trial.Params)
        {
            var x = v switch
            {
                double d => study.Space.Find(name)?.Kind is ParamKind.Log ? Math.Log10(d) + 2 : d,
                int n => Math.Log2(n) / 4,
                string s => s.Length / 10.0,
                _ => 0,
            };
            value += x * x;
        }
        for (var step = 0; step < 2; step++)
        {
            trial.Report(step, value * (2 - step));
            Thread.Sleep(sleep / 2);
        }
        return value;
    }, new RunnerOptions
    {
        HeartbeatInterval = TimeSpan.FromMilliseconds(Int("heartbeat-ms", 1000)),
        GracePeriod = TimeSpan.FromMilliseconds(Int("grace-ms", 3000)),
        PollInterval = TimeSpan.FromMilliseconds(Int("poll-ms", 200)),
        Log = line => Console.Error.WriteLine(line),
    });
    var result = runner.Run(Int("trials", 10));
    Console.Out.WriteLine($"DONE {result.Trials} {result.StaleFailed}");
    return 0;
}
catch (Exception e)
{
    Console.Error.WriteLine($"WORKER ERROR: {e.GetType().Name}: {e.Message}");
    return 1;
}
