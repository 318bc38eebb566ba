using TfLessons.NumPy;

namespace TfLessons;

/// <summary>Shape manipulation, joining and construction helpers.</summary>
public static partial class np
{
    /// <summary>Permutes the axes (reverses them by default); a view like NumPy's.</summary>
    public static NDArray transpose(NDArray a, params int[]? axes)
    {
        int[] perm = axes is { Length: > 0 }
            ? axes.Select(x => NormalizeAxis(x, a.Rank, "transpose")).ToArray()
            : Enumerable.Range(0, a.Rank).Reverse().ToArray();
        if (perm.Length != a.Rank || perm.Distinct().Count() != perm.Length)
            throw new ArgumentException(
                $"transpose: axes ({string.Join(", ", axes!)}) don't match array of shape {Shape.Format(a.ShapeSpan)}"
            );
        int[] strides = a.ElementStrides;
        return NDArray.ViewOf(
            a,
            perm.Select(p => a.ShapeSpan[p]).ToArray(),
            a.Offset,
            perm.Select(p => strides[p]).ToArray()
        );
    }

    public static NDArray squeeze(NDArray a, int? axis = null)
    {
        int[] dims = a.Dims, strides = a.ElementStrides;
        int? ax = axis is { } x ? NormalizeAxis(x, a.Rank, "squeeze") : null;
        if (ax is { } k && dims[k] != 1)
            throw new ArgumentException(
                $"squeeze: cannot select an axis to squeeze out which has size "
                    + $"not equal to one (axis {k} of shape {Shape.Format(dims)})"
            );
        var keep = Enumerable.Range(0, a.Rank).Where(i => ax is { } k2 ? i != k2 : dims[i] != 1).ToArray();
        return NDArray.ViewOf(a, keep.Select(i => dims[i]).ToArray(), a.Offset, keep.Select(i => strides[i]).ToArray());
    }

    public static NDArray expand_dims(NDArray a, int axis)
    {
        int k = NormalizeAxis(axis, a.Rank + 1, "expand_dims");
        var dims = a.Dims.ToList();
        var strides = a.ElementStrides.ToList();
        dims.Insert(k, 1);
        strides.Insert(k, 0);
        return NDArray.ViewOf(a, dims.ToArray(), a.Offset, strides.ToArray());
    }

    public static NDArray astype(NDArray a, DType dtype)
    {
        var result = new NDArray(dtype, a.Dims);
        int[] pos = a.Positions();
        for (int i = 0; i < pos.Length; i++) Elements.Convert(a.Storage, a.DType, pos[i], result.Storage, dtype, i);
        return result;
    }

    /// <summary>The array itself when dense, else a dense copy: what to hand the engine.</summary>
    public static NDArray ascontiguousarray(NDArray a) => a.IsContiguous ? a : a.Copy();

    public static NDArray copy(NDArray a) => a.Copy();

    public static NDArray reshape(NDArray a, params int[] shape) => a.reshape(shape);

    public static int[] broadcast_shapes(params int[][] shapes)
    {
        int rank = shapes.Length == 0 ? 0 : shapes.Max(s => s.Length);
        var result = new int[rank];
        for (int i = 0; i < rank; i++) result[i] = 1;
        foreach (int[] s in shapes)
        {
            for (int i = 0; i < s.Length; i++)
            {
                int r = rank - s.Length + i;
                if (s[i] == result[r] || s[i] == 1)
                    continue;
                if (result[r] == 1)
                    result[r] = s[i];
                else
                    throw new ArgumentException(
                        $"operands could not be broadcast together with shapes "
                            + $"{string.Join(" ", shapes.Select(x => Shape.Format(x)))}"
                    );
            }
        }
        return result;
    }

    /// <summary>A read-only-by-convention view of <paramref name="a"/> stretched to <paramref name="shape"/>.</summary>
    public static NDArray broadcast_to(NDArray a, Shape shape)
    {
        int[] dims = shape.ToArray();
        return NDArray.ViewOf(a, dims, a.Offset, a.BroadcastStrides(dims));
    }

    /// <summary>The indices of the non-zero elements, one int64 array per axis.</summary>
    public static NDArray[] nonzero(NDArray a)
    {
        int[] pos = a.Positions();
        var hits = new List<int>();
        for (int i = 0; i < pos.Length; i++)
        {
            if (Elements.ReadBool(a.Storage, a.DType, pos[i])) hits.Add(i);
        }
        var result = new NDArray[Math.Max(a.Rank, 1)];
        int[] dims = a.Rank == 0 ? [1] : a.Dims;
        for (int axis = 0; axis < result.Length; axis++)
        {
            int inner = 1;
            for (int k = axis + 1; k < dims.Length; k++) inner *= dims[k];
            var idx = new long[hits.Count];
            for (int i = 0; i < idx.Length; i++) idx[i] = hits[i] / inner % dims[axis];
            result[axis] = new NDArray(DType.Int64, [idx.Length], idx);
        }
        return result;
    }

    public static NDArray concatenate(NDArray[] arrays, int axis = 0)
    {
        if (arrays.Length == 0) throw new ArgumentException("concatenate: need at least one array to concatenate");
        NDArray first = arrays[0];
        if (first.Rank == 0) throw new ArgumentException("concatenate: zero-dimensional arrays cannot be concatenated");
        int ax = NormalizeAxis(axis, first.Rank, "concatenate");
        foreach (NDArray x in arrays)
        {
            bool same =
                x.Rank == first.Rank
                && Enumerable.Range(0, x.Rank).All(k => k == ax || x.ShapeSpan[k] == first.ShapeSpan[k]);
            if (!same)
                throw new ArgumentException(
                    $"concatenate: all the input array dimensions except for the concatenation axis must match "
                        + $"exactly, but {Shape.Format(first.ShapeSpan)} and "
                        + $"{Shape.Format(x.ShapeSpan)} differ (axis {ax})"
                );
        }
        DType dtype = Promotion.Result("concatenate", arrays);
        int[] dims = first.Dims;
        dims[ax] = arrays.Sum(x => x.ShapeSpan[ax]);
        var result = new NDArray(dtype, dims);
        int start = 0;
        foreach (NDArray x in arrays)
        {
            int len = x.ShapeSpan[ax];
            var items = Enumerable
                .Range(0, result.Rank)
                .Select(k => k == ax ? new Slice(start, start + len) : Slice.All)
                .ToArray();
            result[items] = x;
            start += len;
        }
        return result;
    }

    public static NDArray stack(NDArray[] arrays, int axis = 0)
    {
        if (arrays.Length == 0) throw new ArgumentException("stack: need at least one array to stack");
        foreach (NDArray x in arrays)
        {
            if (!x.ShapeSpan.SequenceEqual(arrays[0].ShapeSpan))
                throw new ArgumentException(
                    $"stack: all input arrays must have the same shape, but "
                        + $"{Shape.Format(arrays[0].ShapeSpan)} and {Shape.Format(x.ShapeSpan)} differ"
                );
        }
        int ax = NormalizeAxis(axis, arrays[0].Rank + 1, "stack");
        return concatenate(arrays.Select(x => expand_dims(x, ax)).ToArray(), ax);
    }

    public static NDArray vstack(NDArray[] arrays) =>
        concatenate(arrays.Select(x => x.Rank == 1 ? expand_dims(x, 0) : x).ToArray(), 0);

    public static NDArray hstack(NDArray[] arrays) => concatenate(arrays, arrays.All(x => x.Rank == 1) ? 0 : 1);

    public static NDArray eye(int n, int? m = null, int k = 0, DType? dtype = null)
    {
        int cols = m ?? n;
        var result = new NDArray(dtype ?? DType.Float64, [n, cols]);
        for (int i = 0; i < n; i++)
        {
            int j = i + k;
            if (j >= 0 && j < cols) result.SetDouble(i * cols + j, 1);
        }
        return result;
    }

    /// <summary>NumPy's linspace: <c>start + i * step</c>, with the last point set to <paramref name="stop"/>
    /// exactly.</summary>
    public static NDArray linspace(double start, double stop, int num = 50, bool endpoint = true, DType? dtype = null)
    {
        if (num < 0) throw new ArgumentException($"linspace: number of samples, {num}, must be non-negative");
        int div = endpoint ? num - 1 : num;
        double delta = stop - start;
        var data = new double[num];
        double step = div > 0 ? delta / div : double.NaN;
        for (int i = 0; i < num; i++) data[i] = div > 0 ? start + i * step : start + i * delta;
        if (endpoint && num > 1) data[num - 1] = stop;
        var result = new NDArray(DType.Float64, [num], data);
        return dtype is { } d && d != DType.Float64 ? astype(result, d) : result;
    }

    public static NDArray arange(int start, int stop, int step, DType dtype) =>
        astype(arange(start, stop, step), dtype);

    public static NDArray zeros(int n, DType? dtype = null) => zeros(new Shape(n), dtype);

    internal static int NormalizeAxis(int axis, int rank, string op)
    {
        int a = axis < 0 ? axis + rank : axis;
        if (a < 0 || a >= rank)
            throw new ArgumentException($"{op}: axis {axis} is out of bounds for array of dimension {rank}");
        return a;
    }
}
