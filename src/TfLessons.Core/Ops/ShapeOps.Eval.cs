namespace TfLessons.Ops;

internal static partial class ShapeOps
{
    /// <summary>Computes the op's outputs from input values; null when the op is not one this evaluator knows.</summary>
    public static NDArray[]? Evaluate(Operation op, NDArray[] x) => op.Type switch
    {
        "Identity" => [x[0]],
        "Cast" => [Convert(x[0], MathOps.CastAttrs.Of(op).DstT)],
        "Range" => [Range(op, x[0], x[1], x[2])],
        "Prod.dynamic" => [Reduce(x[0], Axes(x[0], x[1]), DynamicReduceAttrs.Of(op).KeepDims, ReduceKind.Prod)],
        "Sum.dynamic" => [Reduce(x[0], Axes(x[0], x[1]), DynamicReduceAttrs.Of(op).KeepDims, ReduceKind.Sum)],
        "Mean.dynamic" => [Reduce(x[0], Axes(x[0], x[1]), DynamicReduceAttrs.Of(op).KeepDims, ReduceKind.Mean)],
        "FloorDiv" => [Binary(op, x[0], x[1], FloorDiv)],
        "FloorMod" => [Binary(op, x[0], x[1], FloorMod)],
        "Add" => [Binary(op, x[0], x[1], (a, b) => a + b)],
        "Sub" => [Binary(op, x[0], x[1], (a, b) => a - b)],
        "Mul" => [Binary(op, x[0], x[1], (a, b) => a * b)],
        "Maximum" => [Binary(op, x[0], x[1], Math.Max)],
        "Minimum" => [Binary(op, x[0], x[1], Math.Min)],
        "BroadcastGradientArgs" => BroadcastGradientArgs(op, x[0], x[1]),
        "DynamicStitch" => [DynamicStitch(op, x)],
        "Slice" => [Slice(op, x[0], x[1], x[2])],
        "Reshape.dynamic" => [Reshaped(op, x[0], x[1])],
        "Fill.dynamic" => [Filled(x[0], x[1])],
        "Tile.dynamic" => [Tiled(x[0], x[1])],
        "Fill" => [FilledFromAttrs(op)],
        "Reshape" => [Reshaped(op, x[0], np.array(ArrayOps.ReshapeAttrs.Of(op).Shape))],
        "Pack" when ArrayOps.PackAttrs.Of(op).Axis == 0 && x.All(a => a.Rank == 0) => [Stack(op, x)],
        "ConcatV2" when ArrayOps.ConcatAttrs.Of(op).Axis == 0 && x.All(a => a.Rank == 1) => [Stack(op, x)],
        _ => null,
    };

    // TF's Tile with the multiples as a tensor (the gradients of Sum and Mean write it so): out[i] = x[i mod shape].
    private static NDArray Tiled(NDArray x, NDArray multiples)
    {
        int[] m = multiples.ToDoubleArray().Select(v => checked((int)v)).ToArray();
        int[] inShape = x.Dims;
        if (m.Length != inShape.Length) throw new InvalidArgumentError($"Tile: {m.Length} multiples for an input of rank {inShape.Length}");
        int[] outShape = inShape.Select((d, i) => checked(d * m[i])).ToArray();
        var y = new NDArray(x.DType, outShape);
        var index = new int[outShape.Length];
        for (int flat = 0; flat < y.Size; flat++)
        {
            int source = 0;
            for (int d = 0; d < outShape.Length; d++) source = source * inShape[d] + index[d] % inShape[d];
            Array.Copy(x.Data, source, y.Data, flat, 1);
            for (int d = outShape.Length - 1; d >= 0 && ++index[d] == outShape[d]; d--) index[d] = 0;
        }
        return y;
    }

    private static double FloorDiv(double a, double b) => Math.Floor(a / b);

    private static double FloorMod(double a, double b) => a - Math.Floor(a / b) * b;

    private static NDArray Convert(NDArray x, DType dtype)
    {
        var y = new NDArray(dtype, x.Dims);
        for (int i = 0; i < x.Size; i++) y.SetDouble(i, x.GetDouble(i));
        return y;
    }

    private static NDArray Range(Operation op, NDArray start, NDArray limit, NDArray delta)
    {
        double s = start.GetDouble(0), l = limit.GetDouble(0), d = delta.GetDouble(0);
        if (d == 0) throw new ArgumentException($"Range '{op.Name}': Requires delta != 0: {d}");
        long n = Math.Max(0, (long)Math.Ceiling((l - s) / d));
        if (n > 1 << 24) throw new ArgumentException($"Range '{op.Name}': {n} elements from start {s}, limit {l}, delta {d} is too many");
        var y = new NDArray(start.DType, [(int)n]);
        for (int i = 0; i < n; i++) y.SetDouble(i, s + i * d);
        return y;
    }

    private static int[] Axes(NDArray x, NDArray axes)
    {
        var result = new int[axes.Size];
        for (int i = 0; i < result.Length; i++)
        {
            int a = (int)axes.GetDouble(i);
            if (a < -x.Rank || a >= x.Rank) throw new ArgumentException($"Invalid reduction dimension {a} for input with {x.Rank} dimensions");
            result[i] = a < 0 ? a + x.Rank : a;
        }
        return result;
    }

    private enum ReduceKind { Sum, Prod, Mean }

    private static NDArray Reduce(NDArray x, int[] axes, bool keepDims, ReduceKind kind)
    {
        int[] dims = x.Dims;
        var reduced = new bool[dims.Length];
        foreach (int a in axes) reduced[a] = true;
        int[] kept = dims.Select((d, i) => reduced[i] ? 1 : d).ToArray();
        var acc = new double[NDArray.ShapeSize(kept)];
        if (kind == ReduceKind.Prod) Array.Fill(acc, 1);
        var index = new int[dims.Length];
        for (int flat = 0; flat < x.Size; flat++)
        {
            int target = 0;
            for (int d = 0; d < dims.Length; d++) target = target * kept[d] + (reduced[d] ? 0 : index[d]);
            double value = x.GetDouble(flat);
            acc[target] = kind == ReduceKind.Prod ? acc[target] * value : acc[target] + value;
            for (int d = dims.Length - 1; d >= 0 && ++index[d] == dims[d]; d--) index[d] = 0;
        }
        if (kind == ReduceKind.Mean)
        {
            int count = x.Size / Math.Max(1, acc.Length);
            for (int i = 0; i < acc.Length; i++) acc[i] /= count;
        }
        int[] outDims = keepDims ? kept : dims.Where((d, i) => !reduced[i]).ToArray();
        var y = new NDArray(x.DType, outDims);
        for (int i = 0; i < acc.Length; i++) y.SetDouble(i, acc[i]);
        return y;
    }

    private static NDArray Binary(Operation op, NDArray x, NDArray y, Func<double, double, double> f)
    {
        int rank = Math.Max(x.Rank, y.Rank);
        int[] xd = Pad(x.Dims, rank), yd = Pad(y.Dims, rank), outDims = new int[rank];
        for (int i = 0; i < rank; i++)
        {
            if (xd[i] != yd[i] && xd[i] != 1 && yd[i] != 1)
                throw new ArgumentException($"{op.Type} '{op.Name}': Incompatible shapes: {x.Shape} vs. {y.Shape}");
            outDims[i] = xd[i] == 1 ? yd[i] : xd[i];
        }
        bool integral = x.DType is DType.Int32 or DType.Int64;
        var result = new NDArray(x.DType, outDims);
        var index = new int[rank];
        for (int flat = 0; flat < result.Size; flat++)
        {
            int xi = 0, yi = 0;
            for (int d = 0; d < rank; d++)
            {
                xi = xi * xd[d] + (xd[d] == 1 ? 0 : index[d]);
                yi = yi * yd[d] + (yd[d] == 1 ? 0 : index[d]);
            }
            double b = y.GetDouble(yi);
            if (integral && b == 0 && op.Type is "FloorDiv" or "FloorMod") throw new ArgumentException($"{op.Type} '{op.Name}': Integer division by zero");
            result.SetDouble(flat, f(x.GetDouble(xi), b));
            for (int d = rank - 1; d >= 0 && ++index[d] == outDims[d]; d--) index[d] = 0;
        }
        return result;
    }

    private static int[] Pad(int[] dims, int rank) => Enumerable.Repeat(1, rank - dims.Length).Concat(dims).ToArray();

    /// <summary>TF's BCast: the axes each operand was broadcast along, which its gradient is summed over.</summary>
    private static NDArray[] BroadcastGradientArgs(Operation op, NDArray s0, NDArray s1)
    {
        int[] a = Ints(s0), b = Ints(s1);
        int rank = Math.Max(a.Length, b.Length);
        int[] x = Pad(a, rank), y = Pad(b, rank);
        var r0 = new List<int>();
        var r1 = new List<int>();
        for (int i = 0; i < rank; i++)
        {
            if (x[i] == y[i])
            {
                if (x[i] == 1) { r0.Add(i); r1.Add(i); }
                continue;
            }
            if (x[i] == 1) r0.Add(i);
            else if (y[i] == 1) r1.Add(i);
            else throw new ArgumentException($"BroadcastGradientArgs '{op.Name}': Incompatible shapes: [{string.Join(",", a)}] vs. [{string.Join(",", b)}]");
        }
        return [Vector(s0.DType, r0), Vector(s0.DType, r1)];
    }

    private static int[] Ints(NDArray a) => Enumerable.Range(0, a.Size).Select(i => checked((int)a.GetDouble(i))).ToArray();

    private static NDArray Vector(DType dtype, IReadOnlyList<int> values)
    {
        var y = new NDArray(dtype, [values.Count]);
        for (int i = 0; i < values.Count; i++) y.SetDouble(i, values[i]);
        return y;
    }

    private static NDArray DynamicStitch(Operation op, NDArray[] x)
    {
        int n = x.Length / 2;
        int max = -1;
        for (int k = 0; k < n; k++) foreach (int i in Ints(x[k])) max = Math.Max(max, i);
        int[] inner = n > 0 ? x[n].Dims[x[0].Rank..] : [];
        int block = NDArray.ShapeSize(inner);
        var result = new NDArray(x[n].DType, [max + 1, .. inner]);
        for (int k = 0; k < n; k++)
        {
            int[] indices = Ints(x[k]);
            if (x[n + k].Size != indices.Length * block)
                throw new ArgumentException($"DynamicStitch '{op.Name}': data[{k}] of shape {x[n + k].Shape} does not match indices[{k}] of shape {x[k].Shape}");
            for (int j = 0; j < indices.Length; j++)
            {
                if (indices[j] < 0) throw new ArgumentException($"DynamicStitch '{op.Name}': negative index {indices[j]} in indices[{k}]");
                Array.Copy(x[n + k].Data, j * block, result.Data, indices[j] * block, block);
            }
        }
        return result;
    }

    private static NDArray Slice(Operation op, NDArray x, NDArray begin, NDArray size)
    {
        int[] b = Ints(begin), s = Ints(size), dims = x.Dims;
        if (b.Length != dims.Length || s.Length != dims.Length)
            throw new ArgumentException($"Slice '{op.Name}': begin {begin.Shape} and size {size.Shape} must have one entry per dimension of the input {x.Shape}");
        for (int d = 0; d < dims.Length; d++)
        {
            if (s[d] == -1) s[d] = dims[d] - b[d];
            if (b[d] < 0 || s[d] < 0 || b[d] + s[d] > dims[d])
                throw new ArgumentException($"Slice '{op.Name}': Expected begin {b[d]} and size {s[d]} in [0, {dims[d]}] in dimension {d} of input {x.Shape}");
        }
        var y = new NDArray(x.DType, s);
        var index = new int[dims.Length];
        for (int flat = 0; flat < y.Size; flat++)
        {
            int source = 0;
            for (int d = 0; d < dims.Length; d++) source = source * dims[d] + b[d] + index[d];
            Array.Copy(x.Data, source, y.Data, flat, 1);
            for (int d = dims.Length - 1; d >= 0 && ++index[d] == s[d]; d--) index[d] = 0;
        }
        return y;
    }

    private static NDArray Reshaped(Operation op, NDArray x, NDArray shape)
    {
        int[] dims = NDArray.ResolveReshape(x.Size, Ints(shape), $"Reshape '{op.Name}'");
        var y = new NDArray(x.DType, dims);
        Array.Copy(x.Data, y.Data, x.Size);
        return y;
    }

    private static NDArray Filled(NDArray dims, NDArray value)
    {
        int[] d = Ints(dims);
        if (d.Any(v => v < 0) || d.Aggregate(1L, (p, v) => p * v) > int.MaxValue) throw new ArgumentException($"Fill: invalid dims [{string.Join(",", d)}]");
        var y = new NDArray(value.DType, d);
        for (int i = 0; i < y.Size; i++) Array.Copy(value.Data, 0, y.Data, i, 1);
        return y;
    }

    private static NDArray FilledFromAttrs(Operation op)
    {
        (int[] dims, double value) = ArrayOps.FillAttrs.Of(op);
        var y = new NDArray(op.Outputs[0].DType, dims);
        for (int i = 0; i < y.Size; i++) y.SetDouble(i, value);
        return y;
    }

    private static NDArray Stack(Operation op, NDArray[] parts)
    {
        var y = new NDArray(parts[0].DType, [parts.Sum(p => p.Size)]);
        int at = 0;
        foreach (NDArray p in parts)
        {
            if (p.DType != y.DType) throw new ArgumentException($"{op.Type} '{op.Name}': inputs mix {y.DType.Name()} and {p.DType.Name()}");
            Array.Copy(p.Data, 0, y.Data, at, p.Size);
            at += p.Size;
        }
        return y;
    }
}
