using System.Globalization;
using System.Net;
using System.Text;

namespace TfLessons.Search;

/// <summary>One axis: a range of positions ("t", already transformed, e.g. log10 of a learning rate) plus labelled
/// ticks.</summary>
internal sealed record Axis(double Min, double Max, IReadOnlyList<(double T, string Label)> Ticks, string Label);

/// <summary>A chart area with two axes that emits inline SVG; no scripts, tooltips via &lt;title&gt;.</summary>
internal sealed class Plot
{
    private const int Left = 64, Right = 16, Top = 30, Bottom = 44;
    private readonly StringBuilder _body = new();

    public Plot(int width, int height, Axis x, Axis y, string title)
    {
        Width = width;
        Height = height;
        XAxis = x;
        YAxis = y;
        Title = title;
    }

    public int Width { get; }

    public int Height { get; }

    public Axis XAxis { get; }

    public Axis YAxis { get; }

    public string Title { get; }

    public double X(double t) => Left + Norm(t, XAxis) * (Width - Left - Right);

    public double Y(double t) => Height - Bottom - Norm(t, YAxis) * (Height - Top - Bottom);

    public void Point(
        double tx,
        double ty,
        string color,
        double r = 3.5,
        string? tooltip = null,
        double opacity = 0.85
    ) => _body.Append(Svg.Circle(X(tx), Y(ty), r, color, opacity, tooltip));

    public void Line(IEnumerable<(double X, double Y)> points, string color, double width = 1.5, string? dash = null) =>
        _body.Append(Svg.Polyline(points.Select(p => (X(p.X), Y(p.Y))), color, width, 1, dash));

    public void Box(
        double tx0,
        double ty0,
        double tx1,
        double ty1,
        string stroke,
        string fill,
        double fillOpacity,
        string? tooltip = null
    ) =>
        _body.Append(
            Svg.Rect(
                Math.Min(X(tx0), X(tx1)),
                Math.Min(Y(ty0), Y(ty1)),
                Math.Abs(X(tx1) - X(tx0)),
                Math.Abs(Y(ty1) - Y(ty0)),
                stroke,
                fill,
                fillOpacity,
                tooltip
            )
        );

    public void Raw(string svg) => _body.Append(svg);

    public string ToSvg()
    {
        var sb = new StringBuilder();
        sb.Append(
            CultureInfo.InvariantCulture,
            $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{Height}\" "
                + $"viewBox=\"0 0 {Width} {Height}\" role=\"img\" aria-label=\"{Svg.Esc(Title)}\">"
        );
        sb.Append(
            CultureInfo.InvariantCulture,
            $"<rect x=\"0\" y=\"0\" width=\"{Width}\" height=\"{Height}\" fill=\"#fff\"/>"
        );
        sb.Append(Svg.Text(Width / 2.0, 18, Title, 13, "middle", "bold"));
        double x0 = Left, x1 = Width - Right, y0 = Height - Bottom, y1 = Top;
        foreach (var (t, label) in XAxis.Ticks.Where(k => k.T >= XAxis.Min - 1e-9 && k.T <= XAxis.Max + 1e-9))
        {
            sb.Append(Svg.Polyline([(X(t), y0), (X(t), y1)], "#e6e6e6", 1));
            sb.Append(Svg.Text(X(t), y0 + 15, label, 10, "middle"));
        }
        foreach (var (t, label) in YAxis.Ticks.Where(k => k.T >= YAxis.Min - 1e-9 && k.T <= YAxis.Max + 1e-9))
        {
            sb.Append(Svg.Polyline([(x0, Y(t)), (x1, Y(t))], "#e6e6e6", 1));
            sb.Append(Svg.Text(x0 - 5, Y(t) + 3.5, label, 10, "end"));
        }
        sb.Append(Svg.Polyline([(x0, y1), (x0, y0), (x1, y0)], "#444", 1));
        sb.Append(Svg.Text((x0 + x1) / 2, Height - 8, XAxis.Label, 11, "middle"));
        sb.Append(
            CultureInfo.InvariantCulture,
            $"<text x=\"14\" y=\"{(y0 + y1) / 2:0.#}\" font-size=\"11\" text-anchor=\"middle\" transform=\"rotate(-90 "
                + $"14 {(y0 + y1) / 2:0.#})\" font-family=\"sans-serif\">{Svg.Esc(YAxis.Label)}</text>"
        );
        sb.Append(_body);
        sb.Append("</svg>");
        return sb.ToString();
    }

    private static double Norm(double t, Axis a) => a.Max > a.Min ? (t - a.Min) / (a.Max - a.Min) : 0.5;
}

/// <summary>SVG element helpers, colours and number formatting.</summary>
internal static class Svg
{
    public static string Esc(string s) => WebUtility.HtmlEncode(s);

    public static string N(double v) => v.ToString("0.##", CultureInfo.InvariantCulture);

    public static string Fmt(double v) =>
        double.IsNaN(v) ? "NaN"
        : double.IsInfinity(v) ? (v > 0 ? "inf" : "-inf")
        : v.ToString("G4", CultureInfo.InvariantCulture).Replace("E", "e", StringComparison.Ordinal);

    public static string Circle(
        double x,
        double y,
        double r,
        string color,
        double opacity = 0.85,
        string? tooltip = null
    ) =>
        $"<circle cx=\"{N(x)}\" cy=\"{N(y)}\" r=\"{N(r)}\" fill=\"{color}\" "
        + $"fill-opacity=\"{N(opacity)}\" stroke=\"#333\" stroke-width=\"0.4\">{Title(tooltip)}</circle>";

    public static string Rect(
        double x,
        double y,
        double w,
        double h,
        string stroke,
        string fill,
        double fillOpacity,
        string? tooltip = null
    ) =>
        $"<rect x=\"{N(x)}\" y=\"{N(y)}\" width=\"{N(w)}\" height=\"{N(h)}\" stroke=\"{stroke}\" "
        + $"stroke-width=\"1.5\" fill=\"{fill}\" fill-opacity=\"{N(fillOpacity)}\">{Title(tooltip)}</rect>";

    public static string Polyline(
        IEnumerable<(double X, double Y)> points,
        string color,
        double width,
        double opacity = 1,
        string? dash = null
    ) =>
        $"<polyline points=\"{string.Join(" ", points.Select(p => $"{N(p.X)},{N(p.Y)}"))}\" "
        + $"fill=\"none\" stroke=\"{color}\" "
        + $"stroke-width=\"{N(width)}\" "
        + $"stroke-opacity=\"{N(opacity)}\"{(dash is null ? "" : $" stroke-dasharray=\"{dash}\"")}/>";

    public static string Text(
        double x,
        double y,
        string text,
        int size,
        string anchor = "start",
        string weight = "normal"
    ) =>
        $"<text x=\"{N(x)}\" y=\"{N(y)}\" font-size=\"{size}\" text-anchor=\"{anchor}\" "
        + $"font-weight=\"{weight}\" font-family=\"sans-serif\">{Esc(text)}</text>";

    private static string Title(string? tooltip) => tooltip is null ? "" : $"<title>{Esc(tooltip)}</title>";

    // Viridis-like ramp; 0 = best (dark purple), 1 = worst (yellow).
    private static readonly (double R, double G, double B)[] Ramp =
        [(68, 1, 84), (59, 82, 139), (33, 145, 140), (94, 201, 98), (253, 231, 37)];

    public static string Color(double f)
    {
        f = double.IsNaN(f) ? 1 : Math.Clamp(f, 0, 1);
        var pos = f * (Ramp.Length - 1);
        var i = Math.Min((int)pos, Ramp.Length - 2);
        var w = pos - i;
        int C(double a, double b) => (int)Math.Round(a + (b - a) * w);
        return $"#{C(Ramp[i].R, Ramp[i + 1].R):x2}{C(Ramp[i].G, Ramp[i + 1].G):x2}{C(Ramp[i].B, Ramp[i + 1].B):x2}";
    }

    // Distinct hues for coarse-to-fine rounds.
    public static string RoundColor(int round) =>
        new[] { "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f" }[round % 8];
}
