using System.Text;

namespace TfLessons;

public sealed partial class NDArray
{
    private const int LineWidth = 75;
    private const int SummaryThreshold = 1000;
    private const int EdgeItems = 3;

    /// <summary>Prints like NumPy: <c>[[ 1.5 -2. ]</c> / <c> [ 3.  4. ]]</c>; a 0-d array prints as its scalar.</summary>
    public override string ToString()
    {
        if (IsNone) return "None";
        if (SummaryRecords is { } records) return $"<summary: {string.Join(", ", records.Select(r => r.Tag))}>";
        if (DType == DType.String) return StringArrayText();
        if (Rank == 0) return ScalarString(GetDouble(0));
        if (Size == 0) return "[]";
        bool summarize = Size > SummaryThreshold;
        string[] cells = FormatCells(summarize);
        int cursor = 0;
        return FormatAxis(0, cells, ref cursor, summarize, " ", LineWidth);
    }

    private string ScalarString(double v) => DType switch
    {
        DType.Float32 => PyFormat.Repr((float)v),
        DType.Float64 => PyFormat.Repr(v),
        DType.Bool => v != 0 ? "True" : "False",
        _ => ((long)v).ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    private IEnumerable<int> PrintedIndices(int axis, bool summarize)
    {
        int n = _shape[axis];
        if (!summarize || n <= 2 * EdgeItems)
        {
            for (int i = 0; i < n; i++) yield return i;
            yield break;
        }
        for (int i = 0; i < EdgeItems; i++) yield return i;
        yield return -1;
        for (int i = n - EdgeItems; i < n; i++) yield return i;
    }

    private string[] FormatCells(bool summarize)
    {
        var values = new List<double>();
        CollectPrinted(0, 0, summarize, values);
        if (DType == DType.Bool) return Pad(values.Select(v => v != 0 ? "True" : "False").ToList(), padLeft: true);
        if (!DType.IsFloating()) return Pad(values.Select(v => ((long)v).ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList(), padLeft: true);
        var finite = values.Where(v => double.IsFinite(v) && v != 0).Select(Math.Abs).ToList();
        bool scientific = finite.Count > 0 && (finite.Min() < 1e-4 || finite.Max() >= 1e8 || finite.Max() / finite.Min() > 1e3);
        bool f32 = DType == DType.Float32;
        var finiteValues = values.Where(double.IsFinite).ToList();
        var texts = finiteValues.Select(v => PyFormat.ArrayElement(v, f32, scientific)).ToList();
        int padRight = texts.Count == 0 ? 0 : texts.Max(t => FracPart(t).Length);
        string[] aligned;
        int nonFiniteWidth;
        if (scientific)
        {
            // NumPy re-prints every value with the widest fraction's digit count (real digits, not
            // zeros) and pads exponents to one width; nan/inf fill pad_left + exp + precision + 3.
            int expDigits = texts.Max(t => t.Length - t.IndexOf('e') - 2);
            var sci = finiteValues.Select(v => Scientific(v, padRight, expDigits)).ToList();
            int padLeft = sci.Max(t => IntPart(t).Length);
            int sciRight = expDigits + 2 + padRight;
            padLeft = WidenForNonFinite(values, padLeft, sciRight);
            aligned = sci.Select(t => t.PadLeft(padLeft + t.Length - IntPart(t).Length)).ToArray();
            nonFiniteWidth = padLeft + sciRight + 1;
        }
        else
        {
            // NumPy sizes the columns from the finite values only; nan/inf are right-aligned in
            // pad_left + pad_right + 1 columns, widening pad_left if they do not fit.
            int padLeft = WidenForNonFinite(values, texts.Count == 0 ? 0 : texts.Max(t => IntPart(t).Length), padRight);
            aligned = AlignOnPoint(texts, padLeft, padRight);
            nonFiniteWidth = padLeft + padRight + 1;
        }
        var cells = new string[values.Count];
        int next = 0;
        for (int i = 0; i < cells.Length; i++)
        {
            double v = values[i];
            cells[i] = double.IsFinite(v) ? aligned[next++] : PyFormat.ArrayElement(v, f32, scientific).PadLeft(nonFiniteWidth);
        }
        return cells;
    }

    private static int WidenForNonFinite(List<double> values, int padLeft, int padRight)
    {
        if (values.All(double.IsFinite)) return padLeft;
        int infLen = 3 + (values.Any(double.IsNegativeInfinity) ? 1 : 0);
        return Math.Max(padLeft, Math.Max(3, infLen) - (padRight + 1));
    }

    /// <summary>NumPy's <c>dragon4_scientific</c> with a fixed digit count: <c>-1.2345000e+01</c>, <c>1.e-07</c>.</summary>
    private static string Scientific(double v, int fractionDigits, int expDigits)
    {
        string e = Math.Abs(v).ToString("E" + fractionDigits.ToString(System.Globalization.CultureInfo.InvariantCulture), System.Globalization.CultureInfo.InvariantCulture);
        int cut = e.IndexOf('E');
        string mantissa = e[..cut];
        if (fractionDigits == 0) mantissa += ".";
        int exponent = int.Parse(e[(cut + 1)..], System.Globalization.CultureInfo.InvariantCulture);
        string sign = v < 0 || (v == 0 && double.IsNegative(v)) ? "-" : "";
        return $"{sign}{mantissa}e{(exponent < 0 ? '-' : '+')}{Math.Abs(exponent).ToString(new string('0', expDigits), System.Globalization.CultureInfo.InvariantCulture)}";
    }

    private static string IntPart(string t)
    {
        int cut = t.IndexOfAny(['.', 'e']);
        return cut < 0 ? t : t[..cut];
    }

    private static string FracPart(string t)
    {
        int p = t.IndexOf('.');
        if (p < 0) return "";
        int e = t.IndexOf('e');
        return e < 0 ? t[(p + 1)..] : t[(p + 1)..e];
    }

    private void CollectPrinted(int axis, int offset, bool summarize, List<double> into)
    {
        if (axis == Rank) { into.Add(GetDouble(offset)); return; }
        int stride = 1;
        for (int a = axis + 1; a < Rank; a++) stride *= _shape[a];
        foreach (int i in PrintedIndices(axis, summarize))
        {
            if (i >= 0) CollectPrinted(axis + 1, offset + i * stride, summarize, into);
        }
    }

    private static string[] Pad(List<string> texts, bool padLeft)
    {
        int width = texts.Count == 0 ? 0 : texts.Max(t => t.Length);
        return texts.Select(t => padLeft ? t.PadLeft(width) : t.PadRight(width)).ToArray();
    }

    private static string[] AlignOnPoint(List<string> texts, int intWidth, int fracWidth) => texts.Select(t =>
    {
        int p = t.IndexOf('.');
        string left = p < 0 ? t : t[..p];
        string right = p < 0 ? "" : t[(p + 1)..];
        return left.PadLeft(intWidth) + (p < 0 ? " " : ".") + right.PadRight(fracWidth);
    }).ToArray();

    /// <summary>NumPy's <c>_formatArray</c>: rows wrap before 75 columns less one per nesting level, padding is stripped at line ends.</summary>
    private string FormatAxis(int axis, string[] cells, ref int cursor, bool summarize, string hangingIndent, int width)
    {
        var s = new StringBuilder();
        string nextIndent = hangingIndent + " ";
        if (axis == Rank - 1)
        {
            int elemWidth = width - 1;
            string line = hangingIndent;
            bool first = true;
            foreach (int i in PrintedIndices(axis, summarize))
            {
                if (!first) line += " ";
                string word = i < 0 ? "..." : cells[cursor++];
                if (line.Length + word.Length > elemWidth)
                {
                    s.Append(line.TrimEnd()).Append('\n');
                    line = hangingIndent;
                }
                line += word;
                first = false;
            }
            s.Append(line);
        }
        else
        {
            string lineSep = new('\n', Rank - axis - 1);
            bool first = true;
            foreach (int i in PrintedIndices(axis, summarize))
            {
                if (!first) s.Append(lineSep);
                s.Append(hangingIndent).Append(i < 0 ? "..." : FormatAxis(axis + 1, cells, ref cursor, summarize, nextIndent, width - 1));
                first = false;
            }
        }
        return "[" + s.ToString()[hangingIndent.Length..] + "]";
    }
}
