using System.Text.RegularExpressions;
using Spectre.Console;
using Xunit;
using Xunit.Abstractions;

namespace TfLessons.Search.Tests;

public sealed class ReportTests(ITestOutputHelper output)
{
    [Fact]
    public void HtmlIsSelfContainedAndHasEveryChart()
    {
        using var dir = new TempDir();
        using var storage = StudyStorage.Open(dir.SqliteUrl());
        var study = CoarseToFineTests.RunC2F(storage);
        var path = dir.File("report.html");
        HtmlReport.Write(study, path, new HtmlReportOptions { RoundsParams = ("lr", "beta") });
        var html = File.ReadAllText(path);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotMatch(new Regex("(src|href)\\s*=", RegexOptions.IgnoreCase), html);
        Assert.DoesNotContain(Regex.Matches(html, "https?://").Select(m => html.Substring(m.Index, 40)), s =>
            !s.StartsWith("http://www.w3.org/2000/svg")
        );
        foreach (
            var section in new[]
            {
                "Optimization history",
                "Each parameter against the objective",
                "Parallel coordinates",
                "Coarse-to-fine rounds",
                "Best trials",
            }
        )
        {
            Assert.Contains(section, html);
        }
        Assert.Equal(1 + 4 + 1 + 1, Regex.Matches(html, "<svg ").Count);
        Assert.Contains("lr (log scale)", html);
        Assert.Contains("beta (log scale of 1 - value)", html);
        Assert.Contains(">0.99<", html); // oneminuslog tick labels
        Assert.Contains(">0.001<", html); // log tick labels
        Assert.Equal(3, Regex.Matches(html, "round \\d box").Count);
    }

    [ChromiumFact]
    public void HtmlRendersInHeadlessChromium()
    {
        using var dir = new TempDir();
        using var storage = StudyStorage.Open(dir.SqliteUrl());
        var study = CoarseToFineTests.RunC2F(storage);
        var html = dir.File("report.html");
        HtmlReport.Write(study, html);
        var png = Path.Combine(Path.GetTempPath(), "tfl-search-report.png");
        File.Delete(png);
        var profile = dir.File("chrome-profile");
        var (code, _, err) = Proc.Run(
            Requirements.Chromium!,
            [
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                $"--user-data-dir={profile}",
                $"--screenshot={png}",
                "--window-size=1200,2000",
                "file://" + html,
            ],
            TimeSpan.FromMinutes(2)
        );
        output.WriteLine(err);
        Assert.Equal(0, code);
        var bytes = File.ReadAllBytes(png);
        Assert.True(bytes.Length > 20_000, $"screenshot suspiciously small ({bytes.Length} bytes)");
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], bytes.Take(4));
        File.Copy(html, Path.ChangeExtension(png, ".html"), overwrite: true);
        output.WriteLine($"screenshot: {png}");
    }

    [Fact]
    public void SpectreTableListsTheBestTrials()
    {
        using var dir = new TempDir();
        using var storage = StudyStorage.Open(dir.SqliteUrl());
        var study = Study.Create(storage, new StudyConfig { Name = "tbl", Space = SpaceTests.Full(), Seed = 1 });
        new StudyRunner(study, t => t.Params.Float("dropout")).Run(8);
        var writer = new StringWriter();
        var console = AnsiConsole.Create(
            new AnsiConsoleSettings
            {
                Out = new AnsiConsoleOutput(writer),
                Ansi = AnsiSupport.No,
                ColorSystem = ColorSystemSupport.NoColors,
            }
        );
        console.Profile.Width = 200;
        ReportTable.Render(study, console, top: 3);
        ReportTable.RenderStudies(storage, console);
        var text = writer.ToString();
        output.WriteLine(text);
        var best = study.BestTrial()!;
        Assert.Contains("best 3 trials", text);
        Assert.Contains(Svg.Fmt(best.Value!.Value), text);
        Assert.Contains("dropout", text);
        Assert.Contains("8 complete", text);
    }
}
