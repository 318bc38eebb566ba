using System.Diagnostics;
using System.Text.RegularExpressions;
using TfLessons.IO.Checkpoint;

namespace TfLessons.Tests.Train;

/// <summary>
/// Kills <c>tfl train</c> just before each file-system step of its saves (strace delivers SIGKILL on entry to the Nth
/// rename, link or unlink) and checks that a complete checkpoint, never older than the one the run started from,
/// is always there to resume from.
/// </summary>
public partial class SaverCrashTests
{
    private static readonly string Cli = Path.Combine(AppContext.BaseDirectory, "tfl.dll");

    // rolling: a run from epoch 4 to 10 saving every 2 epochs with max_to_keep 3 (deletions, state updates);
    // overwrite: a resumed run that re-saves its only checkpoint, model.ckpt-4, over itself.
    [SkippableTheory]
    [InlineData(10, 2, 20)]
    [InlineData(4, 4, 6)]
    public void A_kill_before_any_rename_link_or_unlink_of_a_save_leaves_a_restorable_checkpoint(
        int epochs,
        int saveEvery,
        int minKills
    )
    {
        Skip.IfNot(StraceWorks(), "strace is not installed or ptrace is not permitted here");
        using var dir = new TempDir();
        string template = dir.File("template");
        Assert.True(Run("dotnet", Tfl(Train(template, 4, saveEvery))).Exited);
        long startStep = StepOf(tf.train.latest_checkpoint(Path.Combine(template, "adam"))!);
        int kills = 0;
        foreach (string syscall in new[] { "rename", "link", "unlink" })
        {
            for (int n = 1; n <= 40; n++)
            {
                string run = dir.File($"{syscall}-{n}");
                CopyDirectory(template, run);
                var outcome = Run(Strace, KilledAt(syscall, n, Tfl(Train(run, epochs, saveEvery))));
                string? latest = tf.train.latest_checkpoint(Path.Combine(run, "adam"));
                Assert.True(latest is not null, $"no restorable checkpoint after a kill at {syscall} #{n}");
                using (var reader = CheckpointReader.Open(latest))
                {
                    Assert.All(reader.Names, name => reader.ReadTensor(name)); // every CRC is checked
                    Assert.Contains("W1/Adam", reader.Names);
                }
                Assert.True(
                    StepOf(latest) >= startStep,
                    $"kill at {syscall} #{n}: latest checkpoint {latest} is older than the run's start"
                );
                if (outcome.Exited)
                    break; // fewer than n such calls: every window of this syscall was covered
                kills++;
            }
        }
        Assert.True(kills >= minKills, $"only {kills} kills landed inside saves");

        // The run after the last crash sweeps the leftovers and keeps max_to_keep (3) checkpoints across runs.
        string last = dir.File("unlink-1");
        Assert.True(Run("dotnet", Tfl(Train(last, 16, 2))).Exited);
        string[] files = Directory.GetFiles(Path.Combine(last, "adam")).Select(Path.GetFileName).ToArray()!;
        Assert.DoesNotContain(files, f => f.Contains(".tempstate") || f.Contains(".backup"));
        Assert.Equal(3, files.Count(f => f.EndsWith(".index", StringComparison.Ordinal)));
    }

    private static string[] Train(string checkpointDir, int epochs, int saveEvery) =>
        [
            "train",
            "--epochs",
            epochs.ToString(),
            "--save-every",
            saveEvery.ToString(),
            "--print-every",
            "1000",
            "--checkpoint-dir",
            checkpointDir,
            "--resume",
        ];

    private static long StepOf(string prefix) => long.Parse(StepSuffix().Match(prefix).Groups[1].Value);

    [GeneratedRegex(@"-(\d+)(\.backup)?$")]
    private static partial Regex StepSuffix();

    private const string Strace = "/usr/bin/strace";

    private static bool StraceWorks() =>
        File.Exists(Strace) && Run(Strace, "-qq", "-o", "/dev/null", "/bin/true").Exited;

    private static string[] Tfl(string[] args) => [Cli, .. args];

    // SIGKILL on entry to the nth call of the syscall, in whichever thread makes it (strace counts per thread).
    private static string[] KilledAt(string syscall, int n, string[] command) =>
        [
            "-f",
            "-qq",
            "-o",
            "/dev/null",
            "-e",
            "trace=rename,link,unlink",
            "-e",
            $"inject={syscall}:signal=KILL:when={n}",
            "dotnet",
            .. command,
        ];

    // Exited is false when the process was killed; any other failure fails the test with the process's errors.
    private static (bool Exited, string Output) Run(string program, params string[] args)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string a in args) start.ArgumentList.Add(a);
        using Process p = Process.Start(start)!;
        Task<string> output = p.StandardOutput.ReadToEndAsync();
        string error = p.StandardError.ReadToEnd();
        if (!p.WaitForExit(120_000))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', args)} did not finish in 2 minutes");
        }
        // strace exits with its tracee's status; a SIGKILLed process reports 128 + 9.
        if (p.ExitCode is not (0 or 137))
            throw new InvalidOperationException($"{program} {string.Join(' ', args)} failed ({p.ExitCode}): {error}");
        return (p.ExitCode == 0, output.Result);
    }

    private static void CopyDirectory(string from, string to)
    {
        foreach (string d in Directory.GetDirectories(from, "*", SearchOption.AllDirectories))
            Directory.CreateDirectory(d.Replace(from, to));
        Directory.CreateDirectory(to);
        foreach (string f in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
            File.Copy(f, f.Replace(from, to));
    }
}
