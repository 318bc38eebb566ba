namespace TfLessons;

/// <summary>np.unique and np.meshgrid.</summary>
public static partial class np
{
    /// <summary>The sorted distinct elements of the flattened array (NumPy's <c>np.unique</c>: NaNs sort last and, as since NumPy 1.21, collapse into one).</summary>
    public static NDArray unique(NDArray a)
    {
        if (a.DType == DType.String) throw new NotSupportedException("np.unique of string arrays is not supported");
        double[] values = a.ToDoubleArray();
        // .NET sorts NaN first; NumPy sorts it last.
        Array.Sort(values, (a, b) => double.IsNaN(a) ? (double.IsNaN(b) ? 0 : 1) : double.IsNaN(b) ? -1 : a.CompareTo(b));
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
