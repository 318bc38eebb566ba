namespace TfLessons.NumPy;

/// <summary>
/// An index resolved against one array: the basic part as a strided view (shape, offset, strides),
/// and the integer-array part, if any, applied to that view.
/// </summary>
internal sealed class IndexPlan
{
    private IndexPlan(int[] shape, int offset, int[] strides, AdvancedIndex? advanced)
    {
        ViewShape = shape;
        Offset = offset;
        Strides = strides;
        Advanced = advanced;
    }

    public int[] ViewShape { get; }
    public int Offset { get; }
    public int[] Strides { get; }
    public AdvancedIndex? Advanced { get; }

    public static IndexPlan Build(NDArray a, object[] items)
    {
        items = ExpandMasks(a, items);
        bool advanced = items.Any(i => i is NDArray);
        int consumed = items.Count(i =>
            i is NDArray || i is Slice { Kind: Slice.SliceKind.Range or Slice.SliceKind.Index }
        );
        int ellipses = items.Count(i => i is Slice { Kind: Slice.SliceKind.Ellipsis });
        if (ellipses > 1)
            throw new IndexOutOfRangeException("an index can only have a single ellipsis ('...')");
        if (consumed > a.Rank)
            throw new IndexOutOfRangeException(
                $"too many indices for array: array is {a.Rank}-dimensional, but {consumed} were indexed"
            );

        int[] srcStrides = a.ElementStrides;
        var shape = new List<int>();
        var strides = new List<int>();
        var advAxes = new List<int>();
        var advArrays = new List<NDArray>();
        int offset = a.Offset, axis = 0;
        foreach (object item in items)
        {
            if (item is NDArray arr)
            {
                AddAdvanced(arr, a.ShapeSpan[axis], srcStrides[axis++]);
                continue;
            }
            var s = (Slice)item;
            switch (s.Kind)
            {
                case Slice.SliceKind.Ellipsis:
                    for (int k = a.Rank - consumed; k > 0; k--, axis++)
                    {
                        shape.Add(a.ShapeSpan[axis]);
                        strides.Add(srcStrides[axis]);
                    }
                    break;
                case Slice.SliceKind.NewAxis:
                    shape.Add(1);
                    strides.Add(0);
                    break;
                case Slice.SliceKind.Index:
                    int n = a.ShapeSpan[axis],
                        k0 = s.Start!.Value,
                        kk = k0 < 0 ? k0 + n : k0;
                    if (kk < 0 || kk >= n)
                        throw new IndexOutOfRangeException(
                            $"index {k0} is out of bounds for axis {axis} with size {n}"
                        );
                    // Among array indices an integer is a 0-d array index: it changes where the result axes go.
                    if (advanced) AddAdvanced(np.array((long)kk), n, srcStrides[axis]);
                    else offset += kk * srcStrides[axis];
                    axis++;
                    break;
                default:
                    var (start, step, count) = s.Resolve(a.ShapeSpan[axis]);
                    if (count > 0) offset += start * srcStrides[axis];
                    shape.Add(count);
                    strides.Add(srcStrides[axis++] * step);
                    break;
            }
        }
        for (; axis < a.Rank; axis++)
        {
            shape.Add(a.ShapeSpan[axis]);
            strides.Add(srcStrides[axis]);
        }
        AdvancedIndex? adv = advAxes.Count == 0 ? null : new AdvancedIndex(advAxes.ToArray(), advArrays.ToArray());
        return new IndexPlan(shape.ToArray(), offset, strides.ToArray(), adv);

        void AddAdvanced(NDArray arr, int n, int stride)
        {
            advAxes.Add(shape.Count);
            advArrays.Add(arr);
            shape.Add(n);
            strides.Add(stride);
        }
    }

    /// <summary>A boolean mask over k axes becomes k integer arrays (its nonzero positions).</summary>
    private static object[] ExpandMasks(NDArray a, object[] items)
    {
        if (!items.Any(i => i is NDArray { DType: DType.Bool })) return items;
        var result = new List<object>();
        int axis = 0;
        foreach (object item in items)
        {
            if (item is NDArray { DType: DType.Bool } mask)
            {
                if (mask.Rank == 0) throw new IndexOutOfRangeException("a 0-d boolean index is not supported");
                for (int k = 0; k < mask.Rank; k++)
                {
                    if (axis + k >= a.Rank || mask.ShapeSpan[k] != a.ShapeSpan[axis + k])
                        throw new IndexOutOfRangeException(
                            $"boolean index did not match indexed array along dimension {axis + k}; array "
                                + $"shape {Shape.Format(a.ShapeSpan)}, mask shape {Shape.Format(mask.ShapeSpan)}"
                        );
                }
                result.AddRange(np.nonzero(mask));
                axis += mask.Rank;
            }
            else
            {
                result.Add(item);
                if (item is NDArray || item is Slice { Kind: Slice.SliceKind.Range or Slice.SliceKind.Index }) axis++;
            }
        }
        return result.ToArray();
    }
}

/// <summary>The integer-array indices of an index: which view axes they replace and the broadcast positions.</summary>
internal sealed class AdvancedIndex(int[] axes, NDArray[] arrays)
{
    /// <summary>The result's shape and, per element, its storage position in <paramref name="view"/>.</summary>
    private (int[] Shape, int[] Positions) Map(NDArray view)
    {
        foreach (NDArray arr in arrays)
        {
            if (arr.DType is not (DType.Int16 or DType.Int32 or DType.Int64 or DType.UInt8))
                throw new IndexOutOfRangeException(
                    $"arrays used as indices must be of integer (or boolean) type, not {arr.DType.Name()}"
                );
        }
        int[] b = np.broadcast_shapes(arrays.Select(x => x.Dims).ToArray());
        int bsize = NDArray.ShapeSize(b);
        var idx = new int[arrays.Length][];
        for (int k = 0; k < arrays.Length; k++)
        {
            int n = view.ShapeSpan[axes[k]];
            int[] src = arrays[k].Positions(b);
            idx[k] = new int[bsize];
            for (int i = 0; i < bsize; i++)
            {
                long v = Elements.ReadLong(arrays[k].Storage, arrays[k].DType, src[i]);
                long w = v < 0 ? v + n : v;
                if (w < 0 || w >= n)
                    throw new IndexOutOfRangeException($"index {v} is out of bounds for axis {axes[k]} with size {n}");
                idx[k][i] = (int)w;
            }
        }
        bool adjacent = axes.Zip(axes.Skip(1), (x, y) => y == x + 1).All(t => t);
        int insertAt = adjacent ? axes[0] : 0;
        int[] vStrides = view.ElementStrides;
        var basicAxes = Enumerable.Range(0, view.Rank).Where(x => !axes.Contains(x)).ToArray();
        var outShape = new List<int>();
        // out axis -> (basic view axis) or -1 for a broadcast-index axis
        var source = new List<int>();
        for (int x = 0; x <= basicAxes.Length; x++)
        {
            if (x == (adjacent ? basicAxes.Count(v => v < insertAt) : 0))
            {
                foreach (int d in b) { outShape.Add(d); source.Add(-1); }
            }
            if (x < basicAxes.Length) { outShape.Add(view.ShapeSpan[basicAxes[x]]); source.Add(basicAxes[x]); }
        }
        int[] shape = outShape.ToArray();
        var positions = new int[NDArray.ShapeSize(shape)];
        var index = new int[shape.Length];
        for (int i = 0; i < positions.Length; i++)
        {
            int pos = view.Offset, bflat = 0;
            for (int d = 0; d < shape.Length; d++)
            {
                if (source[d] >= 0) pos += index[d] * vStrides[source[d]];
                else bflat = bflat * shape[d] + index[d];
            }
            for (int k = 0; k < idx.Length; k++) pos += idx[k][bflat] * vStrides[axes[k]];
            positions[i] = pos;
            for (int d = shape.Length - 1; d >= 0; d--)
            {
                if (++index[d] < shape[d]) break;
                index[d] = 0;
            }
        }
        return (shape, positions);
    }

    public NDArray Gather(NDArray view)
    {
        var (shape, positions) = Map(view);
        Array data = view.DType.NewArray(positions.Length);
        Elements.Gather(view.Storage, positions, data);
        return new NDArray(view.DType, shape, data);
    }

    public void Scatter(NDArray view, NDArray value)
    {
        var (shape, positions) = Map(view);
        int[] src;
        try
        {
            src = value.Positions(shape);
        }
        catch (ArgumentException)
        {
            throw new ArgumentException(
                $"setitem: shape mismatch: value array of shape {Shape.Format(value.ShapeSpan)} "
                    + $"could not be broadcast to indexing result of shape {Shape.Format(shape)}"
            );
        }
        view.WriteElements(positions, value, src);
    }
}
