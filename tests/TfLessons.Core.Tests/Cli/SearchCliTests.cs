namespace TfLessons.Tests.Cli;

/// <summary>tfl search end to end on SQLite: a panda run, status, an HTML report, and bad input before any
/// trial.</summary>
public class SearchCliTests
{
    [Fact]
    public void A_search_runs_reports_and_rejects_bad_spaces()
    {
        using var dir = new TempDir();
        string url = $"sqlite:///{dir.File("s.db")}";
        var (code, output, _) = Support.Cli.Run(
            "search",
            "run",
            "--study",
            "s",
            "--storage",
            url,
            "--objective",
            "optimization:adam",
            "--param",
            "lr=log:1e-3:1e-1",
            "--param",
            "hidden=int:3:8",
            "--trials",
            "4",
            "--epochs",
            "50"
        );
        Assert.Equal(0, code);
        Assert.Contains("study s: 4 trials", output);
        (code, output, _) = Support.Cli.Run(
            "search",
            "report",
            "--study",
            "s",
            "--storage",
            url,
            "--out",
            dir.File("r.html")
        );
        Assert.Equal(0, code);
        string html = File.ReadAllText(dir.File("r.html"));
        Assert.Contains("<svg", html);
        Assert.Contains("Optimization history", html);
        (code, _, string error) = Support.Cli.Run(
            "search",
            "run",
            "--study",
            "bad",
            "--storage",
            url,
            "--param",
            "lr=log:0:1",
            "--trials",
            "2"
        );
        Assert.Equal(2, code);
        Assert.Contains("'lr'", error);
        (code, _, error) = Support.Cli.Run(
            "search",
            "run",
            "--study",
            "bad2",
            "--storage",
            url,
            "--param",
            "momentum=log:0.1:1",
            "--trials",
            "2"
        );
        Assert.Equal(2, code);
        Assert.Contains("does not use parameter 'momentum'", error);
    }
}
