namespace TfLessons.Runtime.Kernels;

/// <summary>
/// A broadcast layout computed once per plan: the output is walked in chunks of <see cref="Inner"/>
/// elements, each operand either contributing a contiguous run or one repeated element per chunk.
/// </summary>
internal sealed class BroadcastLayout
{
    public int Size;
    public int Inner;
    public bool XRepeats, YRepeats;
    public int[] XOffsets = [], YOffsets = [];
    public bool Same;

    public static BroadcastLayout Create(int[] xShape, int[] yShape, int[] outShape)
    {
        int rank = outShape.Length;
        int[] xs = Pad(xShape, rank), ys = Pad(yShape, rank);
        var layout = new BroadcastLayout { Size = NDArray.ShapeSize(outShape) };
        if (xs.AsSpan().SequenceEqual(ys) && xs.AsSpan().SequenceEqual(outShape))
        {
            layout.Same = true;
            layout.Inner = layout.Size;
            layout.XOffsets = layout.YOffsets = [0];
            return layout;
        }
        // Group trailing dimensions while each operand stays broadcast (or not) throughout the group.
        int inner = 1, start = rank;
        bool? xB = null, yB = null;
        for (int a = rank - 1; a >= 0; a--)
        {
            if (outShape[a] == 1) { start = a; continue; }
            bool xb = xs[a] == 1, yb = ys[a] == 1;
            if (xB is null) { xB = xb; yB = yb; }
            else if (xb != xB || yb != yB) break;
            inner *= outShape[a];
            start = a;
        }
        layout.Inner = inner;
        layout.XRepeats = xB ?? false;
        layout.YRepeats = yB ?? false;
        int outer = inner == 0 ? 0 : layout.Size / inner;
        layout.XOffsets = new int[outer];
        layout.YOffsets = new int[outer];
        int[] xStrides = Strides(xs), yStrides = Strides(ys);
        var index = new int[start];
        for (int chunk = 0; chunk < outer; chunk++)
        {
            int xo = 0, yo = 0;
            for (int a = 0; a < start; a++)
            {
                if (xs[a] != 1) xo += index[a] * xStrides[a];
                if (ys[a] != 1) yo += index[a] * yStrides[a];
            }
            layout.XOffsets[chunk] = xo;
            layout.YOffsets[chunk] = yo;
            for (int a = start - 1; a >= 0; a--)
            {
                if (++index[a] < outShape[a]) break;
                index[a] = 0;
            }
        }
        return layout;
    }

    internal static int[] Pad(int[] shape, int rank)
    {
        var padded = new int[rank];
        for (int i = 0; i < rank; i++) padded[i] = i < rank - shape.Length ? 1 : shape[i - (rank - shape.Length)];
        return padded;
    }

    internal static int[] Strides(int[] shape)
    {
        var strides = new int[shape.Length];
        int s = 1;
        for (int a = shape.Length - 1; a >= 0; a--) { strides[a] = s; s *= shape[a]; }
        return strides;
    }
}

/// <summary>Broadcast copies over a layout (the drivers in Layer/Drivers.cs run operators over it).</summary>
internal static class Elementwise
{
    /// <summary>Copies x into the (larger) output shape of the layout, repeating along broadcast axes.</summary>
    public static void BroadcastCopy<T>(BroadcastLayout l, ReadOnlySpan<T> x, Span<T> d) where T : unmanaged
    {
        if (l.Same) { x.CopyTo(d); return; }
        int inner = l.Inner;
        int[] xo = l.XOffsets;
        for (int c = 0; c < xo.Length; c++)
        {
            Span<T> dc = d.Slice(c * inner, inner);
            if (l.XRepeats) dc.Fill(x[xo[c]]);
            else x.Slice(xo[c], inner).CopyTo(dc);
        }
    }
}
