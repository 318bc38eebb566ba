using TfLessons.NumPy;

namespace TfLessons;

/// <summary>np.unique, np.meshgrid, np.argsort and NumSharp's np.ndarray.</summary>
public static partial class np
{
    /// <summary>NumSharp's <c>np.ndarray(shape, dtype)</c>: a new array of that shape (zero-filled, where NumPy leaves
    /// it uninitialised).</summary>
    public static NDArray ndarray(Shape shape, DType dtype = DType.Float64) => new(dtype, shape.ToArray());

    /// <summary>
    /// The indices (int64) that sort each run along the last axis, ascending; NaNs last as in NumPy (a 0-d array sorts
    /// as one element). Ties keep their order (NumPy's kind='stable'; its default quicksort may order ties
    /// differently).
    /// </summary>
    public static NDArray argsort(NDArray a)
    {
        if (a.DType == DType.String) throw new NotSupportedException("np.argsort of string arrays is not supported");
        NDArray dense = a.Rank == 0 ? a.reshape(1) : a.Copy();
        int run = dense.ShapeSpan[^1], runs = run == 0 ? 0 : dense.Size / run;
        Comparison<int> compare = ElementOrder(dense);
        var result = new long[dense.Size];
        var order = new int[run];
        for (int r = 0; r < runs; r++)
        {
            int offset = r * run;
            for (int i = 0; i < run; i++) order[i] = offset + i;
            Array.Sort(order, (i, j) => compare(i, j) is int c && c != 0 ? c : i.CompareTo(j));
            for (int i = 0; i < run; i++) result[offset + i] = order[i] - offset;
        }
        return new NDArray(DType.Int64, dense.Dims, result);
    }

    /// <summary>The sorted distinct elements of the flattened array (NumPy's <c>np.unique</c>: NaNs sort last and, as
    /// since NumPy 1.21, collapse into one).</summary>
    public static NDArray unique(NDArray a)
    {
        if (a.DType == DType.String) throw new NotSupportedException("np.unique of string arrays is not supported");
        NDArray flat = a.flatten();
        Comparison<int> compare = ElementOrder(flat);
        int[] order = Enumerable.Range(0, flat.Size).ToArray();
        Array.Sort(order, compare);
        var distinct = new List<int>(order.Length);
        foreach (int i in order)
        {
            if (distinct.Count == 0 || compare(distinct[^1], i) != 0) distinct.Add(i);
        }
        var result = new NDArray(a.DType, [distinct.Count]);
        for (int i = 0; i < distinct.Count; i++)
            Elements.Convert(flat.Data, a.DType, distinct[i], result.Data, a.DType, i);
        return result;
    }

    // Ascending element order of a dense array: int64 compared as integers (doubles would merge values above 2^53),
    // everything else as doubles with NaN last, where NumPy puts it (.NET sorts NaN first) and NaNs equal to each
    // other.
    private static Comparison<int> ElementOrder(NDArray dense)
    {
        Array data = dense.Data;
        if (dense.DType == DType.Int64)
        {
            long[] longs = (long[])data;
            return (i, j) => longs[i].CompareTo(longs[j]);
        }
        DType dtype = dense.DType;
        return (i, j) =>
        {
            double x = Elements.ReadDouble(data, dtype, i), y = Elements.ReadDouble(data, dtype, j);
            return double.IsNaN(x) ? (double.IsNaN(y) ? 0 : 1) : double.IsNaN(y) ? -1 : x.CompareTo(y);
        };
    }

    /// <summary>
    /// NumPy's <c>np.meshgrid(x, y)</c> with the default 'xy' indexing: two (len(y), len(x)) arrays, the first
    /// repeating x along rows, the second y along columns.
    /// </summary>
    public static (NDArray X, NDArray Y) meshgrid(NDArray x, NDArray y)
    {
        NDArray xs = x.flatten(), ys = y.flatten();
        int nx = xs.Size, ny = ys.Size;
        // Each grid keeps the dtype of its own axis, as NumPy's does.
        var gridX = new NDArray(xs.DType, [ny, nx]);
        var gridY = new NDArray(ys.DType, [ny, nx]);
        for (int r = 0; r < ny; r++)
        {
            for (int c = 0; c < nx; c++)
            {
                Elements.Convert(xs.Data, xs.DType, c, gridX.Data, xs.DType, r * nx + c);
                Elements.Convert(ys.Data, ys.DType, r, gridY.Data, ys.DType, r * nx + c);
            }
        }
        return (gridX, gridY);
    }
}
