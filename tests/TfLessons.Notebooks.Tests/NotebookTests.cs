using System.Text.Json;
using System.Text.RegularExpressions;
using Xunit;

namespace TfLessons.Notebooks.Tests;

/// <summary>Publishes the notebooks' library once before the notebooks run.</summary>
public sealed class PublishedLibrary
{
    public PublishedLibrary() => NotebookRunner.PublishLibrary();
}

/// <summary>
/// Every notebook runs without an error, shows a PNG wherever a cell draws a figure, and every published number it
/// prints beside ours has the verdict "match" (none "DIFFERS").
/// </summary>
public sealed partial class NotebookTests(PublishedLibrary library) : IClassFixture<PublishedLibrary>
{
    public static TheoryData<string> Names =>
        new(
            Directory
                .GetFiles(NotebookRunner.NotebookDirectory, "*.ipynb")
                .Select(Path.GetFileNameWithoutExtension)
                .Order()!
        );

    /// <summary>How many published-number verdicts each notebook prints (so a notebook that silently prints none
    /// fails).</summary>
    private static readonly Dictionary<string, int> ExpectedVerdicts = new()
    {
        ["w5"] = 3,
        ["initialization"] = 37,
        ["regularization"] = 15,
        ["gradient-checking"] = 3,
        ["optimization"] = 33,
        ["optimization-2021"] = 37,
        ["tf-tutorial"] = 2,
        ["fashion-mnist"] = 1,
        ["batch-norm"] = 0,
        ["tuning"] = 0,
    };

    [SkippableTheory]
    [MemberData(nameof(Names))]
    public async Task NotebookRunsWithFiguresAndPublishedNumbers(string name)
    {
        Assert.NotNull(library);
        Skip.If(
            name == "fashion-mnist"
                && !Directory.Exists("/usr/share/datasets/fashion-mnist")
                && Environment.GetEnvironmentVariable("TFLESSONS_FASHION_MNIST") is null,
            "Fashion-MNIST is not installed (Debian package dataset-fashion-mnist)"
        );
        var cells = await NotebookRunner.RunAsync(name);
        int codeCells = CodeCellCount(name);
        foreach (CellResult cell in cells)
            Assert.True(
                cell.Errors.Count == 0,
                $"{name} cell {cell.Index} failed:\n{cell.Source}\n{string.Join("\n", cell.Errors)}"
            );
        Assert.Equal(codeCells, cells.Count);

        foreach (CellResult cell in cells.Where(DrawsFigure))
            Assert.True(
                cell.MimeTypes.Contains("image/png"),
                $"{name} cell {cell.Index} draws a figure but displayed "
                    + $"{string.Join(", ", cell.MimeTypes)}:\n{cell.Source}"
            );
        Assert.True(cells.Any(DrawsFigure), $"{name} draws no figure");

        string output = string.Concat(cells.Select(c => c.Output));
        Assert.DoesNotContain("DIFFERS", output);
        Assert.DoesNotContain("not run", output);
        Assert.Equal(ExpectedVerdicts[name], Verdict().Matches(output).Count);
    }

    /// <summary>A cell draws a figure when its last line is a figure expression (the value the kernel
    /// displays).</summary>
    private static bool DrawsFigure(CellResult cell)
    {
        string last = cell.Source.TrimEnd().Split('\n')[^1];
        return !last.TrimEnd().EndsWith(';') && FigureCall().IsMatch(cell.Source);
    }

    private static int CodeCellCount(string name)
    {
        using JsonDocument doc = JsonDocument.Parse(
            File.ReadAllText(Path.Combine(NotebookRunner.NotebookDirectory, name + ".ipynb"))
        );
        return doc
            .RootElement.GetProperty("cells")
            .EnumerateArray()
            .Count(c => c.GetProperty("cell_type").GetString() == "code");
    }

    [GeneratedRegex(
        @"\b(Curves\.|LessonFigures\.|GradientCheckFigure\.|DecisionBoundary\.|ImageGrid\.|FigureStyle\.Render)"
    )]
    private static partial Regex FigureCall();

    [GeneratedRegex(@"\bmatch\b")]
    private static partial Regex Verdict();
}
