using ScottPlot;
using TfLessons.Course;

namespace TfLessons.Plots;

/// <summary>
/// The course's plot_decision_boundary: the model's class on a grid over the data as filled regions, with the
/// labelled points on top. Examples are columns, as everywhere in the course: X is [2, m], Y is [1, m] of 0/1.
/// </summary>
public static class DecisionBoundary
{
    private static readonly Color Region0 = Color.FromHex("#f4b6b6");
    private static readonly Color Region1 = Color.FromHex("#b3c9ea");
    private static readonly Color Point0 = Color.FromHex("#c62828");
    private static readonly Color Point1 = Color.FromHex("#1f4e9c");

    /// <param name="predict">the model's probability of class 1 for every column of a [2, n] array (length n).</param>
    /// <param name="resolution">grid cells per axis.</param>
    public static Figure Plot(
        string name,
        string title,
        Func<NDArray, double[]> predict,
        NDArray x,
        NDArray y,
        int resolution = 200
    )
    {
        if (x.Dims.Length != 2 || x.Dims[0] != 2)
            throw new ArgumentException($"decision boundary '{name}': X must be [2, m], got {x.Shape}");
        if (y.Size != x.Dims[1])
            throw new ArgumentException($"decision boundary '{name}': Y has {y.Size} labels for {x.Dims[1]} points");
        int m = x.Dims[1];
        double[] x0 = Enumerable.Range(0, m).Select(i => x.item(i)).ToArray();
        double[] x1 = Enumerable.Range(0, m).Select(i => x.item(m + i)).ToArray();
        // The course pads the data's range by 1 on every side (0.5 would crop the football field's corners less, but
        // the figures would differ).
        double left = x0.Min() - 1, right = x0.Max() + 1, bottom = x1.Min() - 1, top = x1.Max() + 1;

        var grid = new double[2 * resolution * resolution];
        int n = resolution * resolution;
        for (int row = 0; row < resolution; row++)
        {
            for (int col = 0; col < resolution; col++)
            {
                int k = row * resolution + col;
                grid[k] = left + (col + 0.5) * (right - left) / resolution;
                grid[n + k] = top - (row + 0.5) * (top - bottom) / resolution;
            }
        }
        double[] p = predict(np.array(grid, 2, n));
        if (p.Length != n)
            throw new ArgumentException(
                $"decision boundary '{name}': the model returned {p.Length} predictions for {n} grid points"
            );
        var classes = new double[resolution, resolution];
        for (int row = 0; row < resolution; row++)
            for (int col = 0; col < resolution; col++) classes[row, col] = p[row * resolution + col] > 0.5 ? 1 : 0;

        ScottPlot.Plot plot = FigureStyle.NewPlot(title, "x1", "x2");
        var regions = plot.Add.Heatmap(classes);
        regions.Colormap = new TwoColors(Region0, Region1);
        regions.Extent = new CoordinateRect(left, right, bottom, top);
        regions.ManualRange = new ScottPlot.Range(0, 1);
        for (int label = 0; label <= 1; label++)
        {
            int[] which = Enumerable.Range(0, m).Where(i => y.item(i) == label).ToArray();
            var points = plot.Add.ScatterPoints(
                which.Select(i => x0[i]).ToArray(),
                which.Select(i => x1[i]).ToArray(),
                label == 0 ? Point0 : Point1
            );
            points.MarkerSize = 6;
            points.MarkerShape = MarkerShape.FilledCircle;
            points.MarkerLineColor = Colors.Black;
            points.MarkerLineWidth = 0.5f;
            points.LegendText = $"y = {label}";
        }
        plot.Axes.SetLimits(left, right, bottom, top);
        plot.ShowLegend(Alignment.UpperRight);
        return FigureStyle.Render(name, plot, 560, 480);
    }

    /// <summary>Class 0 below 0.5, class 1 above: the regions of the course's contourf of a 0/1 prediction.</summary>
    private sealed class TwoColors(Color below, Color above) : IColormap
    {
        public string Name => "two classes";

        public Color GetColor(double normalizedIntensity) => normalizedIntensity < 0.5 ? below : above;
    }
}

/// <summary>
/// The course networks' forward pass (LINEAR-&gt;RELU ... LINEAR, then sigmoid or softmax's argmax) from trained
/// parameters
/// W1, b1, W2, b2, ... as the lessons keep them (<see cref="TfLessons.Course.LessonRun.Parameters"/>): what the
/// course's predict and predict_dec compute. Examples are columns.
/// </summary>
public static class CourseNetwork
{
    /// <summary>The probability of class 1 for every column (a sigmoid output layer).</summary>
    public static Func<NDArray, double[]> Predictor(IReadOnlyDictionary<string, NDArray> parameters)
    {
        Func<NDArray, double[]> logits = Logits(parameters);
        return x => logits(x).Select(v => 1 / (1 + Math.Exp(-v))).ToArray();
    }

    /// <summary>The most likely class of every column (a softmax output layer: the argmax of the last linear
    /// output).</summary>
    public static int[] Classes(IReadOnlyDictionary<string, NDArray> parameters, NDArray x)
    {
        double[] z = Logits(parameters)(x);
        int m = x.Dims[1], classes = z.Length / m;
        return Enumerable.Range(0, m).Select(j => Enumerable.Range(0, classes).MaxBy(c => z[c * m + j])).ToArray();
    }

    /// <summary>The last layer's linear output [classes, m] (row-major), with ReLU on the hidden layers.</summary>
    public static Func<NDArray, double[]> Logits(IReadOnlyDictionary<string, NDArray> parameters)
    {
        int layers = 0;
        while (parameters.ContainsKey($"W{layers + 1}"))
            layers++;
        if (layers == 0)
            throw new ArgumentException(
                $"course network: no W1 among the parameters ({string.Join(", ", parameters.Keys)})"
            );
        var w = new double[layers][];
        var b = new double[layers][];
        var sizes = new (int Out, int In)[layers];
        for (int l = 0; l < layers; l++)
        {
            NDArray wl = parameters[$"W{l + 1}"];
            if (!parameters.TryGetValue($"b{l + 1}", out NDArray? bl))
                throw new ArgumentException($"course network: W{l + 1} has no b{l + 1}");
            sizes[l] = (wl.Dims[0], wl.Dims[1]);
            if (bl.Size != sizes[l].Out)
                throw new ArgumentException($"course network: b{l + 1} has {bl.Size} values for W{l + 1} {wl.Shape}");
            if (l > 0 && sizes[l].In != sizes[l - 1].Out)
                throw new ArgumentException(
                    $"course network: W{l + 1} {wl.Shape} does not follow W{l}'s {sizes[l - 1].Out} outputs"
                );
            w[l] = Enumerable.Range(0, wl.Size).Select(i => wl.item(i)).ToArray();
            b[l] = Enumerable.Range(0, bl.Size).Select(i => bl.item(i)).ToArray();
        }
        return x =>
        {
            if (x.Dims.Length != 2 || x.Dims[0] != sizes[0].In)
                throw new ArgumentException($"course network: X is {x.Shape}, W1 expects [{sizes[0].In}, m]");
            int m = x.Dims[1];
            double[] a = Enumerable.Range(0, x.Size).Select(i => x.item(i)).ToArray();
            for (int l = 0; l < layers; l++)
            {
                var (rows, inner) = sizes[l];
                var z = new double[rows * m];
                for (int r = 0; r < rows; r++)
                {
                    for (int k = 0; k < inner; k++)
                    {
                        double wrk = w[l][r * inner + k];
                        for (int j = 0; j < m; j++) z[r * m + j] += wrk * a[k * m + j];
                    }
                    for (int j = 0; j < m; j++)
                    {
                        double v = z[r * m + j] + b[l][r];
                        z[r * m + j] = l == layers - 1 ? v : Math.Max(0, v);
                    }
                }
                a = z;
            }
            return a;
        };
    }
}
