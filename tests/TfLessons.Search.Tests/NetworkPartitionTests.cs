using Xunit;
using Xunit.Abstractions;

namespace TfLessons.Search.Tests;

/// <summary>
/// The search across machines: PostgreSQL in one network namespace, a worker in each of two others, and one worker's
/// link cut in the middle of a trial, then restored.
/// </summary>
public sealed class NetworkPartitionTests(ITestOutputHelper output)
{
    private const int Trials = 10;
    private const int Port = 5432;

    [NetnsFact]
    public void A_worker_cut_off_mid_trial_has_its_trial_retried_and_nothing_lost_or_run_twice()
    {
        string name = $"tfl{Environment.ProcessId % 100000}";
        string pgDir = $"/tmp/{name}-pg";
        string script = Path.Combine(AppContext.BaseDirectory, "netns.sh");
        void Net(params string[] args) =>
            Assert.Equal(0, Proc.Run("bash", [script, .. args], TimeSpan.FromMinutes(2)).Code);
        Proc.Run("bash", [script, "down", name, pgDir], TimeSpan.FromMinutes(1)); // leftovers of an aborted run
        Net("up", name, pgDir, $"{Port}");
        var workers = new List<Proc>();
        try
        {
            string db = new Uri(Postgres.NewDatabase($"postgresql://postgres@10.199.0.2:{Port}/postgres")).AbsolutePath;
            using (var storage = StudyStorage.Open($"postgresql://postgres@10.199.0.2:{Port}{db}"))
            {
                Study.Create(storage, new StudyConfig { Name = "partition", Space = SpaceTests.Full(), Seed = 5 });
            }
            Proc Worker(int i, int sleepMs) =>
                new(
                    "ip",
                    [
                        "netns",
                        "exec",
                        $"{name}-w{i}",
                        "dotnet",
                        Path.Combine(AppContext.BaseDirectory, "TfLessons.Search.TestWorker.dll"),
                        "--storage",
                        $"postgresql://postgres@10.199.{i}.1:{Port}{db}",
                        "--study",
                        "partition",
                        "--trials",
                        $"{Trials}",
                        "--sleep-ms",
                        $"{sleepMs}",
                        "--heartbeat-ms",
                        "300",
                        "--grace-ms",
                        "2000",
                        "--poll-ms",
                        "200",
                    ]
                );
            // Worker 1's trials take 4 s, so the cut lands inside one; worker 2 is quick.
            workers.Add(Worker(1, 4000));
            string cutTrial = WaitForLine(workers[0], "RAN ", TimeSpan.FromSeconds(60)).Split(' ')[2];
            workers.Add(Worker(2, 300));
            Thread.Sleep(500);
            Net("cut", name);
            WaitForLine(
                workers[1],
                $"trial {cutTrial} failed: heartbeat older than 2s; retrying it as trial",
                TimeSpan.FromSeconds(60),
                stderr: true
            );
            Net("heal", name);
            foreach (Proc w in workers)
            {
                Assert.True(w.WaitForExit(TimeSpan.FromMinutes(3)), "a worker did not finish: " + w.Stderr);
                output.WriteLine(w.Stderr);
                Assert.True(w.ExitCode == 0, "a worker failed: " + w.Stderr);
            }
            Assert.Contains($"trial {cutTrial} was already marked failed by another worker", workers[0].Stderr);

            using var check = StudyStorage.Open($"postgresql://postgres@10.199.0.2:{Port}{db}");
            var trials = Study.Load(check, "partition").GetTrials();
            Assert.DoesNotContain(trials, t => t.State is TrialState.Running or TrialState.Waiting);
            var cut = trials.Single(t => t.Number == int.Parse(cutTrial));
            Assert.Equal(TrialState.Fail, cut.State);
            var retry = Assert.Single(trials, t => t.RetriedFrom == cut.Number);
            Assert.Equal(TrialState.Complete, retry.State);
            Assert.Equal(cut.Params, retry.Params);
            Assert.Equal(Trials - 1, trials.Count(t => t.State == TrialState.Complete && t.RetriedFrom is null));
            Assert.Equal(Trials + 1, trials.Count);
            // Each trial's objective started exactly once, on one of the two machines.
            var ran = workers
                .SelectMany(w => w.Stdout.Split('\n').Where(l => l.StartsWith("RAN ")).Select(l => l.Split(' ')[1]))
                .ToList();
            Assert.Equal(ran.Count, ran.Distinct().Count());
            Assert.Equal(Trials + 1, ran.Count);
        }
        finally
        {
            workers.ForEach(w => w.Dispose());
            Proc.Run("bash", [script, "down", name, pgDir], TimeSpan.FromMinutes(1));
        }
    }

    private static string WaitForLine(Proc p, string text, TimeSpan timeout, bool stderr = false)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            string log = stderr ? p.Stderr : p.Stdout;
            if (log.Split('\n').FirstOrDefault(l => l.Contains(text)) is { } line) return line.Trim();
            Thread.Sleep(50);
        }
        throw new TimeoutException($"no line containing '{text}' within {timeout}: {p.Stdout}\n{p.Stderr}");
    }
}
