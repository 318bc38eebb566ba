using System.Numerics;
using System.Numerics.Tensors;
using TfLessons.Runtime.Kernels.Layer;

namespace TfLessons.Runtime.Kernels;

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
    public static void Reduce<T, TOp>(ReduceLayout l, ReadOnlySpan<T> x, Span<T> d)
        where T : unmanaged, INumber<T>, IMinMaxValue<T> where TOp : IReduceOp
    {
        if (!l.Contiguous) { ReduceByIndex<T, TOp>(l, x, d); return; }
        int red = l.Reduced, inner = l.Inner;
        if (red == 0)
        {
            d.Fill(TOp.Empty<T>());
            return;
        }
        for (int o = 0; o < l.Outer; o++)
        {
            ReadOnlySpan<T> block = x.Slice(o * red * inner, red * inner);
            if (inner == 1)
            {
                d[o] = TOp.Whole(block);
                continue;
            }
            Span<T> row = d.Slice(o * inner, inner);
            if (typeof(TOp) == typeof(SumReduce) || typeof(TOp) == typeof(MeanReduce))
            {
                if (typeof(T) == typeof(float)) { SumRows(System.Runtime.InteropServices.MemoryMarshal.Cast<T, float>(block), red, inner, System.Runtime.InteropServices.MemoryMarshal.Cast<T, float>(row)); continue; }
                if (typeof(T) == typeof(double)) { SumRows(System.Runtime.InteropServices.MemoryMarshal.Cast<T, double>(block), red, inner, System.Runtime.InteropServices.MemoryMarshal.Cast<T, double>(row)); continue; }
            }
            block[..inner].CopyTo(row);
            for (int r = 1; r < red; r++) TOp.Rows(row, block.Slice(r * inner, inner));
        }
        if (TOp.Mean) TensorPrimitives.Divide(d, T.CreateChecked(l.Count), d);
    }

    /// <summary>
    /// row[j] = block[0, j] + block[1, j] + ... in row order (NumPy's order for a reduction over a leading axis, the
    /// same as adding whole rows one after another), four vectors of columns at a time held in registers down the rows:
    /// one pass over the input instead of one read and write of the accumulator row per input row.
    /// </summary>
    private static void SumRows<T>(ReadOnlySpan<T> block, int red, int inner, Span<T> row) where T : unmanaged, IBinaryNumber<T>
    {
        ref T src = ref System.Runtime.InteropServices.MemoryMarshal.GetReference(block);
        ref T dst = ref System.Runtime.InteropServices.MemoryMarshal.GetReference(row);
        int j = 0, bits = SimdWidth.Bits;
        if (bits >= 512) j = SumColumns<T, V512<T>>(ref src, red, inner, ref dst, j);
        if (bits >= 256) j = SumColumns<T, V256<T>>(ref src, red, inner, ref dst, j);
        if (bits >= 128) j = SumColumns<T, V128<T>>(ref src, red, inner, ref dst, j);
        SumColumns<T, Scalar<T>>(ref src, red, inner, ref dst, j);
    }

    private static int SumColumns<T, V>(ref T src, int red, int inner, ref T dst, int j)
        where T : unmanaged, IBinaryNumber<T> where V : struct, ILanes<V, T>
    {
        int w = V.Count;
        for (; j <= inner - 4 * w; j += 4 * w)
        {
            V a0 = V.Load(ref src, j), a1 = V.Load(ref src, j + w), a2 = V.Load(ref src, j + 2 * w), a3 = V.Load(ref src, j + 3 * w);
            for (int r = 1, o = inner + j; r < red; r++, o += inner)
            {
                a0 += V.Load(ref src, o);
                a1 += V.Load(ref src, o + w);
                a2 += V.Load(ref src, o + 2 * w);
                a3 += V.Load(ref src, o + 3 * w);
            }
            V.Store(a0, ref dst, j);
            V.Store(a1, ref dst, j + w);
            V.Store(a2, ref dst, j + 2 * w);
            V.Store(a3, ref dst, j + 3 * w);
        }
        for (; j <= inner - w; j += w)
        {
            V a = V.Load(ref src, j);
            for (int r = 1, o = inner + j; r < red; r++, o += inner) a += V.Load(ref src, o);
            V.Store(a, ref dst, j);
        }
        return j;
    }

    /// <summary>
    /// NumPy's pairwise summation (its add.reduce over a contiguous axis): blocks of up to 128 summed with eight
    /// running accumulators, halves above that. Same order as NumPy, so float64 course costs match to the last digit.
    /// </summary>
    public static T PairwiseSum<T>(ReadOnlySpan<T> a) where T : unmanaged, INumber<T>
    {
        int n = a.Length;
        if (n < 8)
        {
            T res = T.Zero;
            for (int i = 0; i < n; i++) res += a[i];
            return res;
        }
        if (n <= 128)
        {
            T r0 = a[0], r1 = a[1], r2 = a[2], r3 = a[3], r4 = a[4], r5 = a[5], r6 = a[6], r7 = a[7];
            int i = 8;
            for (; i < n - (n % 8); i += 8)
            {
                r0 += a[i]; r1 += a[i + 1]; r2 += a[i + 2]; r3 += a[i + 3];
                r4 += a[i + 4]; r5 += a[i + 5]; r6 += a[i + 6]; r7 += a[i + 7];
            }
            T res = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7));
            for (; i < n; i++) res += a[i];
            return res;
        }
        int half = n / 2;
        half -= half % 8;
        return PairwiseSum(a[..half]) + PairwiseSum(a[half..]);
    }

    private static void ReduceByIndex<T, TOp>(ReduceLayout l, ReadOnlySpan<T> x, Span<T> d)
        where T : unmanaged, INumber<T>, IMinMaxValue<T> where TOp : IReduceOp
    {
        int rank = l.InShape.Length;
        var outStrides = new int[rank];
        int s = 1;
        for (int a = rank - 1; a >= 0; a--)
        {
            outStrides[a] = l.IsReduced[a] ? 0 : s;
            if (!l.IsReduced[a]) s *= l.InShape[a];
        }
        d.Fill(TOp.Start<T>());
        var index = new int[rank];
        for (int i = 0; i < x.Length; i++)
        {
            int o = 0;
            for (int a = 0; a < rank; a++) o += index[a] * outStrides[a];
            d[o] = TOp.Combine(d[o], x[i]);
            for (int a = rank - 1; a >= 0; a--)
            {
                if (++index[a] < l.InShape[a]) break;
                index[a] = 0;
            }
        }
        if (TOp.Mean) TensorPrimitives.Divide(d, T.CreateChecked(l.Count), d);
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
