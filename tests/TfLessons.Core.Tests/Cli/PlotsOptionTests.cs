using TfLessons.Tests.Support;

namespace TfLessons.Tests.Cli;

/// <summary><c>tfl lesson run NAME --plots DIR</c>: the lesson's figures as PNG files, one printed path each.</summary>
public class PlotsOptionTests
{
    private static readonly byte[] PngSignature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    [Fact]
    public void Gradient_checking_writes_its_differences_figure_and_prints_the_path()
    {
        using var dir = new TempDir();
        var (code, output, err) = Support.Cli.Run("lesson", "run", "gradient-checking", "--plots", dir.File("figures"));
        Assert.True(code == 0, err);
        string path = dir.File("figures", "differences.png");
        Assert.Contains($"figure: {path}", output);
        byte[] png = File.ReadAllBytes(path);
        Assert.Equal(PngSignature, png[..8]);
        Assert.True(png.Length > 5000, $"differences.png is only {png.Length} bytes");
    }

    [Fact]
    public void Optimization_writes_costs_and_one_decision_boundary_per_run()
    {
        using var dir = new TempDir();
        var (code, output, err) = Support.Cli.Run(
            "lesson",
            "run",
            "optimization",
            "--runs",
            "gd,adam",
            "--epochs",
            "200",
            "--plots",
            dir.Path
        );
        Assert.True(code == 0, err);
        string[] figures = output
            .Split('\n')
            .Where(l => l.StartsWith("figure: ", StringComparison.Ordinal))
            .Select(l => Path.GetFileName(l.Trim()))
            .ToArray();
        Assert.Equal(["costs.png", "boundary-gd.png", "boundary-adam.png"], figures);
        foreach (string f in figures) Assert.Equal(PngSignature, File.ReadAllBytes(dir.File(f))[..8]);
    }

    [Fact]
    public void A_lesson_without_figures_says_so()
    {
        using var dir = new TempDir();
        var (code, output, _) = Support.Cli.Run("lesson", "run", "w5", "--plots", dir.Path);
        Assert.Equal(0, code);
        Assert.Contains("lesson w5 draws no figures (--plots ignored)", output);
        Assert.Empty(Directory.GetFiles(dir.Path));
    }
}
