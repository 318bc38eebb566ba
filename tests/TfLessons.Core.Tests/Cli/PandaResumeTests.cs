using System.Diagnostics;
using TfLessons.Cli;

namespace TfLessons.Tests.Cli;

public class PandaResumeTests
{
    [Fact]
    public void A_killed_panda_trial_is_retried_from_its_checkpoint()
    {
        using var dir = new TempDir();
        string cli = Path.Combine(AppContext.BaseDirectory, "tfl.dll");
        string[] args =
        [
            "search",
            "run",
            "--study",
            "p",
            "--storage",
            $"sqlite:///{dir.File("p.db")}",
            "--objective",
            "optimization:adam",
            "--param",
            "lr=log:1e-3:1e-2",
            "--trials",
            "1",
            "--epochs",
            "40000",
            "--checkpoint-dir",
            dir.File("ck"),
        ];
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(cli);
        foreach (string a in args) start.ArgumentList.Add(a);
        using (Process p = Process.Start(start)!)
        {
            var clock = Stopwatch.StartNew();
            string trial0 = dir.File("ck", "trial-0");
            while (
                clock.Elapsed < TimeSpan.FromSeconds(60)
                && !(tf.train.latest_checkpoint(trial0) is string c && c.EndsWith("-1000", StringComparison.Ordinal))
            )
                Thread.Sleep(5);
            p.Kill(entireProcessTree: true);
            p.WaitForExit();
        }
        var output = new StringWriter();
        int code = CommandRouter.Run([.. args, "--resume"], output, new StringWriter());
        Assert.Equal(0, code);
        string text = output.ToString();
        Assert.Contains("trial 1 complete", text);
        // The retry starts where trial 0's last checkpoint left off, not at epoch 100.
        Assert.DoesNotContain("trial 1 epoch    100:", text);
        Assert.Matches(@"trial 1 epoch +\d{4,}:", text);
    }
}
