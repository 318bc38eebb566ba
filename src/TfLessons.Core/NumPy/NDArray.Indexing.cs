using TfLessons.NumPy;

namespace TfLessons;

/// <summary>
/// NumPy indexing. Basic indices (integers, slices, newaxis, ellipsis) give a view that shares
/// memory with this array; integer-array and boolean-mask indices give a copy (reads) or scatter
/// into this array (writes), with NumPy's rules for where the broadcast index dimensions go.
/// </summary>
public sealed partial class NDArray
{
    public NDArray this[int i]
    {
        get => Index([Slice.Index(i)]);
        set => SetIndex([Slice.Index(i)], value);
    }

    public NDArray this[int i, int j]
    {
        get => Index([Slice.Index(i), Slice.Index(j)]);
        set => SetIndex([Slice.Index(i), Slice.Index(j)], value);
    }

    public NDArray this[int i, int j, int k]
    {
        get => Index([Slice.Index(i), Slice.Index(j), Slice.Index(k)]);
        set => SetIndex([Slice.Index(i), Slice.Index(j), Slice.Index(k)], value);
    }

    public NDArray this[Index i]
    {
        get => Index([FromIndex(i)]);
        set => SetIndex([FromIndex(i)], value);
    }

    public NDArray this[Range r]
    {
        get => Index([(Slice)r]);
        set => SetIndex([(Slice)r], value);
    }

    /// <summary>NumSharp / TF.NET string slicing: <c>x[":, 0:32"]</c>, <c>x["::-1"]</c>, <c>x["...,
    /// None"]</c>.</summary>
    public NDArray this[string slices]
    {
        get => Index(Slice.ParseSlices(slices));
        set => SetIndex(Slice.ParseSlices(slices), value);
    }

    public NDArray this[params Slice[] slices]
    {
        get => Index(slices);
        set => SetIndex(slices, value);
    }

    /// <summary>Fancy indexing with an integer array, or masking with a boolean array.</summary>
    public NDArray this[NDArray index]
    {
        get => Index([index]);
        set => SetIndex([index], value);
    }

    public NDArray this[int[] index]
    {
        get => Index([np.array(index)]);
        set => SetIndex([np.array(index)], value);
    }

    /// <summary>Mixed indices: any of int, long, Index, Range, Slice, string, null (newaxis), int[], bool[] and
    /// NDArray.</summary>
    public NDArray this[params object?[] indices]
    {
        get => Index(indices.SelectMany(ToIndexItems).ToArray());
        set => SetIndex(indices.SelectMany(ToIndexItems).ToArray(), value);
    }

    private static Slice FromIndex(Index i) => Slice.Index(i.IsFromEnd ? -i.Value : i.Value);

    private static IEnumerable<object> ToIndexItems(object? o) =>
        o switch
        {
            null => [Slice.NewAxis],
            int i => [Slice.Index(i)],
            long l => [Slice.Index(checked((int)l))],
            Index i => [FromIndex(i)],
            Range r => [(Slice)r],
            Slice s => [s],
            string s => Slice.ParseSlices(s),
            NDArray a => [a],
            int[] a => [np.array(a)],
            long[] a => [np.array(a)],
            bool[] a => [np.array(a)],
            _ => throw new IndexOutOfRangeException(
                $"only integers, slices, ranges, newaxis (null), ellipsis and "
                    + $"integer or boolean arrays are valid indices; got {o.GetType().Name}"
            ),
        };

    private NDArray Index(object[] items)
    {
        var plan = IndexPlan.Build(this, items);
        NDArray view = ViewOf(this, plan.ViewShape, plan.Offset, plan.Strides);
        return plan.Advanced is null ? view : plan.Advanced.Gather(view);
    }

    private void SetIndex(object[] items, NDArray value)
    {
        var plan = IndexPlan.Build(this, items);
        NDArray view = ViewOf(this, plan.ViewShape, plan.Offset, plan.Strides);
        if (plan.Advanced is null) view.Assign(value, "setitem");
        else plan.Advanced.Scatter(view, value);
    }

    /// <summary>Writes <paramref name="value"/> (broadcast, cast to this dtype) into every element of this array or
    /// view.</summary>
    internal void Assign(NDArray value, string what)
    {
        int[] dst = Positions();
        int[] src;
        try
        {
            src = value.Positions(_shape);
        }
        catch (ArgumentException)
        {
            throw new ArgumentException(
                $"{what}: could not broadcast input array from shape "
                    + $"{Shape.Format(value._shape)} into shape {Shape.Format(_shape)}"
            );
        }
        WriteElements(dst, value, src);
    }

    internal void WriteElements(int[] dst, NDArray value, int[] src)
    {
        // Copy the source first when it shares storage, so overlapping views read old values.
        Array from = value._data;
        if (ReferenceEquals(from, _data))
        {
            from = value.DType.NewArray(src.Length);
            Elements.Gather(value._data, src, from);
            src = Enumerable.Range(0, src.Length).ToArray();
        }
        for (int i = 0; i < dst.Length; i++) Elements.Convert(from, value.DType, src[i], _data, DType, dst[i]);
    }
}
