namespace TfLessons;

/// <summary>np.unique, np.meshgrid, np.argsort and NumSharp's np.ndarray.</summary>
public static partial class np
{
    /// <summary>NumSharp's <c>np.ndarray(shape, dtype)</c>: a new array of that shape (zero-filled, where NumPy leaves it uninitialised).</summary>
    public static NDArray ndarray(Shape shape, DType dtype = DType.Float64) => new(dtype, shape.ToArray());

    /// <summary>
    /// The indices (int64) that sort each run along the last axis, ascending; NaNs last as in NumPy. Ties keep their
    /// order (NumPy's kind='stable'; its default quicksort may order ties differently).
    /// </summary>
    public static NDArray argsort(NDArray a)
    {
        if (a.DType == DType.String) throw new NotSupportedException("np.argsort of string arrays is not supported");
        if (a.Rank == 0) return new NDArray(DType.Int64, []);
        int run = a.ShapeSpan[^1], runs = run == 0 ? 0 : a.Size / run;
        double[] values = a.ToDoubleArray();
        var result = new long[a.Size];
        var order = new int[run];
        for (int r = 0; r < runs; r++)
        {
            int offset = r * run;
            for (int i = 0; i < run; i++) order[i] = i;
            Array.Sort(order, (i, j) => NanLastCompare(values[offset + i], values[offset + j]) is int c && c != 0 ? c : i.CompareTo(j));
            for (int i = 0; i < run; i++) result[offset + i] = order[i];
        }
        return new NDArray(DType.Int64, a.Dims, result);
    }

    // .NET orders NaN first; NumPy sorts it last.
    private static int NanLastCompare(double a, double b) => double.IsNaN(a) ? (double.IsNaN(b) ? 0 : 1) : double.IsNaN(b) ? -1 : a.CompareTo(b);

    /// <summary>The sorted distinct elements of the flattened array (NumPy's <c>np.unique</c>: NaNs sort last and, as since NumPy 1.21, collapse into one).</summary>
    public static NDArray unique(NDArray a)
    {
        if (a.DType == DType.String) throw new NotSupportedException("np.unique of string arrays is not supported");
        double[] values = a.ToDoubleArray();
        Array.Sort(values, NanLastCompare);
        var distinct = new List<double>(values.Length);
        foreach (double v in values)
        {
            if (distinct.Count == 0 || !(distinct[^1] == v || (double.IsNaN(v) && double.IsNaN(distinct[^1])))) distinct.Add(v);
        }
        var result = new NDArray(a.DType, [distinct.Count]);
        for (int i = 0; i < distinct.Count; i++) result.SetDouble(i, distinct[i]);
        return result;
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
                gridX.SetDouble(r * nx + c, xs.GetDouble(c));
                gridY.SetDouble(r * nx + c, ys.GetDouble(r));
            }
        }
        return (gridX, gridY);
    }
}
