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
        if (Rank == 0) return ScalarString(GetDouble(0));
        bool summarize = Size > SummaryThreshold;
        string[] cells = FormatCells(summarize);
        var sb = new StringBuilder();
        int cursor = 0;
        AppendArray(sb, 0, 0, cells, ref cursor, summarize, indent: 1);
        return sb.ToString();
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
        var texts = values.Select(v => PyFormat.ArrayElement(v, f32, scientific)).ToList();
        if (scientific) return AlignScientific(texts);
        return AlignOnPoint(texts);
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

    private static string[] AlignOnPoint(List<string> texts)
    {
        int intWidth = 0, fracWidth = 0;
        foreach (string t in texts)
        {
            int p = t.IndexOf('.');
            intWidth = Math.Max(intWidth, p < 0 ? t.Length : p);
            fracWidth = Math.Max(fracWidth, p < 0 ? 0 : t.Length - p - 1);
        }
        return texts.Select(t =>
        {
            int p = t.IndexOf('.');
            string left = p < 0 ? t : t[..p];
            string right = p < 0 ? "" : t[(p + 1)..];
            return left.PadLeft(intWidth) + (p < 0 ? " " : ".") + right.PadRight(fracWidth);
        }).ToArray();
    }

    private static string[] AlignScientific(List<string> texts)
    {
        int mantWidth = texts.Max(t => t.IndexOf('e') < 0 ? t.Length : t.IndexOf('e'));
        int fracWidth = texts.Max(t => { int p = t.IndexOf('.'), e = t.IndexOf('e'); return p < 0 || e < 0 ? 0 : e - p - 1; });
        int signWidth = texts.Any(t => t.StartsWith('-')) ? 1 : 0;
        return texts.Select(t =>
        {
            int e = t.IndexOf('e');
            if (e < 0) return t.PadLeft(mantWidth);
            int p = t.IndexOf('.');
            string mant = t[..e];
            mant = mant.PadRight(p + 1 + fracWidth, '0');
            if (signWidth == 1 && !mant.StartsWith('-')) mant = " " + mant;
            return mant + t[e..];
        }).ToArray();
    }

    private void AppendArray(StringBuilder sb, int axis, int offset, string[] cells, ref int cursor, bool summarize, int indent)
    {
        sb.Append('[');
        if (axis == Rank - 1)
        {
            int lineStart = sb.Length - indent;
            bool first = true;
            foreach (int i in PrintedIndices(axis, summarize))
            {
                string cell = i < 0 ? "..." : cells[cursor++];
                int lineLength = sb.Length - LastNewline(sb, lineStart);
                if (!first && lineLength + cell.Length + 2 > LineWidth)
                {
                    sb.Append('\n').Append(' ', indent);
                }
                else if (!first) sb.Append(' ');
                sb.Append(cell);
                first = false;
            }
            sb.Append(']');
            return;
        }
        bool firstRow = true;
        foreach (int i in PrintedIndices(axis, summarize))
        {
            if (!firstRow)
            {
                sb.Append('\n', Rank - axis - 1).Append(' ', indent);
            }
            if (i < 0) sb.Append("...");
            else AppendArray(sb, axis + 1, 0, cells, ref cursor, summarize, indent + 1);
            firstRow = false;
        }
        sb.Append(']');
    }

    private static int LastNewline(StringBuilder sb, int fallback)
    {
        for (int i = sb.Length - 1; i >= 0; i--)
        {
            if (sb[i] == '\n') return i + 1;
        }
        return Math.Min(fallback, 0);
    }
}
