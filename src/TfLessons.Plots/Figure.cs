using ScottPlot;

namespace TfLessons.Plots;

/// <summary>
/// A rendered figure: PNG bytes and a name to save them under. Notebooks display it as image/png (their first cell
/// registers the formatter); the CLI writes it to a file.
/// </summary>
public sealed class Figure(string name, byte[] png)
{
    public string Name { get; } = name;

    public byte[] Png { get; } = png;

    public string Base64Png => Convert.ToBase64String(Png);

    /// <summary>Writes NAME.png into <paramref name="directory"/> and returns the path.</summary>
    public string Save(string directory)
    {
        Directory.CreateDirectory(directory);
        string path = Path.Combine(directory, Name + ".png");
        File.WriteAllBytes(path, Png);
        return path;
    }

    public override string ToString() => $"{Name}.png ({Png.Length} bytes)";
}

/// <summary>Shared look of the figures: one font named explicitly (ScottPlot draws no text when it finds none), one
/// size.</summary>
public static class FigureStyle
{
    /// <summary>Debian's fonts-dejavu-core; ScottPlot's own font lookup finds nothing on a bare container.</summary>
    public const string FontName = "DejaVu Sans";

    public const int Width = 640;
    public const int Height = 420;

    /// <summary>A new plot with the figure font on every label, title and legend.</summary>
    public static Plot NewPlot(string title, string xLabel, string yLabel)
    {
        var plot = new Plot();
        plot.Font.Set(FontName);
        plot.Title(title);
        plot.XLabel(xLabel);
        plot.YLabel(yLabel);
        return plot;
    }

    public static Figure Render(string name, Plot plot, int width = Width, int height = Height)
    {
        plot.Font.Set(FontName);
        return new Figure(name, plot.GetImageBytes(width, height, ImageFormat.Png));
    }

    /// <summary>Distinct line colours in a fixed order (Matplotlib's tab10), so the same run keeps its colour across
    /// figures.</summary>
    public static Color Series(int index) => Palette[index % Palette.Length];

    private static readonly Color[] Palette =
    [
        Color.FromHex("#1f77b4"), Color.FromHex("#ff7f0e"), Color.FromHex("#2ca02c"), Color.FromHex("#d62728"),
        Color.FromHex("#9467bd"), Color.FromHex("#8c564b"), Color.FromHex("#e377c2"), Color.FromHex("#7f7f7f"),
    ];
}
