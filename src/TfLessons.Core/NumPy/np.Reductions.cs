using TfLessons.NumPy;

namespace TfLessons;

/// <summary>
/// Reductions over one axis or all of them. Sums follow NumPy's pairwise summation when the reduced
/// elements are the trailing (contiguous) block, and its row-by-row accumulation otherwise, so float32
/// sums and means round as NumPy's do; float32 stays float32, small integers sum in int64.
/// </summary>
public static partial class np
{
    public static NDArray sum(NDArray a, int? axis = null, bool keepdims = false)
    {
        DType acc = a.DType switch
        {
            DType.Float32 or DType.Float64 => a.DType,
            // NumPy sums bool and int32 in the platform long (int64); uint8 would be uint64, which
            // TfLessons lacks, so it is summed in int64 (same values for any realistic size).
            _ => DType.Int64,
        };
        return Reduce(a, axis, keepdims, "sum", acc, SumOf);
    }

    public static NDArray mean(NDArray a, int? axis = null, bool keepdims = false)
    {
        DType acc = a.DType == DType.Float32 ? DType.Float32 : DType.Float64;
        return Reduce(
            a,
            axis,
            keepdims,
            "mean",
            acc,
            (v, dt, pairwise) => SumOf(v, dt, pairwise) / v.Length,
            requireNonEmpty: false
        );
    }

    /// <summary>NumPy's std: sqrt(mean(|x - mean(x)|²)) with <paramref name="ddof"/> subtracted from the
    /// count.</summary>
    public static NDArray std(NDArray a, int? axis = null, bool keepdims = false, int ddof = 0)
    {
        DType acc = a.DType == DType.Float32 ? DType.Float32 : DType.Float64;
        return Reduce(a, axis, keepdims, "std", acc, (v, dt, pairwise) =>
        {
            double m = SumOf(v, dt, pairwise) / v.Length;
            if (dt == DType.Float32) m = (float)m;
            var d = new double[v.Length];
            for (int i = 0; i < v.Length; i++)
            {
                double e = dt == DType.Float32 ? (float)(v[i] - m) : v[i] - m;
                d[i] = dt == DType.Float32 ? (float)(e * e) : e * e;
            }
            double s = SumOf(d, dt, pairwise) / Math.Max(v.Length - ddof, 0);
            return Math.Sqrt(dt == DType.Float32 ? (float)s : s);
        }, requireNonEmpty: false);
    }

    public static NDArray var(NDArray a, int? axis = null, bool keepdims = false, int ddof = 0)
    {
        NDArray s = std(a, axis, keepdims, ddof);
        return s * s;
    }

    public static NDArray max(NDArray a, int? axis = null, bool keepdims = false) =>
        Reduce(a, axis, keepdims, "maximum", a.DType, (v, _, _) => Extreme(v, max: true), requireNonEmpty: true);

    public static NDArray min(NDArray a, int? axis = null, bool keepdims = false) =>
        Reduce(a, axis, keepdims, "minimum", a.DType, (v, _, _) => Extreme(v, max: false), requireNonEmpty: true);
    public static NDArray amax(NDArray a, int? axis = null, bool keepdims = false) => max(a, axis, keepdims);
    public static NDArray amin(NDArray a, int? axis = null, bool keepdims = false) => min(a, axis, keepdims);

    public static NDArray argmax(NDArray a, int? axis = null) =>
        Reduce(a, axis, false, "argmax", DType.Int64, (v, _, _) => ArgExtreme(v, max: true), requireNonEmpty: true);

    public static NDArray argmin(NDArray a, int? axis = null) =>
        Reduce(a, axis, false, "argmin", DType.Int64, (v, _, _) => ArgExtreme(v, max: false), requireNonEmpty: true);

    public static NDArray any(NDArray a, int? axis = null, bool keepdims = false) =>
        Reduce(a, axis, keepdims, "any", DType.Bool, (v, _, _) => v.Any(x => x != 0) ? 1 : 0);

    public static NDArray all(NDArray a, int? axis = null, bool keepdims = false) =>
        Reduce(a, axis, keepdims, "all", DType.Bool, (v, _, _) => v.All(x => x != 0) ? 1 : 0);

    private delegate double Reducer(double[] values, DType acc, bool pairwise);

    /// <summary>Applies <paramref name="f"/> to each run of reduced elements (in NumPy's order) and writes the results
    /// in <paramref name="outType"/>.</summary>
    private static NDArray Reduce(
        NDArray a,
        int? axis,
        bool keepdims,
        string op,
        DType outType,
        Reducer f,
        bool requireNonEmpty = false
    )
    {
        int rank = a.Rank;
        int? ax = axis is { } x ? NormalizeAxis(x, Math.Max(rank, 1), op) : null;
        if (rank == 0) ax = null;
        int[] dims = a.Dims;
        int[] outDims = ax is { } k ? dims.Where((_, i) => i != k).ToArray() : [];
        int inner = ax is { } k2 ? dims[k2] : a.Size;
        if (requireNonEmpty && inner == 0)
            throw new ArgumentException(
                $"zero-size array to reduction operation {op} which has no identity "
                    + $"(shape {Shape.Format(dims)}, axis {axis?.ToString() ?? "None"})"
            );
        // Move the reduced axis last, so each output element reads one run of values.
        NDArray moved = ax is { } k3
            ? transpose(a, Enumerable.Range(0, rank).Where(i => i != k3).Append(k3).ToArray())
            : a;
        int[] pos = moved.Positions();
        bool pairwise = ax is null || ax == rank - 1;
        int count = NDArray.ShapeSize(outDims);
        var result = new NDArray(outType, outDims);
        var run = new double[inner];
        bool exactLong = outType == DType.Int64 && !a.DType.IsFloating() && op == "sum";
        for (int o = 0; o < count; o++)
        {
            if (exactLong)
            {
                long s = 0;
                for (int i = 0; i < inner; i++)
                    s = unchecked(s + Elements.ReadLong(a.Storage, a.DType, pos[o * inner + i]));
                Elements.WriteLong(result.Storage, outType, o, s);
                continue;
            }
            for (int i = 0; i < inner; i++) run[i] = Elements.ReadDouble(a.Storage, a.DType, pos[o * inner + i]);
            double r = f(run, outType, pairwise);
            if (outType.IsFloating() || outType == DType.Bool) result.SetDouble(o, r);
            else Elements.WriteLong(result.Storage, outType, o, (long)r);
        }
        if (keepdims)
        {
            int[] kept = ax is { } k4
                ? dims.Select((d, i) => i == k4 ? 1 : d).ToArray()
                : dims.Select(_ => 1).ToArray();
            result = result.reshape(kept);
        }
        return result;
    }

    private static double SumOf(double[] v, DType acc, bool pairwise)
    {
        if (v.Length == 0) return 0;
        if (acc == DType.Float32)
        {
            // NumPy adds the whole run pairwise onto the identity; row-by-row otherwise.
            if (pairwise) return 0f + PairwiseF(v, 0, v.Length);
            float s = (float)v[0];
            for (int i = 1; i < v.Length; i++) s += (float)v[i];
            return s;
        }
        if (pairwise) return 0.0 + PairwiseD(v, 0, v.Length);
        double d = v[0];
        for (int i = 1; i < v.Length; i++) d += v[i];
        return d;
    }

    // NumPy's pairwise_sum: 8 interleaved accumulators in blocks of up to 128, halving above that.
    private static double PairwiseD(double[] a, int start, int n)
    {
        if (n < 8)
        {
            double res = 0;
            for (int i = 0; i < n; i++) res += a[start + i];
            return res;
        }
        if (n <= 128)
        {
            var r = new double[8];
            for (int j = 0; j < 8; j++) r[j] = a[start + j];
            int i;
            for (i = 8; i < n - n % 8; i += 8)
            {
                for (int j = 0; j < 8; j++) r[j] += a[start + i + j];
            }
            double res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
            for (; i < n; i++) res += a[start + i];
            return res;
        }
        int n2 = n / 2;
        n2 -= n2 % 8;
        return PairwiseD(a, start, n2) + PairwiseD(a, start + n2, n - n2);
    }

    private static float PairwiseF(double[] a, int start, int n)
    {
        if (n < 8)
        {
            float res = 0;
            for (int i = 0; i < n; i++) res += (float)a[start + i];
            return res;
        }
        if (n <= 128)
        {
            var r = new float[8];
            for (int j = 0; j < 8; j++) r[j] = (float)a[start + j];
            int i;
            for (i = 8; i < n - n % 8; i += 8)
            {
                for (int j = 0; j < 8; j++) r[j] += (float)a[start + i + j];
            }
            float res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
            for (; i < n; i++) res += (float)a[start + i];
            return res;
        }
        int n2 = n / 2;
        n2 -= n2 % 8;
        return PairwiseF(a, start, n2) + PairwiseF(a, start + n2, n - n2);
    }

    private static double Extreme(double[] v, bool max)
    {
        double best = v[0];
        foreach (double x in v)
        {
            if (double.IsNaN(x)) return double.NaN;
            if (max ? x > best : x < best) best = x;
        }
        return best;
    }

    private static double ArgExtreme(double[] v, bool max)
    {
        int best = 0;
        for (int i = 0; i < v.Length; i++)
        {
            if (double.IsNaN(v[i])) return i;
            if (max ? v[i] > v[best] : v[i] < v[best]) best = i;
        }
        return best;
    }
}
