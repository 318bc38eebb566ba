using System.Globalization;

namespace TfLessons.Search;

/// <summary>
/// Axis construction. A parameter is plotted at position t = f(value): the value itself for
/// uniform/int, log10 for log (so the axis is logarithmic), -log10(1 - beta) for oneminuslog
/// (ticks 0.9, 0.99, 0.999 evenly spaced), log2 for pow2, the index for categoricals.
/// </summary>
internal static class Axes
{
    public static double Position(ParamSpec p, double internalValue) => p.Kind switch
    {
        ParamKind.OneMinusLog => -Math.Log10(1 - internalValue),
        _ when p.IsLogScale => p.Kind == ParamKind.Pow2 ? Math.Log2(internalValue) : Math.Log10(internalValue),
        _ => internalValue,
    };

    /// <summary>Position of a sampling coordinate (as stored in coarse-to-fine boxes).</summary>
    public static double PositionOfCoord(ParamSpec p, double coord) => p.Kind == ParamKind.OneMinusLog ? -coord : coord;

    public static Axis ForParam(ParamSpec p, IEnumerable<double> internalValues)
    {
        var label = p.Name + p.Kind switch
        {
            ParamKind.Log => " (log scale)",
            ParamKind.OneMinusLog => " (log scale of 1 - value)",
            ParamKind.Pow2 => " (log2 scale)",
            _ => "",
        };
        if (p.Kind == ParamKind.Categorical)
        {
            return new Axis(-0.5, p.Choices.Count - 0.5, p.Choices.Select((c, i) => ((double)i, c)).ToList(), label);
        }
        var ts = internalValues.Select(v => Position(p, v)).Where(double.IsFinite)
            .Append(Position(p, p.Low)).Append(Position(p, p.High)).ToList();
        double lo = ts.Min(), hi = ts.Max();
        if (hi - lo < 1e-12)
        {
            lo -= 0.5;
            hi += 0.5;
        }
        var pad = (hi - lo) * 0.04;
        lo -= pad;
        hi += pad;
        if (p.Kind == ParamKind.Pow2)
        {
            return new Axis(
                lo,
                hi,
                Integers(lo, hi).Select(k => (k, Math.Pow(2, k).ToString(CultureInfo.InvariantCulture))).ToList(),
                label
            );
        }
        if (p.Kind == ParamKind.OneMinusLog)
        {
            var ticks = Integers(lo, hi).Select(k => (k, Svg.Fmt(1 - Math.Pow(10, -k)))).ToList();
            return new Axis(
                lo,
                hi,
                ticks.Count >= 2 ? ticks : Nice(lo, hi).Select(t => (t, Svg.Fmt(1 - Math.Pow(10, -t)))).ToList(),
                label
            );
        }
        if (p.IsLogScale)
        {
            var ticks = Integers(lo, hi).Select(k => (k, Svg.Fmt(Math.Pow(10, k)))).ToList();
            return new Axis(
                lo,
                hi,
                ticks.Count >= 2 ? ticks : Nice(lo, hi).Select(t => (t, Svg.Fmt(Math.Pow(10, t)))).ToList(),
                label
            );
        }
        return Linear(lo, hi, label);
    }

    /// <summary>A padded linear axis over finite values.</summary>
    public static Axis ForValues(IEnumerable<double> values, string label)
    {
        var finite = values.Where(double.IsFinite).ToList();
        if (finite.Count == 0)
        {
            return Linear(0, 1, label);
        }
        double lo = finite.Min(), hi = finite.Max();
        if (hi - lo < 1e-12)
        {
            var d = Math.Max(Math.Abs(lo) * 0.1, 0.5);
            lo -= d;
            hi += d;
        }
        var pad = (hi - lo) * 0.05;
        return Linear(lo - pad, hi + pad, label);
    }

    public static Axis Linear(double lo, double hi, string label) =>
        new(lo, hi, Nice(lo, hi).Select(t => (t, Svg.Fmt(t))).ToList(), label);

    // "Nice" 1-2-5 tick steps giving about five ticks.
    private static List<double> Nice(double lo, double hi)
    {
        var raw = (hi - lo) / 5;
        var mag = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        var step = new[] { 1.0, 2, 5, 10 }.Select(m => m * mag).First(s => s >= raw);
        var ticks = new List<double>();
        for (var t = Math.Ceiling(lo / step) * step; t <= hi + step * 1e-9; t += step)
        {
            ticks.Add(Math.Abs(t) < step * 1e-9 ? 0 : t);
        }
        return ticks;
    }

    private static List<double> Integers(double lo, double hi)
    {
        var result = new List<double>();
        for (var k = Math.Ceiling(lo); k <= Math.Floor(hi); k++)
        {
            result.Add(k);
        }
        // Too many decades/exponents crowd the axis; keep every second one.
        return result.Count > 12 ? result.Where((_, i) => i % 2 == 0).ToList() : result;
    }
}
