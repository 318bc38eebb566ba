using System.Numerics;
using System.Numerics.Tensors;

namespace TfLessons.Kernels;

public enum ReduceKind { Sum, Mean, Max, Min }

/// <summary>
/// A reduction laid out once per plan. Reduced axes that form one block (ignoring size-1 axes) run as
/// [outer, reduced, inner] with vectorized row operations; other axis sets fall back to an index walk.
/// </summary>
internal sealed class ReduceLayout
{
    public int Outer, Reduced, Inner;
    public bool Contiguous;
    public int[] InShape = [];
    public bool[] IsReduced = [];

    public static ReduceLayout Create(int[] inShape, int[] axes)
    {
        var layout = new ReduceLayout { InShape = inShape, IsReduced = new bool[inShape.Length] };
        foreach (int a in axes) layout.IsReduced[a] = true;
        int first = -1, last = -1;
        for (int a = 0; a < inShape.Length; a++)
        {
            if (layout.IsReduced[a] && inShape[a] != 1) { if (first < 0) first = a; last = a; }
        }
        layout.Contiguous = true;
        for (int a = first + 1; a < last && first >= 0; a++)
        {
            if (!layout.IsReduced[a] && inShape[a] != 1) layout.Contiguous = false;
        }
        layout.Outer = layout.Reduced = layout.Inner = 1;
        for (int a = 0; a < inShape.Length; a++)
        {
            if (first < 0 || a < first) layout.Outer *= inShape[a];
            else if (a <= last) { if (layout.IsReduced[a] || inShape[a] == 1) layout.Reduced *= inShape[a]; else layout.Reduced *= inShape[a]; }
            else layout.Inner *= inShape[a];
        }
        if (first < 0) { layout.Reduced = 1; layout.Inner = 1; layout.Outer = NDArray.ShapeSize(inShape); }
        return layout;
    }

    public int Count
    {
        get
        {
            int n = 1;
            for (int a = 0; a < InShape.Length; a++) if (IsReduced[a]) n *= InShape[a];
            return n;
        }
    }
}

internal static class Reductions
{
    public static void Reduce<T>(ReduceLayout l, ReduceKind kind, ReadOnlySpan<T> x, Span<T> d)
        where T : unmanaged, INumber<T>, IMinMaxValue<T>
    {
        if (!l.Contiguous) { ReduceByIndex(l, kind, x, d); return; }
        int red = l.Reduced, inner = l.Inner;
        if (red == 0)
        {
            d.Fill(kind switch { ReduceKind.Max => T.MinValue, ReduceKind.Min => T.MaxValue, ReduceKind.Mean => T.Zero / T.Zero, _ => T.Zero });
            return;
        }
        for (int o = 0; o < l.Outer; o++)
        {
            ReadOnlySpan<T> block = x.Slice(o * red * inner, red * inner);
            if (inner == 1)
            {
                d[o] = kind switch
                {
                    ReduceKind.Max => TensorPrimitives.Max(block),
                    ReduceKind.Min => TensorPrimitives.Min(block),
                    _ => TensorPrimitives.Sum(block),
                };
                continue;
            }
            Span<T> row = d.Slice(o * inner, inner);
            block[..inner].CopyTo(row);
            for (int r = 1; r < red; r++)
            {
                ReadOnlySpan<T> next = block.Slice(r * inner, inner);
                switch (kind)
                {
                    case ReduceKind.Max: TensorPrimitives.Max(row, next, row); break;
                    case ReduceKind.Min: TensorPrimitives.Min(row, next, row); break;
                    default: TensorPrimitives.Add(row, next, row); break;
                }
            }
        }
        if (kind == ReduceKind.Mean) TensorPrimitives.Divide(d, T.CreateChecked(l.Count), d);
    }

    private static void ReduceByIndex<T>(ReduceLayout l, ReduceKind kind, ReadOnlySpan<T> x, Span<T> d)
        where T : unmanaged, INumber<T>, IMinMaxValue<T>
    {
        int rank = l.InShape.Length;
        var outStrides = new int[rank];
        int s = 1;
        for (int a = rank - 1; a >= 0; a--)
        {
            outStrides[a] = l.IsReduced[a] ? 0 : s;
            if (!l.IsReduced[a]) s *= l.InShape[a];
        }
        d.Fill(kind switch { ReduceKind.Max => T.MinValue, ReduceKind.Min => T.MaxValue, _ => T.Zero });
        var index = new int[rank];
        for (int i = 0; i < x.Length; i++)
        {
            int o = 0;
            for (int a = 0; a < rank; a++) o += index[a] * outStrides[a];
            d[o] = kind switch
            {
                ReduceKind.Max => T.Max(d[o], x[i]),
                ReduceKind.Min => T.Min(d[o], x[i]),
                _ => d[o] + x[i],
            };
            for (int a = rank - 1; a >= 0; a--)
            {
                if (++index[a] < l.InShape[a]) break;
                index[a] = 0;
            }
        }
        if (kind == ReduceKind.Mean) TensorPrimitives.Divide(d, T.CreateChecked(l.Count), d);
    }

    /// <summary>Index of the largest element along an axis (first one on ties), as TensorFlow's ArgMax.</summary>
    public static void ArgMax(NDArray x, int axis, Span<long> d, bool min = false)
    {
        int[] shape = x.RawShape;
        int outer = 1, inner = 1, n = shape[axis];
        for (int a = 0; a < axis; a++) outer *= shape[a];
        for (int a = axis + 1; a < shape.Length; a++) inner *= shape[a];
        for (int o = 0; o < outer; o++)
        {
            for (int i = 0; i < inner; i++)
            {
                int best = 0;
                double bestValue = x.GetDouble(o * n * inner + i);
                for (int k = 1; k < n; k++)
                {
                    double v = x.GetDouble((o * n + k) * inner + i);
                    if (min ? v < bestValue : v > bestValue) { best = k; bestValue = v; }
                }
                d[o * inner + i] = best;
            }
        }
    }
}
