using System.Globalization;

namespace TfLessons;

/// <summary>
/// One entry of an index: a Python slice <c>start:stop:step</c> (NumSharp's <c>new Slice(0, 32)</c>), a
/// single position, <c>np.newaxis</c> or <c>...</c>. Strings like <c>":, 0:32"</c> parse into these.
/// </summary>
public sealed class Slice
{
    internal enum SliceKind { Range, Index, NewAxis, Ellipsis }

    public Slice(int? start = null, int? stop = null, int step = 1)
    {
        if (step == 0) throw new ArgumentException("slice step cannot be zero");
        Start = start;
        Stop = stop;
        Step = step;
    }

    private Slice(SliceKind kind, int index = 0)
    {
        Kind = kind;
        Start = index;
        Step = 1;
    }

    public int? Start { get; }
    public int? Stop { get; }
    public int Step { get; }

    internal SliceKind Kind { get; } = SliceKind.Range;

    public static Slice All => new();
    public static Slice NewAxis { get; } = new(SliceKind.NewAxis);
    public static Slice Ellipsis { get; } = new(SliceKind.Ellipsis);

    /// <summary>A single position: reduces the rank like an integer index.</summary>
    public static Slice Index(int index) => new(SliceKind.Index, index);

    /// <summary>Python's <c>slice.indices(n)</c>: clamped start, step and the element count.</summary>
    internal (int Start, int Step, int Count) Resolve(int n)
    {
        int step = Step;
        int start, stop;
        if (step > 0)
        {
            start = Start is { } s ? Clamp(s < 0 ? s + n : s, 0, n) : 0;
            stop = Stop is { } e ? Clamp(e < 0 ? e + n : e, 0, n) : n;
            return (start, step, stop > start ? (stop - start + step - 1) / step : 0);
        }
        start = Start is { } s2 ? Clamp(s2 < 0 ? s2 + n : s2, -1, n - 1) : n - 1;
        stop = Stop is { } e2 ? Clamp(e2 < 0 ? e2 + n : e2, -1, n - 1) : -1;
        return (start, step, start > stop ? (start - stop - step - 1) / -step : 0);
    }

    private static int Clamp(int v, int lo, int hi) => v < lo ? lo : v > hi ? hi : v;

    public static implicit operator Slice(Range range)
    {
        int? start = range.Start.IsFromEnd ? -range.Start.Value : range.Start.Value;
        int? stop = range.End.IsFromEnd ? (range.End.Value == 0 ? null : -range.End.Value) : range.End.Value;
        // a ^0 start means "at the end": Python's n, which from-end arithmetic cannot express as -0.
        if (range.Start.IsFromEnd && range.Start.Value == 0) start = int.MaxValue;
        return new Slice(start, stop);
    }

    /// <summary>Parses a NumSharp / TF.NET index string: comma-separated <c>start:stop:step</c>, integers, <c>...</c>,
    /// <c>None</c>.</summary>
    public static Slice[] ParseSlices(string text)
    {
        string[] parts = text.Split(',');
        var result = new Slice[parts.Length];
        for (int i = 0; i < parts.Length; i++) result[i] = ParseOne(parts[i].Trim(), text);
        return result;
    }

    private static Slice ParseOne(string part, string whole)
    {
        if (part == "...")
            return Ellipsis;
        if (part is "None" or "np.newaxis" or "newaxis")
            return NewAxis;
        if (!part.Contains(':'))
            return Index(ParseInt(part, whole) ?? throw new FormatException($"empty index in '{whole}'"));
        string[] bits = part.Split(':');
        if (bits.Length > 3) throw new FormatException($"slice '{part}' in '{whole}' has more than two colons");
        int? step = bits.Length == 3 ? ParseInt(bits[2].Trim(), whole) : null;
        if (step == 0) throw new FormatException($"slice '{part}' in '{whole}' has step zero");
        return new Slice(ParseInt(bits[0].Trim(), whole), ParseInt(bits[1].Trim(), whole), step ?? 1);
    }

    private static int? ParseInt(string s, string whole)
    {
        if (s.Length == 0)
            return null;
        if (!int.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int v))
            throw new FormatException($"'{s}' in index '{whole}' is not an integer");
        return v;
    }

    public override string ToString() => Kind switch
    {
        SliceKind.Index => Start!.Value.ToString(CultureInfo.InvariantCulture),
        SliceKind.NewAxis => "None",
        SliceKind.Ellipsis => "...",
        _ => $"{Start}:{Stop}" + (Step == 1 ? "" : $":{Step}"),
    };
}
